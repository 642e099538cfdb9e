// Handlers of the account space (SPEC §3): creation, activation, login, logout,
// forgotten password, "Modifier mon compte", "Supprimer" and the home page. The account
// form is in compte_formulaire.cpp, "Consulter mes messages" in messages.cpp.
#include "domain/compte.hpp"

#include <algorithm>

#include "crypto/secrets.hpp"
#include "domain/temps.hpp"
#include "domain/throttle.hpp"
#include "portail/compte_formulaire.hpp"
#include "portail/inscription.hpp"
#include "portail/portal.hpp"
#include "web/form_view.hpp"

namespace examens::portail {
namespace {

using domain::CompteForm;
using domain::FieldErrors;

// The login counter of an account, whichever identifier was typed (email, login id, numéro).
std::string cle_throttle(long long compte_id) {
  return "compte:" + std::to_string(compte_id);
}

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

std::string activation_link(const Portal& portal, const std::string& token) {
  return portal.options().base_url + "/compte/activer?jeton=" + token;
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
  Data data = compte_summary(*ctx.compte);
  add_mes_inscriptions(portal, ctx, data);
  add_saisies_en_cours(portal, ctx, data);
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

  auto validation =
      domain::validate_creation(form, portal.referentiel(), domain::paris_today(ctx.now));
  if (validation.errors.empty()) {
    store::Read read(portal.db());
    if (store::email_taken(read, validation.compte->email))
      validation.errors.add("email", "Cette adresse mail existe déjà dans l'application");
  }
  if (!validation.errors.empty())
    return portal.page(ctx, "compte/creer", "Créer mon compte",
                       compte_form_data(portal, Mode::creation, form, validation.errors, false, ""),
                       422);

  const auto& valid = *validation.compte;
  store::Compte compte;
  compte.email = valid.email;
  compte.mot_de_passe = crypto::hash_password(valid.mot_de_passe);
  compte.etat = store::kEtatEnAttente;
  compte.identite = valid.identite;
  const std::string token = crypto::random_token(32);
  try {
    store::Tx tx(portal.db());
    do {
      compte.numero_candidat = domain::numero_candidat_from(crypto::random_u64());
    } while (!store::reserve_numero_candidat(tx, compte.numero_candidat, ctx.now));
    compte.id = store::insert_compte(tx, compte, ctx.now);
    store::insert_jeton(tx, crypto::token_hash(token), compte.id, store::kJetonActivation, ctx.now,
                        ctx.now + domain::kActivationValidity);
    portal.services().courrier().queue(tx, compte, "activation", "[Examens] Activer mon compte",
                                       Data{}, ctx.now,
                                       LienUnique{activation_link(portal, token), "48 heures"});
    tx.commit();
  } catch (const store::Duplicate&) {
    // Another request created an account with this email between our check and insert.
    validation.errors.add("email", "Cette adresse mail existe déjà dans l'application");
    return portal.page(ctx, "compte/creer", "Créer mon compte",
                       compte_form_data(portal, Mode::creation, form, validation.errors, false, ""),
                       422);
  }
  portal.services().courrier().committed();
  Data data;
  data.set("email", compte.email);
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
  store::Read read(portal.db());
  const auto jeton =
      store::read_jeton(read, crypto::token_hash(token), store::kJetonActivation, ctx.now);
  if (jeton.etat != store::JetonEtat::valide) return jeton_invalide(portal, ctx, jeton.etat, true);
  Data data;
  data.set("jeton", token);
  return portal.page(ctx, "compte/activer", "Activer mon compte", std::move(data));
}

Response activer(Portal& portal, Context& ctx) {
  const std::string token = ctx.req.field_or("jeton");
  const std::string empreinte = crypto::token_hash(token);
  store::Tx tx(portal.db());
  auto compte_id = store::consume_jeton(tx, empreinte, store::kJetonActivation, ctx.now);
  if (!compte_id) {
    const auto jeton = store::read_jeton(tx, empreinte, store::kJetonActivation, ctx.now);
    return jeton_invalide(portal, ctx, jeton.etat, true);
  }
  store::activate_compte(tx, *compte_id, ctx.now);
  store::clear_throttle(tx, cle_throttle(*compte_id));
  tx.commit();
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
  const std::string identifiant = ctx.req.field_or("identifiant");
  const std::string mot_de_passe = ctx.req.field_or("mot_de_passe");
  if (identifiant.empty() || mot_de_passe.empty()) {
    FieldErrors errors;
    if (identifiant.empty())
      errors.add("identifiant", "Veuillez saisir votre identifiant de connexion.");
    if (mot_de_passe.empty()) errors.add("mot_de_passe", "Veuillez saisir votre mot de passe.");
    return connexion_page(portal, ctx, identifiant, errors, "", 422);
  }

  std::optional<store::Compte> compte;
  {
    store::Read read(portal.db());
    compte = store::find_compte_by_any(read, identifiant);
  }
  // An email, a login id and a numéro de candidat name one account: one counter.
  const std::string key_compte =
      compte ? cle_throttle(compte->id) : "id:" + domain::normalize_email(identifiant);
  const std::string key_ip = "ip:" + ctx.req.remote_address;
  bool admitted = false;
  {
    // Counted before the Argon2id check and committed at once, so that parallel guesses
    // each take one of the allowed attempts.
    store::Tx tx(portal.db());
    admitted = !store::throttle_blocked(tx, key_ip, ctx.now) &&
               store::admit_attempt(tx, key_compte, ctx.now, domain::kCompteThrottle);
    tx.commit();
  }
  if (!admitted)
    return connexion_page(portal, ctx, identifiant, {},
                          "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion "
                          "est suspendue pendant quelques minutes, plus longtemps après chaque "
                          "nouvel échec : réessayez plus tard, ou utilisez « Mot de passe "
                          "oublié », qui lève la suspension dès que vous avez choisi un nouveau "
                          "mot de passe.",
                          429);
  // The same Argon2id cost whether or not the identifier exists.
  const bool ok =
      crypto::verify_password(compte ? compte->mot_de_passe : portal.dummy_hash(), mot_de_passe) &&
      compte.has_value();
  store::Tx tx(portal.db());
  if (!ok) {
    // The account's streak already counts this attempt; the address counts failures only.
    store::admit_attempt(tx, key_ip, ctx.now, domain::kAddressThrottle);
    tx.commit();
    return connexion_page(portal, ctx, identifiant, {}, "Identifiant ou mot de passe incorrect.",
                          422);
  }
  store::clear_throttle(tx, key_compte);
  if (!compte->actif()) {
    tx.commit();
    return connexion_page(portal, ctx, identifiant, {},
                          "Votre compte n'est pas encore activé : cliquez sur le lien « Activer "
                          "mon compte » du mail reçu lors de sa création (valable 48 heures).",
                          403);
  }
  if (crypto::password_needs_rehash(compte->mot_de_passe))
    store::update_mot_de_passe(tx, compte->id, crypto::hash_password(mot_de_passe), ctx.now);
  portal.login(ctx, tx, compte->id);
  tx.commit();
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
  store::Tx tx(portal.db());
  store::touch_session(tx, ctx.session->empreinte, ctx.now,
                       ctx.now + portal.options().session_idle);
  tx.commit();
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
  const std::string identifiant = ctx.req.field_or("identifiant");
  if (identifiant.empty()) {
    FieldErrors errors;
    errors.add("identifiant", "Veuillez saisir votre identifiant de connexion.");
    return oubli_page(portal, ctx, errors, 422);
  }
  // No identifier is that long (an email has 254 bytes at most): nothing to record, and no
  // request may make the table hold a form's worth of bytes.
  constexpr std::size_t kMaxIdentifiant = 254;
  if (identifiant.size() <= kMaxIdentifiant) {
    store::Tx tx(portal.db());
    store::insert_demande_mot_de_passe(tx, identifiant, ctx.now);
    tx.commit();
    portal.services().courrier().committed();
  }
  return portal.page(ctx, "mot_de_passe/oubli_envoye", "Mot de passe oublié", Data{});
}

// The "Modifier mon mot de passe" form of a reset link, or why the link is refused.
Response nouveau_page(Portal& portal, Context& ctx, const std::string& token,
                      const FieldErrors& errors, int status) {
  {
    store::Read read(portal.db());
    const auto jeton =
        store::read_jeton(read, crypto::token_hash(token), store::kJetonMotDePasse, ctx.now);
    if (jeton.etat != store::JetonEtat::valide)
      return jeton_invalide(portal, ctx, jeton.etat, false);
  }
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
  const std::string empreinte = crypto::token_hash(token);
  const std::string mdp = ctx.req.field_or("mot_de_passe");
  FieldErrors errors;
  domain::validate_password_pair(mdp, ctx.req.field_or("mot_de_passe_confirmation"), errors);
  if (!errors.empty()) return nouveau_page(portal, ctx, token, errors, 422);
  const std::string hash = crypto::hash_password(mdp);
  store::Tx tx(portal.db());
  auto compte_id = store::consume_jeton(tx, empreinte, store::kJetonMotDePasse, ctx.now);
  if (!compte_id) {
    const auto jeton = store::read_jeton(tx, empreinte, store::kJetonMotDePasse, ctx.now);
    return jeton_invalide(portal, ctx, jeton.etat, false);
  }
  store::update_mot_de_passe(tx, *compte_id, hash, ctx.now);
  // Whoever knew the old password is logged out everywhere; the owner, who just proved he
  // holds the mailbox, may log in at once even if guessers had blocked the account.
  store::delete_other_sessions(tx, *compte_id, "");
  store::clear_throttle(tx, cle_throttle(*compte_id));
  tx.commit();
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

bool locked_for(Portal& portal, long long compte_id) {
  store::Read read(portal.db());
  return !domain::modification_policy(store::has_any_candidature(read, compte_id))
              .identite_modifiable;
}

Response modifier_form(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  if (ctx.req.query_param("enregistre"))
    ctx.alerts.push_back({"success", "Vos informations ont été enregistrées.", ""});
  if (ctx.req.query_param("sessions"))
    ctx.alerts.push_back({"success", "Vos autres sessions ont été fermées.", ""});
  return modifier_page(portal, ctx, form_of(*ctx.compte), {}, locked_for(portal, ctx.compte->id),
                       200);
}

Response modifier(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const store::Compte& compte = *ctx.compte;
  const bool locked = locked_for(portal, compte.id);
  CompteForm form = read_form(ctx.req);
  if (ctx.req.field("action") == "chercher-commune" && !locked)
    return modifier_page(portal, ctx, form, {}, locked, 200, form.commune_naissance);
  auto v = domain::validate_modification(form, compte.identite, compte.email,
                                         domain::ModificationPolicy{!locked}, portal.referentiel(),
                                         domain::paris_today(ctx.now));
  if (v.email) {
    store::Read read(portal.db());
    if (store::email_taken(read, *v.email, compte.id)) {
      v.errors.add("email", "Cette adresse mail existe déjà dans l'application");
      v.email.reset();
    }
  }
  // Changing the login credentials asks for the current password, so a session left
  // open on a shared computer cannot take the account over.
  if (v.errors.empty() && (v.email || v.mot_de_passe)) {
    const std::string actuel = ctx.req.field_or("mot_de_passe_actuel");
    if (actuel.empty() || !crypto::verify_password(compte.mot_de_passe, actuel))
      v.errors.add("mot_de_passe_actuel",
                   "Pour modifier l'adresse mail ou le mot de passe, saisissez votre mot de "
                   "passe actuel.");
  }
  if (!v.errors.empty()) {
    if (locked) {
      // Greyed fields show what is stored, never what a request tried to send.
      CompteForm shown = form_of(compte);
      shown.email = form.email;
      shown.email_confirmation = form.email_confirmation;
      form = shown;
    }
    return modifier_page(portal, ctx, form, v.errors, locked, 422);
  }
  const std::string new_hash = v.mot_de_passe ? crypto::hash_password(*v.mot_de_passe) : "";
  store::Tx tx(portal.db());
  if (!locked) store::update_identite(tx, compte.id, *v.identite, ctx.now);
  if (v.email) store::update_email(tx, compte.id, *v.email, ctx.now);
  if (v.mot_de_passe) {
    store::update_mot_de_passe(tx, compte.id, new_hash, ctx.now);
    store::delete_other_sessions(tx, compte.id, ctx.session->empreinte);
    store::clear_throttle(tx, cle_throttle(compte.id));
  }
  tx.commit();
  return Response::redirect("/compte/modifier?enregistre=1");
}

Response fermer_sessions(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  store::Tx tx(portal.db());
  store::delete_other_sessions(tx, ctx.compte->id, ctx.session->empreinte);
  tx.commit();
  return Response::redirect("/compte/modifier?sessions=1");
}

Response supprimer_form(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  store::Read read(portal.db());
  Data data = compte_summary(*ctx.compte);
  if (auto problem = domain::deletion_problem(store::has_any_candidature(read, ctx.compte->id)))
    data.set("refus", *problem);
  return portal.page(ctx, "compte/supprimer", "Supprimer mon compte", std::move(data));
}

Response supprimer(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  store::Tx tx(portal.db());
  if (auto problem = domain::deletion_problem(store::has_any_candidature(tx, ctx.compte->id))) {
    Data data = compte_summary(*ctx.compte);
    data.set("refus", *problem);
    return portal.page(ctx, "compte/supprimer", "Supprimer mon compte", std::move(data), 409);
  }
  store::delete_compte(tx, ctx.compte->id);
  tx.commit();
  ctx.session.reset();
  portal.logout(ctx);
  return Response::redirect("/?supprime=1");
}

}  // namespace

int traiter_demandes_mot_de_passe(Portal& portal, domain::Instant now) {
  constexpr int kLot = 50;
  std::vector<store::DemandeMotDePasse> demandes;
  {
    // Read first: the sender calls this every round, and a write transaction takes SQLite's
    // one write lock even when there is nothing to do.
    store::Read read(portal.db());
    demandes = store::demandes_mot_de_passe(read, kLot);
  }
  if (demandes.empty()) return 0;
  int queued = 0;
  store::Tx tx(portal.db());
  for (const auto& demande : demandes) {
    if (!store::take_demande_mot_de_passe(tx, demande.id)) continue;
    auto compte = store::find_compte_by_any(tx, demande.identifiant);
    if (!compte || !compte->actif()) continue;
    // At most 3 mails an hour: a mailbox is not flooded, and a link stays usable long
    // enough to be clicked before the next request voids it.
    if (store::count_jetons_since(tx, compte->id, store::kJetonMotDePasse,
                                  now - domain::kResetMailsWindow) >= domain::kResetMailsPerWindow)
      continue;
    const std::string token = crypto::random_token(32);
    store::void_jetons(tx, compte->id, store::kJetonMotDePasse, now);
    store::insert_jeton(tx, crypto::token_hash(token), compte->id, store::kJetonMotDePasse, now,
                        now + domain::kPasswordResetValidity);
    Data mail;
    mail.set("identifiant", compte->email);
    portal.services().courrier().queue(
        tx, *compte, "mot_de_passe", "[Examens] Modifier mon mot de passe", mail, now,
        LienUnique{portal.options().base_url + "/mot-de-passe/nouveau?jeton=" + token, "2 heures"});
    ++queued;
  }
  tx.commit();
  return queued;
}

bool runs_argon2(const Request& request) {
  if (request.method != Method::post) return false;
  const std::string_view path = request.path;
  return path == "/connexion" || path == "/compte/creer" || path == "/mot-de-passe/nouveau" ||
         path == "/compte/modifier";
}

void add_compte_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/", accueil);
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
