// Handlers of the staff member's account: activation (choosing his password), login, logout
// and the home page of the office's space.
#include "actions/agents.hpp"
#include "domain/agents.hpp"
#include "gestion/gestion.hpp"
#include "portail/compte_formulaire.hpp"

namespace examens::gestion {
namespace {

using portail::Context;
using portail::Data;
using portail::FieldSpec;
using portail::FormView;
using portail::Method;
using portail::Portal;
using portail::Request;
using portail::Response;
using Issue = actions::ResultatConnexionAgent::Issue;

constexpr FieldSpec kEmail{"email", "Adresse mail", "", "email", "username"};
constexpr FieldSpec kMotDePasse{"mot_de_passe", "Mot de passe", "", "password", "current-password"};
constexpr FieldSpec kNouveauMotDePasse{"mot_de_passe", "Mot de passe", portail::kPasswordHint,
                                       "password", "new-password"};

Response login_required() {
  return Response::redirect("/gestion/connexion?expiree=1");
}

void alert_from_query(Context& ctx) {
  if (ctx.req.query_param("expiree"))
    ctx.alerts.push_back({"info",
                          "Votre session a expiré ou vous n'êtes pas connecté(e). Veuillez vous "
                          "identifier.",
                          ""});
  if (ctx.req.query_param("active"))
    ctx.alerts.push_back(
        {"success", "Votre mot de passe est enregistré. Vous pouvez vous connecter.", ""});
  if (ctx.req.query_param("deconnecte"))
    ctx.alerts.push_back({"success", "Vous êtes déconnecté(e).", ""});
}

Response accueil(Portal& portal, Context& ctx) {
  // The router takes /gestion for /gestion/, where the staff cookie is not sent.
  if (!portail::under_gestion(ctx.req)) return Response::redirect("/gestion/");
  if (!ctx.agent) return login_required();
  const store::Agent& agent = *ctx.agent;
  const domain::Academie* academie = portal.catalogue().academie(agent.academie);
  Data data;
  data.set("academie", academie ? domain::nom_courant_academie(academie->nom) : agent.academie);
  data.set("nom_affiche", domain::nom_affiche_agent(agent.prenom, agent.nom, agent.email));
  data.set("role", std::string(domain::libelle_role(agent.role).value_or(agent.role)));
  data.set("email", agent.email);
  data.set("administrateur", agent.role == domain::kRoleAdministrateur);
  return portal.page(ctx, "gestion/accueil", "Espace gestion", std::move(data));
}

Response connexion_page(Portal& portal, Context& ctx, std::string email,
                        const domain::FieldErrors& errors, std::string refus, int status) {
  FormView view(errors);
  view.field(kEmail, std::move(email));
  view.field(kMotDePasse, "");
  if (!refus.empty()) view.form_error(std::move(refus));
  return portal.page(ctx, "gestion/connexion", "Connexion à l'espace gestion", view.data(), status);
}

Response connexion_form(Portal& portal, Context& ctx) {
  if (ctx.agent) return Response::redirect("/gestion/");
  alert_from_query(ctx);
  return connexion_page(portal, ctx, "", {}, "", 200);
}

Response connexion(Portal& portal, Context& ctx) {
  const actions::ConnexionAgent connexion{ctx.req.field_or("email"),
                                          ctx.req.field_or("mot_de_passe"),
                                          Portal::navigateur(ctx.req, portail::kGestionCookie)};
  auto result = actions::se_connecter_agent(portal.services(), connexion, ctx.now);
  switch (result.issue) {
    case Issue::champs_manquants:
      return connexion_page(portal, ctx, connexion.email, result.errors, "", 422);
    case Issue::bloquee:
      return connexion_page(portal, ctx, connexion.email, {},
                            "Trop de tentatives de connexion ont échoué. Par sécurité, la "
                            "connexion est suspendue pendant quelques minutes, plus longtemps "
                            "après chaque nouvel échec : réessayez plus tard.",
                            429);
    case Issue::incorrecte:
      return connexion_page(portal, ctx, connexion.email, {},
                            "Adresse mail ou mot de passe incorrect.", 422);
    case Issue::desactive:
      return connexion_page(portal, ctx, connexion.email, {},
                            "Ce compte est désactivé : adressez-vous à l'administrateur de votre "
                            "académie.",
                            403);
    case Issue::ouverte: break;
  }
  portal.login_agent(ctx, std::move(*result.session));
  return Response::redirect("/gestion/");
}

Response deconnexion(Portal& portal, Context& ctx) {
  portal.logout_agent(ctx);
  return Response::redirect("/gestion/connexion?deconnecte=1");
}

Response lien_invalide(Portal& portal, Context& ctx, store::JetonEtat etat) {
  std::string message =
      "Ce lien d'activation n'est pas valide. Vérifiez que vous avez copié "
      "l'adresse complète.";
  if (etat == store::JetonEtat::utilise)
    message =
        "Ce lien d'activation a déjà été utilisé : connectez-vous avec le mot de passe "
        "choisi.";
  if (etat == store::JetonEtat::expire)
    message = "Ce lien d'activation a expiré (" +
              std::string(domain::kActivationAgentValidityText) +
              ") : demandez-en un nouveau à l'administrateur de votre académie.";
  return portal.error_page(ctx, 410, "Activation du compte", std::move(message));
}

// The form where a new staff member chooses his password, or why his link is refused.
Response activer_page(Portal& portal, Context& ctx, const std::string& jeton,
                      const domain::FieldErrors& errors, int status) {
  const auto etat = actions::etat_jeton_agent(portal.services(), jeton, ctx.now);
  if (etat != store::JetonEtat::valide) return lien_invalide(portal, ctx, etat);
  FormView view(errors);
  view.field(kNouveauMotDePasse, "");
  view.field(portail::kMotDePasseConfirmation, "");
  Data data = view.data();
  data.set("jeton", jeton);
  return portal.page(ctx, "gestion/activer", "Activer mon compte", std::move(data), status);
}

Response activer_form(Portal& portal, Context& ctx) {
  return activer_page(portal, ctx, std::string(ctx.req.query_param("jeton").value_or("")), {}, 200);
}

Response activer(Portal& portal, Context& ctx) {
  const std::string jeton = ctx.req.field_or("jeton");
  const auto result = actions::activer_agent(
      portal.services(), jeton, ctx.req.field_or("mot_de_passe"),
      ctx.req.field_or("mot_de_passe_confirmation"), ctx.req.remote_address, ctx.now);
  if (!result.errors.empty()) return activer_page(portal, ctx, jeton, result.errors, 422);
  if (result.jeton != store::JetonEtat::valide) return lien_invalide(portal, ctx, result.jeton);
  return Response::redirect("/gestion/connexion?active=1");
}

bool runs_argon2(const Request& request) {
  return request.method == Method::post &&
         (request.path == "/gestion/connexion" || request.path == "/gestion/activer");
}

void add_routes(portail::Router<portail::RouteHandler>& r) {
  r.add(Method::get, "/gestion/", accueil);
  r.add(Method::get, "/gestion/connexion", connexion_form);
  r.add(Method::post, "/gestion/connexion", connexion);
  r.add(Method::post, "/gestion/deconnexion", deconnexion);
  r.add(Method::get, "/gestion/activer", activer_form);
  r.add(Method::post, "/gestion/activer", activer);
  add_audit_routes(r);
  add_candidatures_routes(r);
  add_annulation_routes(r);
}

}  // namespace

portail::Space espace() {
  return {add_routes, runs_argon2};
}

}  // namespace examens::gestion
