// Handlers of the registration space. For now: "Ouverture des services", the public
// page that shows the Grand Public windows by domaine, session and académie.
#include "domain/catalogue.hpp"
#include "web/portal.hpp"

namespace examens::web {
namespace {

constexpr std::string_view kOuverture = "/ouverture-des-services";

Data link(std::string label, std::string href) {
  Data d;
  d.set("label", std::move(label));
  d.set("href", std::move(href));
  return d;
}

// Each choice narrows the next: domaine, then session, then académie. Plain links, so the
// page works without JavaScript and every step has its own address.
Response ouverture(Portal& portal, Context& ctx) {
  const auto& catalogue = portal.catalogue();
  const std::string domaine_code(ctx.req.query_param("domaine").value_or(""));
  const std::string session_code(ctx.req.query_param("session").value_or(""));
  const std::string academie_code(ctx.req.query_param("academie").value_or(""));
  const domain::Domaine* domaine = catalogue.domaine(domaine_code);
  const domain::SessionExamen* session =
      domaine ? catalogue.session(domaine->code, session_code) : nullptr;
  if (session && session->fermee) session = nullptr;
  const domain::Academie* academie = session ? catalogue.academie(academie_code) : nullptr;

  Data data;
  Data resume{Data::type::list};
  Data choix{Data::type::list};
  const std::string base = std::string(kOuverture);
  if (!domaine) {
    data.set("etape", "Sélectionnez un examen ou un concours");
    for (const auto& d : catalogue.domaines)
      choix.push_back(link(d.libelle, base + "?domaine=" + d.code));
  } else {
    const std::string with_domaine = base + "?domaine=" + domaine->code;
    resume.push_back(link(domaine->libelle, base));
    if (!session) {
      data.set("etape", "Sélectionnez une session");
      for (const auto* s : catalogue.sessions_of(domaine->code))
        choix.push_back(link(s->libelle, with_domaine + "&session=" + s->code));
    } else {
      const std::string with_session = with_domaine + "&session=" + session->code;
      resume.push_back(link(session->libelle, with_domaine));
      if (!academie) {
        data.set("etape", "Sélectionnez une académie");
        for (const auto* p : catalogue.periodes_of(domaine->code, session->code))
          if (const auto* a = catalogue.academie(p->academie))
            choix.push_back(link(a->nom + " - (" + session->libelle + ")",
                                 with_session + "&academie=" + a->code));
      } else {
        resume.push_back(link(academie->nom + " - (" + session->libelle + ")", with_session));
        const auto* periode = catalogue.periode(domaine->code, session->code, academie->code);
        data.set("resultat", true);
        if (periode) {
          data.set("phrase", domain::phrase_periode(*periode, ctx.now));
          data.set("ouverte",
                   domain::etat_periode(*periode, ctx.now) == domain::EtatPeriode::ouverte);
        }
      }
    }
  }
  data.set("resume", resume);
  data.set("choix", choix);
  data.set("aucun_choix", choix.is_empty_list() && !data.get("resultat"));
  return portal.page(ctx, "inscription/ouverture", "Ouverture des services", data);
}

}  // namespace

void add_inscription_routes(Router<RouteHandler>& r) {
  r.add(Method::get, kOuverture, ouverture);
}

}  // namespace examens::web
