// The password check of a login, shared by candidates and staff (SPEC §3): throttled per
// account and per client address, and as slow for an unknown identifier as for a known one.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "actions/services.hpp"

namespace examens::actions {

struct ClesThrottle {
  std::string titulaire;  // the account's counter, or the typed identifier's when none matches
  std::string adresse;    // the client address's counter of failures
};

enum class Verdict { bloquee, incorrecte, correcte };

// Counts the attempt on the account's counter before anything else, committed at once so
// that parallel guesses each take one of the allowed attempts, unless it or the address's is
// blocked. Then verifies the password against `hash`, or against the dummy hash when there is
// none (an unknown identifier, a staff member who has not chosen one yet): the same Argon2id
// cost either way. A failure counts on the address and runs `on_failure` (when given) in that
// same transaction; a success clears the account's streak and runs `then` in its
// transaction. Either is committed by this. A login refused while blocked changes nothing and
// runs neither.
Verdict verifier_mot_de_passe(const Services& services, const ClesThrottle& cles,
                              std::string_view hash, std::string_view mot_de_passe,
                              domain::Instant now, const std::function<void(store::Tx&)>& then,
                              const std::function<void(store::Tx&)>& on_failure = {});

}  // namespace examens::actions
