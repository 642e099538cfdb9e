// The rule that cancels a candidature whose signed récapitulatif did not arrive.
#include "domain/annulation.hpp"

#include <algorithm>

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

std::vector<SessionEchue> sessions_echues(const CatalogueJustificatifs& catalogue,
                                          std::string_view academie, ModeDepot mode, Instant now) {
  std::vector<SessionEchue> out;
  for (const auto& d : catalogue.depots) {
    if (d.mode != mode || (d.academie != academie && d.academie != "*")) continue;
    SessionEchue s{d.domaine, d.session};
    if (std::find(out.begin(), out.end(), s) != out.end()) continue;
    // The académie's own window, when it has one, replaces the common one.
    const auto* fenetre = catalogue.depot(d.domaine, d.session, academie, mode);
    if (fenetre && date_limite_depassee(fenetre->fin, now)) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace examens::domain
