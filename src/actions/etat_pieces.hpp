// The pieces a candidature's version requires, and where they stand: what the candidate's
// pages, the office's control and the registration itself share. Kept apart from
// justificatifs.hpp so that the registration's actions need not see the pieces' pages.
#pragma once

#include <string>
#include <vector>

#include "domain/catalogue_justificatifs.hpp"
#include "store/candidatures.hpp"

namespace examens::actions {

// A piece the version froze in its snapshot (actions/recapitulatif.cpp writes them).
struct PieceRequise {
  std::string code;
  std::string libelle;
  domain::ModeDepot mode = domain::ModeDepot::en_ligne;
};
std::vector<PieceRequise> pieces_requises(const std::string& donnees);

// Files where the candidature's pieces stand (store/dossiers.hpp) from its rows in `tx`:
// every change of a piece, of its control or of the version calls it before committing.
void tenir_etat_pieces(store::Tx& tx, const store::Candidature& c);

}  // namespace examens::actions
