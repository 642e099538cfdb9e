// Unit tests of the cancellation rule (seed 000 §7): a candidature Inscrit whose snapshot
// requires the signed récapitulatif is cancellable once its deadline passed without the piece.
// The catalogue's naming of that piece is tested with the catalogue (domain_justificatifs_test).
#include <gtest/gtest.h>

#include "domain/annulation.hpp"
#include "domain/temps.hpp"

namespace examens::domain {
namespace {

using std::chrono::minutes;

const Instant kFin = *parse_paris_local("2027-03-05 23:59").instant;

EtatPiece piece(StatutPiece statut, bool validee = false, int depots = 0) {
  EtatPiece p;
  p.statut = statut;
  if (validee) p.valide_le = kFin - minutes(60);
  p.depots = depots;
  return p;
}

DossierAnnulation dossier(EtatPiece p, ModeDepot mode = ModeDepot::voie_postale) {
  return {EtatCandidature::inscrit, mode, kFin, p};
}

TEST(Annulation, a_received_or_conforming_piece_has_arrived_whatever_its_mode) {
  for (const auto mode : {ModeDepot::en_ligne, ModeDepot::voie_postale}) {
    EXPECT_TRUE(recapitulatif_parvenu(piece(StatutPiece::recue), mode));
    EXPECT_TRUE(recapitulatif_parvenu(piece(StatutPiece::conforme), mode));
    EXPECT_FALSE(recapitulatif_parvenu(piece(StatutPiece::non_conforme, true, 1), mode));
    EXPECT_FALSE(recapitulatif_parvenu(piece(StatutPiece::nouvelle_pj, true, 1), mode));
    EXPECT_FALSE(recapitulatif_parvenu(piece(StatutPiece::aucun), mode));
  }
}

TEST(Annulation, an_online_piece_arrives_when_validated_with_a_file) {
  EXPECT_TRUE(recapitulatif_parvenu(piece(StatutPiece::aucun, true, 1), ModeDepot::en_ligne));
  EXPECT_FALSE(recapitulatif_parvenu(piece(StatutPiece::aucun, false, 1), ModeDepot::en_ligne));
  EXPECT_FALSE(recapitulatif_parvenu(piece(StatutPiece::aucun, true, 0), ModeDepot::en_ligne));
  // By post, only the office's Reçue says it arrived.
  EXPECT_FALSE(recapitulatif_parvenu(piece(StatutPiece::aucun, true, 1), ModeDepot::voie_postale));
}

TEST(Annulation, the_deadline_minute_is_still_inside_the_window) {
  EXPECT_FALSE(date_limite_depassee(kFin, kFin));
  EXPECT_FALSE(date_limite_depassee(kFin, kFin + std::chrono::seconds(59)));
  EXPECT_TRUE(date_limite_depassee(kFin, kFin + minutes(1)));
}

TEST(Annulation, cancellable_only_inscrit_required_past_the_deadline_and_missing) {
  const Instant apres = kFin + minutes(1);
  EXPECT_TRUE(annulable(dossier(piece(StatutPiece::aucun)), apres));
  EXPECT_TRUE(annulable(dossier(piece(StatutPiece::non_conforme)), apres));
  EXPECT_TRUE(annulable(dossier(piece(StatutPiece::nouvelle_pj)), apres));
  EXPECT_FALSE(annulable(dossier(piece(StatutPiece::aucun)), kFin));
  EXPECT_FALSE(annulable(dossier(piece(StatutPiece::recue)), apres));
  EXPECT_FALSE(annulable(dossier(piece(StatutPiece::conforme)), apres));
  EXPECT_FALSE(annulable(dossier(piece(StatutPiece::aucun, true, 2), ModeDepot::en_ligne), apres));
  auto d = dossier(piece(StatutPiece::aucun));
  d.etat = EtatCandidature::desinscrit_candidat;
  EXPECT_FALSE(annulable(d, apres));
  d.etat = EtatCandidature::annulee;
  EXPECT_FALSE(annulable(d, apres));
  d = dossier(piece(StatutPiece::aucun));
  d.mode.reset();  // the version does not require it
  EXPECT_FALSE(annulable(d, apres));
  d = dossier(piece(StatutPiece::aucun));
  d.date_limite.reset();  // no window in the catalogue: no deadline to miss
  EXPECT_FALSE(annulable(d, apres));
}

}  // namespace
}  // namespace examens::domain
