// The rules of the deposited pièces (seed 004 §4.5): statuses, what the candidate may still
// change, the validation of a group, the deposit window and the name shown for a file.
#include <gtest/gtest.h>

#include "domain/controle_pieces.hpp"

namespace examens::domain {
namespace {

const Instant t0{std::chrono::seconds(1'800'000'000)};

TEST(ControlePieces, statuses_read_as_the_seed_writes_them_and_round_trip) {
  EXPECT_EQ(libelle_statut(StatutPiece::recue), "Reçue");
  EXPECT_EQ(libelle_statut(StatutPiece::conforme), "Conforme");
  EXPECT_EQ(libelle_statut(StatutPiece::non_conforme), "Non conforme");
  EXPECT_EQ(libelle_statut(StatutPiece::nouvelle_pj), "En attente d'une nouvelle PJ");
  EXPECT_EQ(libelle_statut(StatutPiece::aucun), "");
  for (auto s : {StatutPiece::aucun, StatutPiece::recue, StatutPiece::conforme,
                 StatutPiece::non_conforme, StatutPiece::nouvelle_pj})
    EXPECT_EQ(statut_of_code(code_statut(s)), s);
  EXPECT_FALSE(statut_of_code("valide").has_value());
}

TEST(ControlePieces, a_piece_can_be_changed_until_validated_and_only_in_the_window) {
  EtatPiece piece{StatutPiece::aucun, std::nullopt, 1};
  EXPECT_TRUE(modifiable(piece, true));
  EXPECT_FALSE(modifiable(piece, false));
  piece.valide_le = t0;
  EXPECT_TRUE(verrouillee(piece));
  EXPECT_FALSE(modifiable(piece, true));
  EXPECT_FALSE(modifiable({StatutPiece::conforme, std::nullopt, 1}, true));
}

TEST(ControlePieces, non_conforme_reopens_the_piece_and_a_new_file_clears_it) {
  EXPECT_TRUE(rouvre_piece(StatutPiece::non_conforme));
  EXPECT_TRUE(rouvre_piece(StatutPiece::nouvelle_pj));
  EXPECT_FALSE(rouvre_piece(StatutPiece::recue));
  EXPECT_FALSE(rouvre_piece(StatutPiece::conforme));
  EXPECT_EQ(statut_apres_depot(StatutPiece::non_conforme), StatutPiece::aucun);
  EXPECT_EQ(statut_apres_depot(StatutPiece::nouvelle_pj), StatutPiece::aucun);
  EXPECT_EQ(statut_apres_depot(StatutPiece::recue), StatutPiece::recue);
}

TEST(ControlePieces, the_group_is_validated_once_every_open_piece_has_a_file) {
  const EtatPiece avec{StatutPiece::aucun, std::nullopt, 1};
  const EtatPiece sans{StatutPiece::aucun, std::nullopt, 0};
  const EtatPiece validee{StatutPiece::aucun, t0, 1};
  EXPECT_EQ(refus_validation({avec, avec}, true), RefusValidation::aucun);
  EXPECT_EQ(refus_validation({avec, sans}, true), RefusValidation::piece_sans_fichier);
  EXPECT_EQ(refus_validation({avec}, false), RefusValidation::fenetre_fermee);
  EXPECT_EQ(refus_validation({validee, validee}, true), RefusValidation::deja_validees);
  // A piece reopened as Non conforme is validated again once a new file is there.
  EXPECT_EQ(refus_validation({validee, {StatutPiece::non_conforme, std::nullopt, 2}}, true),
            RefusValidation::aucun);
  EXPECT_EQ(refus_validation({{StatutPiece::conforme, std::nullopt, 0}}, true),
            RefusValidation::deja_validees);
}

TEST(ControlePieces, the_window_includes_its_last_minute_and_none_means_closed) {
  const Instant debut = t0;
  const Instant fin = t0 + std::chrono::hours(24);
  EXPECT_FALSE(fenetre_ouverte(debut, fin, debut - std::chrono::seconds(1)));
  EXPECT_TRUE(fenetre_ouverte(debut, fin, debut));
  EXPECT_TRUE(fenetre_ouverte(debut, fin, fin + std::chrono::seconds(59)));
  EXPECT_FALSE(fenetre_ouverte(debut, fin, fin + std::chrono::seconds(60)));
  EXPECT_TRUE(fenetre_ouverte(std::nullopt, fin, debut));
  EXPECT_FALSE(fenetre_ouverte(debut, std::nullopt, debut));
}

TEST(ControlePieces, a_file_name_is_shown_without_its_path_or_control_characters) {
  EXPECT_EQ(nom_affiche_fichier("../../etc/passwd"), "passwd");
  EXPECT_EQ(nom_affiche_fichier("C:\\Users\\paul\\carte d'identité.pdf"), "carte d'identité.pdf");
  EXPECT_EQ(nom_affiche_fichier("a\nb\x01.pdf"), "ab.pdf");
  EXPECT_EQ(nom_affiche_fichier(".."), "fichier");
  EXPECT_EQ(nom_affiche_fichier(""), "fichier");
  EXPECT_EQ(nom_affiche_fichier(std::string(300, 'e') + ".pdf").size(), 100u);
  EXPECT_EQ(nom_affiche_fichier("\xff.pdf"), "\xEF\xBF\xBD.pdf");
}

}  // namespace
}  // namespace examens::domain
