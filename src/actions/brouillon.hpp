// The wizard's draft (docs/decisions/0004-wizard.md): its whole state between requests,
// kept server-side as JSON under a key of the account, one per new candidature (exam,
// session, académie) and one per candidature being modified.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actions/brouillon_json.hpp"
#include "actions/services.hpp"
#include "domain/saisie.hpp"
#include "store/database.hpp"

namespace examens::actions {

std::string cle_nouvelle(const std::string& domaine, const std::string& session,
                         const std::string& academie);
std::string cle_modification(long long candidature);

// The draft stored under `cle`; nullopt when there is none, or none this code can read.
std::optional<Brouillon> lire_brouillon(store::Unit& unit, long long compte_id,
                                        const std::string& cle);
// Stores the draft in a transaction of its own, to be purged some time after its window
// closes.
void conserver_brouillon(const Services& services, long long compte_id, const Brouillon& b,
                         domain::Instant now);

// Of the account's drafts (key, JSON: ListesAccueil's, read with the session), those of new
// candidatures the candidate can still finish: each of an exam, a session and an académie of
// the catalogue, the session not closed and its window open at `now`.
std::vector<Brouillon> saisies_en_cours(
    const Services& services, const std::vector<std::pair<std::string, std::string>>& brouillons,
    domain::Instant now);

}  // namespace examens::actions
