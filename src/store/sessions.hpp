// Storage of server-side sessions (any instance can serve any request) and of
// the login-failure counters behind throttling.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/throttle.hpp"
#include "store/database.hpp"
#include "store/titulaires.hpp"

namespace examens::store {

struct SessionRow {
  std::string empreinte;    // hash of the cookie value
  long long compte_id = 0;  // or agents.id, for a staff member's session
  std::string csrf;
  domain::Instant cree_le{};
  domain::Instant vu_le{};
  domain::Instant expire_le{};
};

// `titulaire` says whose table: a candidate's session is never found among the staff's,
// nor the reverse.
void insert_session(Tx& tx, const SessionRow& row, domain::Instant now, std::string_view adresse,
                    std::string_view navigateur, Titulaire titulaire = Titulaire::compte);
std::optional<SessionRow> find_session(Unit& unit, std::string_view empreinte,
                                       Titulaire titulaire = Titulaire::compte);
void touch_session(Tx& tx, std::string_view empreinte, domain::Instant now,
                   domain::Instant expire_le, Titulaire titulaire = Titulaire::compte);
void delete_session(Tx& tx, std::string_view empreinte, Titulaire titulaire = Titulaire::compte);
// Ends every session of the account but `keep` (empty: all of them). Returns how many.
int delete_other_sessions(Tx& tx, long long compte_id, std::string_view keep,
                          Titulaire titulaire = Titulaire::compte);
int count_sessions(Unit& unit, long long compte_id, domain::Instant now);
// Both kinds.
int delete_expired_sessions(Tx& tx, domain::Instant now);

// Counts one attempt on `key` in a single increment, so parallel attempts each count, and
// blocks the key as domain::block_after says. A streak idle for policy.memory starts again.
// False while the key is blocked: nothing counted.
bool admit_attempt(Tx& tx, std::string_view key, domain::Instant now,
                   const domain::ThrottlePolicy& policy);
bool throttle_blocked(Unit& unit, std::string_view key, domain::Instant now);
// When the key's block ends; nullopt when it is not blocked at `now`.
std::optional<domain::Instant> blocked_until(Unit& unit, std::string_view key, domain::Instant now);
void clear_throttle(Tx& tx, std::string_view key);
// Forgets the counters whose latest attempt is at or before `cutoff` (any identifier a
// guesser types leaves one). Returns how many.
int purge_throttles(Tx& tx, domain::Instant cutoff);

// A named server-wide value, created once with `initial` when absent (the CSRF
// signing secret, shared by every instance through the database).
std::string get_or_create_parametre(Tx& tx, std::string_view nom, std::string_view initial);

}  // namespace examens::store
