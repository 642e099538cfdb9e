// A row of the candidatures table as the store reads it: candidatures.cpp reads its own, and
// comptes.cpp those the home page's statement joins to the session (store-internal).
#pragma once

#include <string>
#include <tuple>

#include "store/candidatures.hpp"

namespace examens::store {

// id, compte_id, domaine, session, academie, numero_inscription, etat, version, donnees,
// cree_le, modifie_le.
using CandidatureRow = std::tuple<long long, long long, std::string, std::string, std::string,
                                  std::string, std::string, int, std::string, long long, long long>;

// Throws on a state this code does not know.
Candidature candidature_of(CandidatureRow&& row);

}  // namespace examens::store
