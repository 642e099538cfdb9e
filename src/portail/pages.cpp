// Handlers of the informational pages linked from every footer: site map, legal
// notice, accessibility statement.
#include "portail/portal.hpp"

namespace examens::portail {
namespace {

RouteHandler content_page(std::string template_name, std::string title) {
  return [template_name, title](Portal& portal, Context& ctx) {
    return portal.page(ctx, template_name, title, Data{});
  };
}

}  // namespace

void add_pages_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/plan-du-site", content_page("pages/plan_du_site", "Plan du site"));
  r.add(Method::get, "/mentions-legales",
        content_page("pages/mentions_legales", "Mentions légales"));
  r.add(Method::get, "/accessibilite",
        content_page("pages/accessibilite", "Déclaration d'accessibilité"));
}

}  // namespace examens::portail
