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

DepotPieces fenetre(std::string domaine, std::string session, std::string academie, ModeDepot mode,
                    const char* fin) {
  return {std::move(domaine),  std::move(session),
          std::move(academie), mode,
          std::nullopt,        *parse_paris_local(fin).instant};
}

TEST(Annulation, the_sessions_looked_in_are_those_past_the_deadline_of_the_pieces_mode) {
  CatalogueJustificatifs catalogue;
  catalogue.depots = {
      fenetre("BCP", "NOV2026VAE", "*", ModeDepot::voie_postale, "2026-11-06 23:59"),
      fenetre("BCP", "2027", "*", ModeDepot::en_ligne, "2027-02-12 23:59"),
      fenetre("BCP", "2027", "*", ModeDepot::voie_postale, "2027-02-19 23:59"),
      fenetre("BCP", "2027", "GUY", ModeDepot::voie_postale, "2027-03-05 23:59"),
      fenetre("CAP", "2027", "*", ModeDepot::voie_postale, "2027-02-19 23:59"),
      fenetre("CAP", "2027", "AIX", ModeDepot::voie_postale, "2027-02-19 23:59"),
  };
  using S = std::vector<SessionEchue>;
  const Instant novembre = *parse_paris_local("2026-11-23 10:00").instant;
  EXPECT_EQ(sessions_echues(catalogue, "GUY", ModeDepot::voie_postale, novembre),
            (S{{"BCP", "NOV2026VAE"}}));
  const Instant fevrier = *parse_paris_local("2027-02-20 00:00").instant;
  // Each session once, though Aix-Marseille has its own window for CAP and the common one.
  EXPECT_EQ(sessions_echues(catalogue, "AIX", ModeDepot::voie_postale, fevrier),
            (S{{"BCP", "NOV2026VAE"}, {"BCP", "2027"}, {"CAP", "2027"}}));
  // Guyane's own window for BCP 2027 runs until 5 March.
  EXPECT_EQ(sessions_echues(catalogue, "GUY", ModeDepot::voie_postale, fevrier),
            (S{{"BCP", "NOV2026VAE"}, {"CAP", "2027"}}));
  EXPECT_EQ(sessions_echues(catalogue, "GUY", ModeDepot::voie_postale,
                            *parse_paris_local("2027-03-06 00:00").instant)
                .size(),
            3u);
  // The deadline's minute is still inside the window; another mode has its own windows.
  EXPECT_TRUE(sessions_echues(catalogue, "GUY", ModeDepot::voie_postale,
                              *parse_paris_local("2026-11-06 23:59").instant)
                  .empty());
  EXPECT_EQ(sessions_echues(catalogue, "GUY", ModeDepot::en_ligne, fevrier), (S{{"BCP", "2027"}}));
  EXPECT_TRUE(sessions_echues(catalogue, "GUY", ModeDepot::autre, fevrier).empty());
}

}  // namespace
}  // namespace examens::domain
