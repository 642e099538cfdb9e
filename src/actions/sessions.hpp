// The sessions of candidates and of staff members (SPEC §3), each kind in its own table:
// opened at login, resumed on each request from the cookie's token, extended while the
// person works, closed. Only the token's hash is
// stored, so a database leak gives no usable session. The caller keeps the token (a cookie,
// a header) and its CSRF protection.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actions/brouillon_json.hpp"
#include "actions/services.hpp"
#include "store/agents.hpp"
#include "store/comptes.hpp"
#include "store/sessions.hpp"

namespace examens::actions {

// Where a session is opened from.
struct Navigateur {
  std::string adresse;  // the client's address
  std::string agent;    // its User-Agent
  // The session token this browser already holds, perhaps planted by someone else: its
  // session is closed, never reused.
  std::optional<std::string> ancien_jeton;
};

struct SessionOuverte {
  std::string jeton;  // the only copy of the token: to hand to the browser
  store::SessionRow row;
};

// Opens a fresh session for the account (or the staff member: `titulaire`) inside `tx`, the
// login's transaction: a new random token (no fixation) and its own CSRF token.
SessionOuverte ouvrir_session(store::Tx& tx, const Services& services, long long compte_id,
                              const Navigateur& navigateur, domain::Instant now,
                              store::Titulaire titulaire = store::Titulaire::compte);

// What the candidate's home page lists, read with his session.
struct ListesAccueil {
  std::vector<store::Candidature> candidatures;
  std::vector<std::pair<std::string, std::string>> brouillons;  // drafts: key, JSON
};

// The account's draft under `cle`, as a tab of the wizard reads it with the session: none
// when there is no draft there, or none this code can read.
struct SaisieLue {
  std::string cle;
  std::optional<Brouillon> brouillon;
};

struct SessionReprise {
  store::SessionRow row;
  store::Compte compte;
  std::optional<ListesAccueil> accueil;  // with Lecture::accueil only
  std::optional<SaisieLue> saisie;       // with Lecture::saisie only
};

// What is read with the session, in the same statement: the account alone, or also the
// home page's lists (its one round trip to the database instead of three), or also the
// draft a tab of the wizard shows or saves (one instead of two).
enum class Lecture { compte, accueil, saisie };

// The live session of `jeton`, marked seen. nullopt when the token names none, or one past
// its idle or absolute limit (then deleted) or whose account is gone. `cle`: the draft's key,
// with Lecture::saisie.
std::optional<SessionReprise> reprendre_session(const Services& services, std::string_view jeton,
                                                domain::Instant now,
                                                Lecture lecture = Lecture::compte,
                                                std::string_view cle = {});

struct SessionAgentReprise {
  store::SessionRow row;
  store::Agent agent;
};
// The same for a staff member's token, whose session is also refused once he is désactivé.
std::optional<SessionAgentReprise> reprendre_session_agent(const Services& services,
                                                           std::string_view jeton,
                                                           domain::Instant now);

// "Prolonger ma session": the idle limit starts again from `now`.
void prolonger_session(const Services& services, std::string_view empreinte, domain::Instant now);

void fermer_session(const Services& services, std::string_view empreinte,
                    store::Titulaire titulaire = store::Titulaire::compte);

// Closes the account's other sessions, all but `garder` (a session's hash; empty: all).
// Returns how many were closed.
int fermer_autres_sessions(const Services& services, long long compte_id, std::string_view garder);

}  // namespace examens::actions
