// Handlers of the reference data: the commune search behind the birth-place
// autocomplete (JSON), served from each instance's memory.
#include <boost/json.hpp>

#include "portail/portal.hpp"

namespace examens::portail {
namespace {

constexpr std::size_t kMaxCommunes = 20;

Response communes(Portal& portal, Context& ctx) {
  const auto departement = ctx.req.query_param("departement").value_or("");
  const auto q = ctx.req.query_param("q").value_or("");
  if (departement.empty() || q.size() > 100)
    return Response::json(R"({"erreur":"Paramètres departement et q attendus."})", 400);
  if (!portal.referentiel().departement_exists(departement))
    return Response::json(R"({"erreur":"Département inconnu."})", 404);
  boost::json::array out;
  for (const auto& c : portal.referentiel().search_communes(departement, q, kMaxCommunes))
    out.push_back(boost::json::object{{"code", c.code}, {"nom", c.nom}});
  auto r = Response::json(boost::json::serialize(out));
  // The same answer for everyone: a browser may keep it for a while.
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace

void add_referentiel_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/referentiel/communes", communes);
}

}  // namespace examens::portail
