// The rule that cancels a candidature whose signed récapitulatif did not arrive.
#include "domain/annulation.hpp"

namespace examens::domain {

bool recapitulatif_parvenu(const EtatPiece& piece, ModeDepot mode) {
  switch (piece.statut) {
    case StatutPiece::recue:
    case StatutPiece::conforme: return true;
    case StatutPiece::non_conforme:
    case StatutPiece::nouvelle_pj: return false;
    case StatutPiece::aucun: break;
  }
  // A postal piece arrives only when the office records it; an online one when the
  // candidate has validated what he deposited.
  return mode == ModeDepot::en_ligne && verrouillee(piece) && piece.depots > 0;
}

bool date_limite_depassee(Instant fin, Instant now) {
  return !fenetre_ouverte(std::nullopt, fin, now);
}

bool annulable(const DossierAnnulation& dossier, Instant now) {
  return dossier.etat == EtatCandidature::inscrit && dossier.mode && dossier.date_limite &&
         date_limite_depassee(*dossier.date_limite, now) &&
         !recapitulatif_parvenu(dossier.piece, *dossier.mode);
}

}  // namespace examens::domain
