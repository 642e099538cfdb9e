// Storage of accounts, their numéros de candidat and single-use tokens.
// Functions take the session of a Tx (writes) or a Read, so a caller composes
// several of them, and the outbox row of a mail, in one transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/clock.hpp"
#include "domain/compte.hpp"
#include "store/candidatures.hpp"
#include "store/database.hpp"
#include "store/sessions.hpp"
#include "store/titulaires.hpp"

namespace examens::store {

inline constexpr std::string_view kEtatEnAttente = "en_attente";
inline constexpr std::string_view kEtatActif = "actif";

struct Compte {
  long long id = 0;
  std::string numero_candidat;
  std::string email;
  std::string identifiant;   // school login id; empty for accounts created by a candidate
  std::string mot_de_passe;  // Argon2id hash string
  std::string etat;
  domain::Identite identite;
  domain::Instant cree_le{};
  bool actif() const { return etat == kEtatActif; }
};

// Reserves `numero` for ever; false when it was ever given before.
bool reserve_numero_candidat(Tx& tx, const std::string& numero, domain::Instant now);

// Inserts a pending account. The caller checked the email is free; a racing twin
// makes this throw Duplicate.
long long insert_compte(Tx& tx, const Compte& compte, domain::Instant now);

std::optional<Compte> find_compte(Unit& unit, long long id);
std::optional<Compte> find_compte_by_email(Unit& unit, std::string_view email);
std::optional<Compte> find_compte_by_numero(Unit& unit, std::string_view numero);
std::optional<Compte> find_compte_by_identifiant(Unit& unit, std::string_view login);
// By whichever identifier the login form received.
std::optional<Compte> find_compte_by_any(Unit& unit, std::string_view identifier);
// The candidate's session of cookie digest `empreinte` with its account, in one statement:
// every page a candidate opens starts with it. nullopt when there is no such session or its
// account is gone (store/sessions.hpp's find_session tells which).
std::optional<std::pair<SessionRow, Compte>> find_session_compte(Unit& unit,
                                                                 std::string_view empreinte);

// What the candidate's home page shows, read with his session in one statement (one round
// trip on PostgreSQL instead of three): the session and account as find_session_compte
// gives them, his candidatures in numéro order and his drafts (key, JSON) in key order.
struct SessionAccueil {
  SessionRow session;
  Compte compte;
  std::vector<Candidature> candidatures;
  std::vector<std::pair<std::string, std::string>> brouillons;
};
std::optional<SessionAccueil> find_session_accueil(Unit& unit, std::string_view empreinte);

// What a tab of the registration wizard reads, with the session in one statement: the
// session and account as find_session_compte gives them, and the JSON of the account's draft
// under `cle` (nullopt when there is none).
struct SessionSaisie {
  SessionRow session;
  Compte compte;
  std::optional<std::string> brouillon;
};
std::optional<SessionSaisie> find_session_saisie(Unit& unit, std::string_view empreinte,
                                                 std::string_view cle);

bool email_taken(Unit& unit, std::string_view email, long long except_id = 0);
bool has_any_candidature(Unit& unit, long long compte_id);

void activate_compte(Tx& tx, long long id, domain::Instant now);
void update_identite(Tx& tx, long long id, const domain::Identite& identite, domain::Instant now);
void update_email(Tx& tx, long long id, std::string_view email, domain::Instant now);
void update_mot_de_passe(Tx& tx, long long id, std::string_view hash, domain::Instant now);

// Erases the account and everything attached (sessions, tokens, messages); its
// numéro stays reserved.
void delete_compte(Tx& tx, long long id);

// Erases the accounts still pending at `cutoff` with all their data. Returns how many.
int purge_pending_comptes(Tx& tx, domain::Instant cutoff);

// --- single-use tokens (activation, password reset), stored as a hash ---
inline constexpr std::string_view kJetonActivation = "activation";
inline constexpr std::string_view kJetonMotDePasse = "mot_de_passe";

// `titulaire` says whose table: the id is a comptes.id or an agents.id.
void insert_jeton(Tx& tx, std::string_view empreinte, long long titulaire_id,
                  std::string_view usage, domain::Instant now, domain::Instant expire_le,
                  Titulaire titulaire = Titulaire::compte);

enum class JetonEtat { valide, expire, utilise, inconnu };
struct JetonLu {
  JetonEtat etat = JetonEtat::inconnu;
  long long compte_id = 0;  // or agents.id
};
JetonLu read_jeton(Unit& unit, std::string_view empreinte, std::string_view usage,
                   domain::Instant now, Titulaire titulaire = Titulaire::compte);

// Marks the token used if it is valid now; the atomic update makes a second use
// (even a concurrent one) fail. Returns the account of a token consumed by this call.
std::optional<long long> consume_jeton(Tx& tx, std::string_view empreinte, std::string_view usage,
                                       domain::Instant now,
                                       Titulaire titulaire = Titulaire::compte);
// Voids the account's other unused tokens of this usage (a new reset link voids the old).
void void_jetons(Tx& tx, long long titulaire_id, std::string_view usage, domain::Instant now,
                 Titulaire titulaire = Titulaire::compte);

// How many tokens of this usage the account received after `since` (the reset mails' limit).
int count_jetons_since(Unit& unit, long long compte_id, std::string_view usage,
                       domain::Instant since);

// --- "Mot de passe oublié" requests, recorded on the request's path and mailed later ---
struct DemandeMotDePasse {
  long long id = 0;
  std::string identifiant;  // as typed
  domain::Instant cree_le{};
};
void insert_demande_mot_de_passe(Tx& tx, std::string_view identifiant, domain::Instant now);
// The oldest pending requests, at most `limit`.
std::vector<DemandeMotDePasse> demandes_mot_de_passe(Unit& unit, int limit);
// Deletes the request; true when this call took it (of two instances, one mails it).
bool take_demande_mot_de_passe(Tx& tx, long long id);

}  // namespace examens::store
