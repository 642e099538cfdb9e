// The actions of the account space (SPEC §3): creation, activation, login, forgotten
// password, "Modifier mon compte" and "Supprimer". The callers (the candidate pages, the
// office, the API) render the results: field errors come with their French messages, other
// refusals as reasons that the caller words.
// Those that run Argon2id (creation, login, new password, modification) take ~70 ms of CPU:
// callers run them off the threads that must not wait.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "actions/services.hpp"
#include "actions/sessions.hpp"
#include "domain/compte.hpp"
#include "domain/field_errors.hpp"
#include "store/comptes.hpp"

namespace examens::actions {

// The login counter of an account, whichever identifier was typed (email, login id, numéro).
std::string cle_throttle(long long compte_id);

// Whether a single-use link's token (activation, password reset) may be used now.
store::JetonEtat etat_jeton(const Services& services, std::string_view jeton,
                            std::string_view usage, domain::Instant now);

// --- "Je crée mon compte" ---
struct CreationCompte {
  std::optional<store::Compte> compte;  // the pending account, when `errors` is empty
  domain::FieldErrors errors;
};
// Validates the form, reserves a numéro de candidat, stores the pending account and queues
// the mail of its activation link.
CreationCompte creer_compte(const Services& services, const domain::CompteForm& form,
                            domain::Instant now);

// Consumes an activation link's token and activates its account. `valide`: done; otherwise
// why the link is refused.
store::JetonEtat activer_compte(const Services& services, std::string_view jeton,
                                domain::Instant now);

// --- "Me connecter" ---
struct Connexion {
  std::string identifiant;  // an email, a login id or a numéro de candidat
  std::string mot_de_passe;
  Navigateur navigateur;
};
struct ResultatConnexion {
  enum class Issue {
    ouverte,           // `session` is open
    champs_manquants,  // `errors` says which
    bloquee,           // too many failures: suspended for a while (the counters)
    incorrecte,        // no such account, or a wrong password: the same answer
    non_activee,       // the right password of an account not activated yet
  };
  Issue issue = Issue::incorrecte;
  domain::FieldErrors errors;
  std::optional<SessionOuverte> session;
};
// Each attempt is counted on the account before the password is checked, and failures on
// the client's address; either counter blocks the login once high enough.
ResultatConnexion se_connecter(const Services& services, const Connexion& connexion,
                               domain::Instant now);

// --- "Mot de passe oublié" ---
// Records the request, and nothing more, so that the answer takes the same time whether or
// not the identifier names an account: the mail is built by traiter_demandes_mot_de_passe.
// Errors when the identifier is missing.
domain::FieldErrors demander_mot_de_passe(const Services& services, std::string_view identifiant,
                                          domain::Instant now);
// Turns recorded requests into mails of a reset link (for active accounts, a few an hour at
// most). Called before each delivery round; returns how many mails were queued.
int traiter_demandes_mot_de_passe(const Services& services, domain::Instant now);

struct NouveauMotDePasse {
  domain::FieldErrors errors;                         // the new password refused
  store::JetonEtat jeton = store::JetonEtat::valide;  // otherwise the link is refused
};
// The new password of a reset link: set, the account's sessions closed and its login counter
// cleared. Nothing changes unless `errors` is empty and `jeton` valid.
NouveauMotDePasse reinitialiser_mot_de_passe(const Services& services, std::string_view jeton,
                                             std::string_view mot_de_passe,
                                             std::string_view confirmation, domain::Instant now);

// --- "Modifier mon compte" ---
// Whether the identity is locked: once any candidature exists, only the email and the
// password can change.
bool identite_verrouillee(const Services& services, long long compte_id);

struct Modification {
  domain::CompteForm form;
  std::string mot_de_passe_actuel;  // required to change the email or the password
  std::string session;  // the caller's session (its hash), kept when the password changes
};
struct ResultatModification {
  domain::FieldErrors errors;  // nothing was written unless empty
  bool identite_verrouillee = false;
};
ResultatModification modifier_compte(const Services& services, const store::Compte& compte,
                                     const Modification& modification, domain::Instant now);

// --- "Supprimer mon compte" ---
// Why the account may not be deleted, if it may not.
std::optional<std::string> refus_suppression(const Services& services, long long compte_id);
// Deletes the account and all attached (its sessions included), unless refused: then why.
std::optional<std::string> supprimer_compte(const Services& services, long long compte_id);

}  // namespace examens::actions
