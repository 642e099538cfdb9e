// The actions of the account space.
#include "actions/compte.hpp"

#include <vector>

#include "actions/authentification.hpp"
#include "crypto/secrets.hpp"
#include "domain/temps.hpp"
#include "store/sessions.hpp"

namespace examens::actions {
namespace {

constexpr std::string_view kEmailPris = "Cette adresse mail existe déjà dans l'application";
constexpr std::string_view kIdentifiantManquant = "Veuillez saisir votre identifiant de connexion.";

// Stores the pending account with a numéro never given before, and queues its activation
// mail in the same transaction. Throws store::Duplicate when the email was taken meanwhile.
store::Compte enregistrer_compte(const Services& services, const domain::CompteValide& valide,
                                 domain::Instant now) {
  store::Compte compte;
  compte.email = valide.email;
  compte.mot_de_passe = crypto::hash_password(valide.mot_de_passe);
  compte.etat = store::kEtatEnAttente;
  compte.identite = valide.identite;
  const std::string token = crypto::random_token(32);
  store::Tx tx(services.db());
  do {
    compte.numero_candidat = domain::numero_candidat_from(crypto::random_u64());
  } while (!store::reserve_numero_candidat(tx, compte.numero_candidat, now));
  compte.id = store::insert_compte(tx, compte, now);
  store::insert_jeton(tx, crypto::token_hash(token), compte.id, store::kJetonActivation, now,
                      now + domain::kActivationValidity);
  services.courrier().queue(
      tx, compte, "activation", "[Examens] Activer mon compte", templates::Data{}, now,
      mail::LienUnique{services.reglages().base_url + "/compte/activer?jeton=" + token,
                       "48 heures"});
  tx.commit();
  return compte;
}

// Queues the reset link of one recorded request, when its identifier names an active account
// that has not had its share of mails this hour.
bool envoyer_lien_mot_de_passe(const Services& services, store::Tx& tx,
                               const store::DemandeMotDePasse& demande, domain::Instant now) {
  if (!store::take_demande_mot_de_passe(tx, demande.id)) return false;
  auto compte = store::find_compte_by_any(tx, demande.identifiant);
  if (!compte || !compte->actif()) return false;
  // At most 3 mails an hour: a mailbox is not flooded, and a link stays usable long
  // enough to be clicked before the next request voids it.
  if (store::count_jetons_since(tx, compte->id, store::kJetonMotDePasse,
                                now - domain::kResetMailsWindow) >= domain::kResetMailsPerWindow)
    return false;
  const std::string token = crypto::random_token(32);
  store::void_jetons(tx, compte->id, store::kJetonMotDePasse, now);
  store::insert_jeton(tx, crypto::token_hash(token), compte->id, store::kJetonMotDePasse, now,
                      now + domain::kPasswordResetValidity);
  templates::Data donnees;
  donnees.set("identifiant", compte->email);
  services.courrier().queue(
      tx, *compte, "mot_de_passe", "[Examens] Modifier mon mot de passe", donnees, now,
      mail::LienUnique{services.reglages().base_url + "/mot-de-passe/nouveau?jeton=" + token,
                       "2 heures"});
  return true;
}

}  // namespace

std::string cle_throttle(long long compte_id) {
  return "compte:" + std::to_string(compte_id);
}

store::JetonEtat etat_jeton(const Services& services, std::string_view jeton,
                            std::string_view usage, domain::Instant now) {
  store::Read read(services.db());
  return store::read_jeton(read, crypto::token_hash(jeton), usage, now).etat;
}

CreationCompte creer_compte(const Services& services, const domain::CompteForm& form,
                            domain::Instant now) {
  auto validation =
      domain::validate_creation(form, services.referentiel(), domain::paris_today(now));
  if (validation.errors.empty()) {
    store::Read read(services.db());
    if (store::email_taken(read, validation.compte->email))
      validation.errors.add("email", std::string(kEmailPris));
  }
  if (!validation.errors.empty()) return {std::nullopt, std::move(validation.errors)};
  CreationCompte creation;
  try {
    creation.compte = enregistrer_compte(services, *validation.compte, now);
  } catch (const store::Duplicate&) {
    // Another request created an account with this email between our check and insert.
    creation.errors.add("email", std::string(kEmailPris));
    return creation;
  }
  services.courrier().committed();
  return creation;
}

store::JetonEtat activer_compte(const Services& services, std::string_view jeton,
                                domain::Instant now) {
  const std::string empreinte = crypto::token_hash(jeton);
  store::Tx tx(services.db());
  auto compte_id = store::consume_jeton(tx, empreinte, store::kJetonActivation, now);
  if (!compte_id) return store::read_jeton(tx, empreinte, store::kJetonActivation, now).etat;
  store::activate_compte(tx, *compte_id, now);
  store::clear_throttle(tx, cle_throttle(*compte_id));
  tx.commit();
  return store::JetonEtat::valide;
}

ResultatConnexion se_connecter(const Services& services, const Connexion& connexion,
                               domain::Instant now) {
  using Issue = ResultatConnexion::Issue;
  ResultatConnexion result;
  if (connexion.identifiant.empty() || connexion.mot_de_passe.empty()) {
    if (connexion.identifiant.empty())
      result.errors.add("identifiant", std::string(kIdentifiantManquant));
    if (connexion.mot_de_passe.empty())
      result.errors.add("mot_de_passe", "Veuillez saisir votre mot de passe.");
    result.issue = Issue::champs_manquants;
    return result;
  }
  std::optional<store::Compte> compte;
  {
    store::Read read(services.db());
    compte = store::find_compte_by_any(read, connexion.identifiant);
  }
  // An email, a login id and a numéro de candidat name one account: one counter.
  const ClesThrottle cles{
      compte ? cle_throttle(compte->id) : "id:" + domain::normalize_email(connexion.identifiant),
      "ip:" + connexion.navigateur.adresse};
  const Verdict verdict = verifier_mot_de_passe(
      services, cles, compte ? compte->mot_de_passe : "", connexion.mot_de_passe, now,
      [&](store::Tx& tx) {
        if (!compte->actif()) {
          result.issue = Issue::non_activee;
          return;
        }
        if (crypto::password_needs_rehash(compte->mot_de_passe))
          store::update_mot_de_passe(tx, compte->id, crypto::hash_password(connexion.mot_de_passe),
                                     now);
        result.session = ouvrir_session(tx, services, compte->id, connexion.navigateur, now);
        result.issue = Issue::ouverte;
      });
  if (verdict == Verdict::bloquee) result.issue = Issue::bloquee;
  if (verdict == Verdict::incorrecte) result.issue = Issue::incorrecte;
  return result;
}

domain::FieldErrors demander_mot_de_passe(const Services& services, std::string_view identifiant,
                                          domain::Instant now) {
  domain::FieldErrors errors;
  if (identifiant.empty()) {
    errors.add("identifiant", std::string(kIdentifiantManquant));
    return errors;
  }
  // No identifier is that long (an email has 254 bytes at most): nothing to record, and no
  // request may make the table hold a form's worth of bytes.
  constexpr std::size_t kMaxIdentifiant = 254;
  if (identifiant.size() <= kMaxIdentifiant) {
    store::Tx tx(services.db());
    store::insert_demande_mot_de_passe(tx, identifiant, now);
    tx.commit();
    services.courrier().committed();
  }
  return errors;
}

int traiter_demandes_mot_de_passe(const Services& services, domain::Instant now) {
  constexpr int kLot = 50;
  std::vector<store::DemandeMotDePasse> demandes;
  {
    // Read first: the sender calls this every round, and a write transaction takes SQLite's
    // one write lock even when there is nothing to do.
    store::Read read(services.db());
    demandes = store::demandes_mot_de_passe(read, kLot);
  }
  if (demandes.empty()) return 0;
  int queued = 0;
  store::Tx tx(services.db());
  for (const auto& demande : demandes)
    if (envoyer_lien_mot_de_passe(services, tx, demande, now)) ++queued;
  tx.commit();
  return queued;
}

NouveauMotDePasse reinitialiser_mot_de_passe(const Services& services, std::string_view jeton,
                                             std::string_view mot_de_passe,
                                             std::string_view confirmation, domain::Instant now) {
  NouveauMotDePasse result;
  domain::validate_password_pair(mot_de_passe, confirmation, result.errors);
  if (!result.errors.empty()) return result;
  const std::string empreinte = crypto::token_hash(jeton);
  const std::string hash = crypto::hash_password(mot_de_passe);
  store::Tx tx(services.db());
  auto compte_id = store::consume_jeton(tx, empreinte, store::kJetonMotDePasse, now);
  if (!compte_id) {
    result.jeton = store::read_jeton(tx, empreinte, store::kJetonMotDePasse, now).etat;
    return result;
  }
  store::update_mot_de_passe(tx, *compte_id, hash, now);
  // Whoever knew the old password is logged out everywhere; the owner, who just proved he
  // holds the mailbox, may log in at once even if guessers had blocked the account.
  store::delete_other_sessions(tx, *compte_id, "");
  store::clear_throttle(tx, cle_throttle(*compte_id));
  tx.commit();
  return result;
}

bool identite_verrouillee(const Services& services, long long compte_id) {
  store::Read read(services.db());
  return !domain::modification_policy(store::has_any_candidature(read, compte_id))
              .identite_modifiable;
}

ResultatModification modifier_compte(const Services& services, const store::Compte& compte,
                                     const Modification& modification, domain::Instant now) {
  ResultatModification result;
  const bool locked = result.identite_verrouillee = identite_verrouillee(services, compte.id);
  auto v = domain::validate_modification(modification.form, compte.identite, compte.email,
                                         domain::ModificationPolicy{!locked},
                                         services.referentiel(), domain::paris_today(now));
  if (v.email) {
    store::Read read(services.db());
    if (store::email_taken(read, *v.email, compte.id)) {
      v.errors.add("email", std::string(kEmailPris));
      v.email.reset();
    }
  }
  // Changing the login credentials asks for the current password, so a session left
  // open on a shared computer cannot take the account over.
  if (v.errors.empty() && (v.email || v.mot_de_passe)) {
    const std::string& actuel = modification.mot_de_passe_actuel;
    if (actuel.empty() || !crypto::verify_password(compte.mot_de_passe, actuel))
      v.errors.add("mot_de_passe_actuel",
                   "Pour modifier l'adresse mail ou le mot de passe, saisissez votre mot de "
                   "passe actuel.");
  }
  if (!v.errors.empty()) {
    result.errors = std::move(v.errors);
    return result;
  }
  const std::string new_hash = v.mot_de_passe ? crypto::hash_password(*v.mot_de_passe) : "";
  store::Tx tx(services.db());
  if (!locked) store::update_identite(tx, compte.id, *v.identite, now);
  if (v.email) store::update_email(tx, compte.id, *v.email, now);
  if (v.mot_de_passe) {
    store::update_mot_de_passe(tx, compte.id, new_hash, now);
    store::delete_other_sessions(tx, compte.id, modification.session);
    store::clear_throttle(tx, cle_throttle(compte.id));
  }
  tx.commit();
  return result;
}

std::optional<std::string> refus_suppression(const Services& services, long long compte_id) {
  store::Read read(services.db());
  return domain::deletion_problem(store::has_any_candidature(read, compte_id));
}

std::optional<std::string> supprimer_compte(const Services& services, long long compte_id) {
  store::Tx tx(services.db());
  if (auto problem = domain::deletion_problem(store::has_any_candidature(tx, compte_id)))
    return problem;
  store::delete_compte(tx, compte_id);
  tx.commit();
  return std::nullopt;
}

}  // namespace examens::actions
