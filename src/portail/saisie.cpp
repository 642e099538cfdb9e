// Handlers of the registration wizard (SPEC §4, docs/decisions/0004-wizard.md): "M'inscrire",
// the tabs 1 to 8 with their server-side draft, and the drafts still to finish on the home
// page. Each parses the request, calls one action (actions/saisie.hpp) and shows its outcome.
#include "actions/saisie.hpp"

#include <limits>
#include <stdexcept>

#include "portail/inscription.hpp"
#include "portail/saisie_onglets.hpp"

namespace examens::portail {
namespace {

constexpr std::string_view kNouvelle = "/inscription/nouvelle";

// GET /inscription/nouvelle: "M'inscrire", the choice of "Ouverture des services" with
// "Démarrer mon inscription" while the window is open.
Response nouvelle(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  ChoixExamen choix = choix_examen(portal, ctx, kNouvelle);
  if (choix.periode) {
    Data& d = choix.data;
    d.set("demarrage", true);
    d.set("domaine", choix.domaine->code);
    d.set("session", choix.session->code);
    d.set("academie", choix.academie->code);
    const auto etat =
        actions::etat_inscription(portal.services(), ctx.compte->id, choix.domaine->code,
                                  choix.session->code, choix.academie->code);
    if (etat.candidature_active) d.set("deja_inscrit", std::to_string(*etat.candidature_active));
    d.set("brouillon", etat.brouillon);
  }
  return portal.page(ctx, "inscription/nouvelle", "M'inscrire", std::move(choix.data));
}

Response demarrer(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  return std::visit(Rendu{portal, ctx},
                    actions::demarrer_inscription(
                        portal.services(), *ctx.compte, ctx.req.field_or("domaine"),
                        ctx.req.field_or("session"), ctx.req.field_or("academie"), ctx.now));
}

// The tab number of the path; 0, which no tab has, when it is not one of theirs.
int onglet_of_path(const Context& ctx) {
  const auto n = identifiant(ctx.req, "onglet");
  return n && *n <= std::numeric_limits<int>::max() ? static_cast<int>(*n) : 0;
}

// The draft the tab's route read with the session (Lecture::saisie).
actions::SaisieLue saisie_of(Context& ctx) {
  if (!ctx.saisie) throw std::logic_error("un onglet sans son brouillon");
  return std::move(*ctx.saisie);
}

Response onglet_get(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  return std::visit(Rendu{portal, ctx},
                    actions::ouvrir_onglet(portal.services(), *ctx.compte, saisie_of(ctx),
                                           onglet_of_path(ctx), ctx.now, affichage_of(ctx.req)));
}

actions::Bouton bouton_of(const std::string& action) {
  if (action == "precedent") return actions::Bouton::precedent;
  if (action == "quitter") return actions::Bouton::quitter;
  if (action == "enregistrer") return actions::Bouton::enregistrer;
  return actions::Bouton::suivant;
}

Response onglet_post(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  return std::visit(Rendu{portal, ctx},
                    actions::enregistrer_onglet(portal.services(), *ctx.compte, saisie_of(ctx),
                                                onglet_of_path(ctx), ctx.req.form,
                                                bouton_of(ctx.req.field_or("action", "suivant")),
                                                ctx.req.remote_address, ctx.now));
}

}  // namespace

void add_saisies_en_cours(Portal& portal, const Context& ctx,
                          const std::vector<std::pair<std::string, std::string>>& brouillons,
                          Data& data) {
  const auto& catalogue = portal.catalogue();
  Data saisies{Data::type::list};
  for (const auto& b : actions::saisies_en_cours(portal.services(), brouillons, ctx.now)) {
    const auto& d = b.dossier;
    Data saisie;
    saisie.set("examen", catalogue.domaine(d.domaine)->libelle);
    saisie.set("session", catalogue.session(d.domaine, d.session)->libelle);
    saisie.set("academie", catalogue.academie(d.academie)->nom);
    saisie.set("href", onglet_href(b.cle, b.atteint));
    saisies.push_back(saisie);
  }
  data.set("saisies", saisies);
  data.set("a_des_saisies", !saisies.is_empty_list());
}

bool writes_the_wizard(const Request& request) {
  return request.method == Method::post && request.path.starts_with("/inscription/saisie/");
}

void add_saisie_routes(Router<RouteHandler>& r) {
  r.add(Method::get, kNouvelle, nouvelle);
  r.add(Method::post, kNouvelle, demarrer);
  r.add(Method::get, "/inscription/saisie/{cle}/{onglet}", {onglet_get, actions::Lecture::saisie});
  r.add(Method::post, "/inscription/saisie/{cle}/{onglet}",
        {onglet_post, actions::Lecture::saisie});
}

}  // namespace examens::portail
