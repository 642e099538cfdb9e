// The rules of the deposited pièces (seed 004 §4.5): statuses, what the candidate may still
// change, the validation of a group, the deposit window and the name shown for a file.
#include <gtest/gtest.h>

#include "domain/controle_pieces.hpp"
#include "domain/temps.hpp"

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

TEST(ControlePieces, a_dossier_is_filed_by_what_waits_first_on_the_office) {
  using E = EtatDossierPieces;
  const EtatPiece vide{};
  const EtatPiece validee{StatutPiece::aucun, t0, 1};
  const EtatPiece conforme{StatutPiece::conforme, t0, 1};
  const EtatPiece refusee{StatutPiece::non_conforme, std::nullopt, 1};
  const EtatPiece nouvelle{StatutPiece::nouvelle_pj, std::nullopt, 1};
  const EtatPiece recue{StatutPiece::recue, std::nullopt, 0};
  EXPECT_EQ(etat_dossier({}), E::complet);
  EXPECT_EQ(etat_dossier({{true, vide}, {false, vide}}), E::en_attente);
  // Deposited but not validated: the candidate has not finished.
  EXPECT_EQ(etat_dossier({{true, {StatutPiece::aucun, std::nullopt, 2}}}), E::en_attente);
  EXPECT_EQ(etat_dossier({{true, validee}, {false, vide}}), E::a_controler);
  EXPECT_EQ(etat_dossier({{true, conforme}, {false, recue}}), E::a_controler);
  // A postal piece not received is not the office's to control.
  EXPECT_EQ(etat_dossier({{true, conforme}, {false, vide}}), E::en_attente);
  EXPECT_EQ(etat_dossier({{true, refusee}, {false, vide}}), E::non_conforme);
  EXPECT_EQ(etat_dossier({{true, nouvelle}, {false, conforme}}), E::non_conforme);
  // What waits on the office comes first, even beside a refused piece.
  EXPECT_EQ(etat_dossier({{true, refusee}, {true, validee}}), E::a_controler);
  EXPECT_EQ(etat_dossier({{true, conforme}, {false, conforme}}), E::complet);
  for (const auto e : {E::en_attente, E::a_controler, E::non_conforme, E::complet}) {
    EXPECT_EQ(etat_dossier_of_code(code_etat_dossier(e)), e);
    EXPECT_FALSE(libelle_etat_dossier(e).empty());
  }
  EXPECT_FALSE(etat_dossier_of_code("autre"));
}

TEST(ControlePieces, the_offices_control_form_is_read_with_a_message_per_field) {
  using namespace std::chrono;
  const Instant today = *parse_paris_local("2026-11-18 10:00").instant;
  const auto conforme = lire_controle({"conforme", "", "  Vu\r\nau\nguichet  "}, today);
  EXPECT_TRUE(conforme.errors.empty());
  EXPECT_EQ(conforme.statut, StatutPiece::conforme);
  EXPECT_EQ(conforme.commentaire, "Vu au guichet");
  EXPECT_FALSE(conforme.date_reception);
  EXPECT_TRUE(lire_controle({"", "", ""}, today).errors.has("statut"));
  EXPECT_TRUE(lire_controle({"aucun", "", ""}, today).errors.has("statut"));
  EXPECT_TRUE(lire_controle({"recue", "", ""}, today).errors.has("date_reception"));
  // The day typed is recorded as noon in Paris: 11:00Z in winter.
  EXPECT_EQ(lire_controle({"recue", "2026-11-18", ""}, today).date_reception,
            *parse_paris_local("2026-11-18 12:00").instant);
  const auto a_la_main = lire_controle({"recue", "17/11/2026", ""}, today).date_reception;
  ASSERT_TRUE(a_la_main);
  EXPECT_EQ(a_la_main->time_since_epoch(), seconds(1794913200));
  EXPECT_EQ(format_paris_date(*a_la_main), "17/11/2026");
  const auto futur = lire_controle({"recue", "2026-11-19", ""}, today);
  EXPECT_TRUE(futur.errors.has("date_reception"));
  EXPECT_FALSE(futur.date_reception);
  // Half past midnight in Paris is still the day before in UTC: today is Paris's.
  const Instant minuit = *parse_paris_local("2026-11-19 00:30").instant;
  EXPECT_TRUE(lire_controle({"recue", "19/11/2026", ""}, minuit).errors.empty());
  EXPECT_TRUE(lire_controle({"recue", "30/02/2026", ""}, today).errors.has("date_reception"));
  // The date is only read with Reçue.
  EXPECT_TRUE(lire_controle({"conforme", "n'importe quoi", ""}, today).errors.empty());
  EXPECT_TRUE(lire_controle({"conforme", "", std::string(1000, 'e')}, today).errors.empty());
  EXPECT_TRUE(
      lire_controle({"conforme", "", std::string(1001, 'e')}, today).errors.has("commentaire"));
  // 1000 characters, not bytes.
  std::string accents;
  for (int i = 0; i < 1000; ++i) accents += "é";
  EXPECT_TRUE(lire_controle({"conforme", "", accents}, today).errors.empty());
  EXPECT_TRUE(lire_controle({"conforme", "", "a\x01b"}, today).errors.has("commentaire"));
}

}  // namespace
}  // namespace examens::domain
