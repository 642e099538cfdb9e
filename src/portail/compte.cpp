// Handlers of the account space (SPEC §3): creation, activation, login, logout,
// forgotten password, "Modifier mon compte", "Supprimer" and the home page. The account
// form is in compte_formulaire.cpp, "Consulter mes messages" in messages.cpp.
#include "actions/compte.hpp"

#include <stdexcept>

#include "portail/compte_formulaire.hpp"
#include "portail/inscription.hpp"
#include "portail/portal.hpp"
#include "web/form_view.hpp"

namespace examens::portail {
namespace {

using domain::CompteForm;
using domain::FieldErrors;

Data compte_summary(const store::Compte& c) {
  Data d;
  d.set("numero_candidat", c.numero_candidat);
  d.set("nom_affiche", domain::nom_affiche(c.identite));
  d.set("date_naissance", domain::format_date_fr(c.identite.date_naissance));
  d.set("email", c.email);
  return d;
}

void alert_from_query(Context& ctx) {
  struct Notice {
    const char* key;
    const char* type;
    const char* title;
  };
  static constexpr Notice notices[] = {
      {"expiree", "info",
       "Votre session a expiré ou vous n'êtes pas connecté(e). Veuillez vous "
       "identifier."},
      {"active", "success", "Votre compte est activé. Vous pouvez vous connecter."},
      {"deconnecte", "success", "Vous êtes déconnecté(e)."},
      {"mot_de_passe", "success",
       "Votre mot de passe a été modifié. Vous pouvez vous connecter avec ce nouveau mot de "
       "passe."},
      {"supprime", "success", "Votre compte a été supprimé."},
  };
  for (const auto& n : notices)
    if (ctx.req.query_param(n.key)) ctx.alerts.push_back({n.type, n.title, ""});
}

// --- pages ---

Response accueil(Portal& portal, Context& ctx) {
  alert_from_query(ctx);
  if (!ctx.compte) return portal.page(ctx, "accueil_public", "Accueil", Data{});
  if (ctx.req.query_param("desinscrit"))
    ctx.alerts.push_back({"success", "Votre désinscription a bien été prise en compte.",
                          "Un mail de confirmation vous a été envoyé."});
  if (ctx.req.query_param("saisie_conservee"))
    ctx.alerts.push_back({"info", "Votre saisie est conservée.",
                          "Reprenez-la depuis « Saisies en cours » ci-dessous, ou par « Modifier » "
                          "s'il s'agit d'une modification : rien de ce que vous avez tapé n'est "
                          "perdu."});
  // Read with the session: its route declares Lecture::accueil.
  if (!ctx.accueil) throw std::logic_error("la page d'accueil sans ses listes");
  Data data = compte_summary(*ctx.compte);
  add_mes_inscriptions(portal, ctx, ctx.accueil->candidatures, data);
  add_saisies_en_cours(portal, ctx, ctx.accueil->brouillons, data);
  return portal.page(ctx, "accueil", "Mon espace candidat", std::move(data));
}

Response creer_form(Portal& portal, Context& ctx) {
  if (ctx.compte) return Response::redirect("/");
  return portal.page(ctx, "compte/creer", "Créer mon compte",
                     compte_form_data(portal, Mode::creation, {}, {}, false, ""));
}

Response creer(Portal& portal, Context& ctx) {
  if (ctx.compte) return Response::redirect("/");
  const CompteForm form = read_form(ctx.req);
  if (ctx.req.field("action") == "chercher-commune") {
    FieldErrors errors;
    std::string query = form.commune_naissance;
    if (form.departement_naissance.empty())
      errors.add("departement_naissance",
                 "Choisissez d'abord votre département de naissance pour rechercher la commune.");
    else if (query.size() < 2)
      errors.add("commune_naissance", "Saisissez au moins deux lettres du nom de la commune.");
    return portal.page(ctx, "compte/creer", "Créer mon compte",
                       compte_form_data(portal, Mode::creation, form, errors, false,
                                        errors.empty() ? query : std::string()));
  }

  const auto creation = actions::creer_compte(portal.services(), form, ctx.now);
  if (!creation.compte)
    return portal.page(ctx, "compte/creer", "Créer mon compte",
                       compte_form_data(portal, Mode::creation, form, creation.errors, false, ""),
                       422);
  Data data;
  data.set("email", creation.compte->email);
  return portal.page(ctx, "compte/cree", "Votre compte est en cours de création", std::move(data));
}

Response jeton_invalide(Portal& portal, Context& ctx, store::JetonEtat etat, bool activation) {
  std::string message;
  switch (etat) {
    case store::JetonEtat::utilise:
      message = activation ? "Ce lien d'activation a déjà été utilisé : votre compte est activé, "
                             "vous pouvez vous connecter."
                           : "Ce lien a déjà été utilisé. Si besoin, demandez un nouveau lien "
                             "avec « Mot de passe oublié ».";
      break;
    case store::JetonEtat::expire:
      message = activation ? "Ce lien d'activation a expiré (48 heures). Vos informations ont été "
                             "effacées : vous devez recommencer la création de votre compte."
                           : "Ce lien a expiré. Demandez un nouveau lien avec « Mot de passe "
                             "oublié ».";
      break;
    default:
      message = activation ? "Ce lien d'activation n'est pas valide. Vérifiez que vous avez copié "
                             "l'adresse complète, ou recommencez la création de votre compte."
                           : "Ce lien n'est pas valide. Vérifiez que vous avez copié l'adresse "
                             "complète, ou demandez un nouveau lien avec « Mot de passe oublié ».";
  }
  return portal.error_page(ctx, 410, activation ? "Activation du compte" : "Mot de passe oublié",
                           message);
}

// GET shows a button rather than activating: mail scanners that fetch links must
// not consume a single-use link.
Response activer_form(Portal& portal, Context& ctx) {
  const std::string token(ctx.req.query_param("jeton").value_or(""));
  const auto etat = actions::etat_jeton(portal.services(), token, store::kJetonActivation, ctx.now);
  if (etat != store::JetonEtat::valide) return jeton_invalide(portal, ctx, etat, true);
  Data data;
  data.set("jeton", token);
  return portal.page(ctx, "compte/activer", "Activer mon compte", std::move(data));
}

Response activer(Portal& portal, Context& ctx) {
  const auto etat = actions::activer_compte(portal.services(), ctx.req.field_or("jeton"), ctx.now);
  if (etat != store::JetonEtat::valide) return jeton_invalide(portal, ctx, etat, true);
  return Response::redirect("/connexion?active=1");
}

constexpr FieldSpec kIdentifiant{
    "identifiant", "Identifiant de connexion",
    "Adresse mail, identifiant fourni par votre établissement ou numéro de candidat", "text",
    "username"};
constexpr FieldSpec kMotDePasseConnexion{"mot_de_passe", "Mot de passe", "", "password",
                                         "current-password"};

// The login form; `refus` is why valid-looking credentials were turned down.
Response connexion_page(Portal& portal, Context& ctx, std::string identifiant,
                        const FieldErrors& errors, std::string refus, int status) {
  FormView view(errors);
  view.field(kIdentifiant, std::move(identifiant));
  view.field(kMotDePasseConnexion, "");
  if (!refus.empty()) view.form_error(std::move(refus));
  return portal.page(ctx, "connexion", "Me connecter", view.data(), status);
}

Response connexion_form(Portal& portal, Context& ctx) {
  if (ctx.compte) return Response::redirect("/");
  alert_from_query(ctx);
  return connexion_page(portal, ctx, std::string(ctx.req.query_param("identifiant").value_or("")),
                        {}, "", 200);
}

Response connexion(Portal& portal, Context& ctx) {
  using Issue = actions::ResultatConnexion::Issue;
  const actions::Connexion connexion{ctx.req.field_or("identifiant"),
                                     ctx.req.field_or("mot_de_passe"), Portal::navigateur(ctx.req)};
  auto result = actions::se_connecter(portal.services(), connexion, ctx.now);
  const std::string& identifiant = connexion.identifiant;
  switch (result.issue) {
    case Issue::champs_manquants:
      return connexion_page(portal, ctx, identifiant, result.errors, "", 422);
    case Issue::bloquee:
      return connexion_page(
          portal, ctx, identifiant, {},
          "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est suspendue "
          "pendant quelques minutes, plus longtemps après chaque nouvel échec : réessayez plus "
          "tard, ou utilisez « Mot de passe oublié », qui lève la suspension dès que vous avez "
          "choisi un nouveau mot de passe.",
          429);
    case Issue::incorrecte:
      return connexion_page(portal, ctx, identifiant, {}, "Identifiant ou mot de passe incorrect.",
                            422);
    case Issue::non_activee:
      return connexion_page(portal, ctx, identifiant, {},
                            "Votre compte n'est pas encore activé : cliquez sur le lien « Activer "
                            "mon compte » du mail reçu lors de sa création (valable 48 heures).",
                            403);
    case Issue::ouverte: break;
  }
  portal.login(ctx, std::move(*result.session));
  return Response::redirect("/");
}

Response deconnexion(Portal& portal, Context& ctx) {
  portal.logout(ctx);
  return Response::redirect("/connexion?deconnecte=1");
}

Response aide_connexion(Portal& portal, Context& ctx) {
  return portal.page(ctx, "aide_connexion", "Besoin d'aide pour vous connecter ?", Data{});
}

Response prolonger(Portal& portal, Context& ctx) {
  if (!ctx.session) return Response::text("Session expirée.", 401);
  actions::prolonger_session(portal.services(), ctx.session->empreinte, ctx.now);
  Response r;
  r.status = 204;
  return r;
}

// No hint: the page's introduction, just above, says what an identifier is.
constexpr FieldSpec kIdentifiantOubli{"identifiant", "Identifiant de connexion", "", "text",
                                      "username"};

Response oubli_page(Portal& portal, Context& ctx, const FieldErrors& errors, int status) {
  FormView view(errors);
  view.field(kIdentifiantOubli, "");
  return portal.page(ctx, "mot_de_passe/oubli", "Mot de passe oublié", view.data(), status);
}

Response oubli_form(Portal& portal, Context& ctx) {
  return oubli_page(portal, ctx, {}, 200);
}

// Records the request and answers at once, the same way and after the same work whether
// or not the identifier names an account: the mail is built later, off the request's path.
Response oubli(Portal& portal, Context& ctx) {
  const auto errors =
      actions::demander_mot_de_passe(portal.services(), ctx.req.field_or("identifiant"), ctx.now);
  if (!errors.empty()) return oubli_page(portal, ctx, errors, 422);
  return portal.page(ctx, "mot_de_passe/oubli_envoye", "Mot de passe oublié", Data{});
}

// The "Modifier mon mot de passe" form of a reset link, or why the link is refused.
Response nouveau_page(Portal& portal, Context& ctx, const std::string& token,
                      const FieldErrors& errors, int status) {
  const auto etat = actions::etat_jeton(portal.services(), token, store::kJetonMotDePasse, ctx.now);
  if (etat != store::JetonEtat::valide) return jeton_invalide(portal, ctx, etat, false);
  FormView view(errors);
  view.field({"mot_de_passe", "Nouveau mot de passe", kPasswordHint, "password", "new-password"},
             "");
  view.field(kMotDePasseConfirmation, "");
  Data data = view.data();
  data.set("jeton", token);
  return portal.page(ctx, "mot_de_passe/nouveau", "Modifier mon mot de passe", std::move(data),
                     status);
}

Response nouveau_form(Portal& portal, Context& ctx) {
  return nouveau_page(portal, ctx, std::string(ctx.req.query_param("jeton").value_or("")), {}, 200);
}

Response nouveau(Portal& portal, Context& ctx) {
  const std::string token = ctx.req.field_or("jeton");
  const auto result = actions::reinitialiser_mot_de_passe(
      portal.services(), token, ctx.req.field_or("mot_de_passe"),
      ctx.req.field_or("mot_de_passe_confirmation"), ctx.now);
  if (!result.errors.empty()) return nouveau_page(portal, ctx, token, result.errors, 422);
  if (result.jeton != store::JetonEtat::valide)
    return jeton_invalide(portal, ctx, result.jeton, false);
  return Response::redirect("/connexion?mot_de_passe=1");
}

Response modifier_page(Portal& portal, Context& ctx, const CompteForm& form,
                       const FieldErrors& errors, bool locked, int status,
                       std::string_view commune_query = {}) {
  Data data = compte_form_data(portal, Mode::modification, form, errors, locked, commune_query);
  data.set("numero_candidat", ctx.compte->numero_candidat);
  {
    store::Read read(portal.db());
    const int sessions = store::count_sessions(read, ctx.compte->id, ctx.now);
    data.set("autres_sessions", sessions > 1);
    data.set("autres_sessions_nombre", std::to_string(sessions - 1));
  }
  if (const std::string* e = errors.message("identite")) data.set("erreur_identite", *e);
  if (const std::string* e = errors.message("mot_de_passe_actuel"))
    data.set("erreur_mot_de_passe_actuel", *e);
  return portal.page(ctx, "compte/modifier", "Modifier mon compte", std::move(data), status);
}

Response modifier_form(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  if (ctx.req.query_param("enregistre"))
    ctx.alerts.push_back({"success", "Vos informations ont été enregistrées.", ""});
  if (ctx.req.query_param("sessions"))
    ctx.alerts.push_back({"success", "Vos autres sessions ont été fermées.", ""});
  return modifier_page(portal, ctx, form_of(*ctx.compte), {},
                       actions::identite_verrouillee(portal.services(), ctx.compte->id), 200);
}

Response modifier(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const store::Compte& compte = *ctx.compte;
  const actions::Modification modification{
      read_form(ctx.req), ctx.req.field_or("mot_de_passe_actuel"), ctx.session->empreinte};
  const CompteForm& form = modification.form;
  if (ctx.req.field("action") == "chercher-commune" &&
      !actions::identite_verrouillee(portal.services(), compte.id))
    return modifier_page(portal, ctx, form, {}, false, 200, form.commune_naissance);
  const auto result = actions::modifier_compte(portal.services(), compte, modification, ctx.now);
  if (result.errors.empty()) return Response::redirect("/compte/modifier?enregistre=1");
  if (!result.identite_verrouillee)
    return modifier_page(portal, ctx, form, result.errors, false, 422);
  // Greyed fields show what is stored, never what a request tried to send.
  CompteForm shown = form_of(compte);
  shown.email = form.email;
  shown.email_confirmation = form.email_confirmation;
  return modifier_page(portal, ctx, shown, result.errors, true, 422);
}

Response fermer_sessions(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  actions::fermer_autres_sessions(portal.services(), ctx.compte->id, ctx.session->empreinte);
  return Response::redirect("/compte/modifier?sessions=1");
}

Response supprimer_form(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  Data data = compte_summary(*ctx.compte);
  if (auto refus = actions::refus_suppression(portal.services(), ctx.compte->id))
    data.set("refus", *refus);
  return portal.page(ctx, "compte/supprimer", "Supprimer mon compte", std::move(data));
}

Response supprimer(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  if (auto refus = actions::supprimer_compte(portal.services(), ctx.compte->id)) {
    Data data = compte_summary(*ctx.compte);
    data.set("refus", *refus);
    return portal.page(ctx, "compte/supprimer", "Supprimer mon compte", std::move(data), 409);
  }
  // Its sessions went with the account: only the cookie is left to clear.
  ctx.session.reset();
  portal.logout(ctx);
  return Response::redirect("/?supprime=1");
}

}  // namespace

bool runs_argon2(const Request& request) {
  if (request.method != Method::post) return false;
  const std::string_view path = request.path;
  return path == "/connexion" || path == "/compte/creer" || path == "/mot-de-passe/nouveau" ||
         path == "/compte/modifier";
}

void add_compte_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/", {accueil, actions::Lecture::accueil});
  r.add(Method::get, "/compte/creer", creer_form);
  r.add(Method::post, "/compte/creer", creer);
  r.add(Method::get, "/compte/activer", activer_form);
  r.add(Method::post, "/compte/activer", activer);
  r.add(Method::get, "/connexion", connexion_form);
  r.add(Method::post, "/connexion", connexion);
  r.add(Method::post, "/deconnexion", deconnexion);
  r.add(Method::get, "/aide-connexion", aide_connexion);
  r.add(Method::post, "/session/prolonger", prolonger);
  r.add(Method::get, "/mot-de-passe-oublie", oubli_form);
  r.add(Method::post, "/mot-de-passe-oublie", oubli);
  r.add(Method::get, "/mot-de-passe/nouveau", nouveau_form);
  r.add(Method::post, "/mot-de-passe/nouveau", nouveau);
  r.add(Method::get, "/compte/modifier", modifier_form);
  r.add(Method::post, "/compte/modifier", modifier);
  r.add(Method::post, "/compte/sessions/fermer", fermer_sessions);
  r.add(Method::get, "/compte/supprimer", supprimer_form);
  r.add(Method::post, "/compte/supprimer", supprimer);
}

}  // namespace examens::portail
