// Unit tests of the qualification files: the repository's data loads and reproduces the
// seeds' screens (the 2024 BCP guide's récapitulatif, word for word), and bad files are refused.
#include <gtest/gtest.h>

#include <fstream>
#include <tuple>

#include "catalogue/qualification_fichiers.hpp"
#include "unit/catalogue_copy.hpp"

namespace examens::catalogue {
namespace {

using namespace examens::domain;

QualificationLoadResult load(const std::filesystem::path& dir) {
  const Files files = read_files(dir);
  auto base = load_catalogue(files);
  for (const auto& e : base.errors) ADD_FAILURE() << e.message();
  if (!base.catalogue) return {};
  return load_qualification(files, *base.catalogue);
}

const CatalogueQualification& repository() {
  static const QualificationLoadResult r = load(examens::testing::repo_catalogue());
  for (const auto& e : r.errors) ADD_FAILURE() << e.message();
  if (!r.qualification) throw std::runtime_error("the repository's qualification does not load");
  return *r.qualification;
}

using Row = std::tuple<std::string, std::string, std::string>;  // label, position, mode

std::vector<Row> rows(const std::vector<LigneEpreuve>& lignes) {
  std::vector<Row> out;
  for (const auto& l : lignes)
    out.emplace_back(l.libelle(), std::string(libelle_position(l.position)),
                     std::string(libelle_mode(l.mode)));
  return out;
}

const std::string ccf = "Contrôle en cours de formation";

TEST(QualificationData, the_seed_recapitulatif_of_aeronautique_option_systemes) {
  // Guide BCP 2024: SCOLAIRE BACPRO 1 AN, 25303, "Titulaire : BTS DUT DEUG LICENCE Toutes
  // spécialités (depuis 1900) … Année : 2022 Académie : Aix-Marseille", EF1 Anglais, EF2
  // Lettonie. The seed prints "Dispensé" for E5-A and "Dispense" for the other exempted
  // rows: one position, shown "Dispense".
  const auto& q = repository();
  DossierEpreuves d;
  d.specialite = "25303";
  d.categorie = "133";
  d.acquis = {{"BTSDUT", 2022, "AIX"}};
  d.facultatives_inscrites = {"EF1", "EF2"};
  d.choix = {{"EF1", "ANG"}, {"EF2", "LV"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  for (const auto& e : r.errors.all()) ADD_FAILURE() << e.field << ": " << e.message;

  const auto blocs = blocs_recapitulatif(r.lignes);
  ASSERT_EQ(blocs.size(), 3u);
  EXPECT_EQ(libelle_groupe(blocs[0].groupe), "Session normale 1er groupe");
  EXPECT_FALSE(blocs[0].facultatives);
  EXPECT_EQ(
      rows(blocs[0].lignes),
      (std::vector<Row>{
          {"E1 - Epreuve scientifique", "Inscrit", ""},
          {"E1-A - Mathématiques", "Inscrit", ccf},
          {"E1-B - Physique-Chimie", "Inscrit", ccf},
          {"E2 - Exploitation de la documentation technique", "Inscrit", "Ponctuel"},
          {"E3 - Prise en compte de la formation en milieu professionnel", "Inscrit", ""},
          {"E3-A - Inspection et relation en entreprise", "Inscrit", ccf},
          {"E3-B - Montage - démontage", "Inscrit", ccf},
          {"E3-C - Essais, réglages et mise en oeuvre", "Inscrit", ccf},
          {"E3-D - Réalisation et contrôle", "Inscrit", ccf},
          {"E3-E - Economie et gestion", "Inscrit", "Ponctuel"},
          {"E3-F - Prévention, santé, environnement", "Inscrit", "Ponctuel"},
          {"E4 - Langue vivante", "Dispense", ""},
          {"E4-A - Langue vivante A : écrite", "Dispense", ""},
          {"E4-B - Langue vivante A : orale", "Dispense", ""},
          {"E5 - Français, histoire-géographie, enseignement moral et civique", "Dispense", ""},
          {"E5-A - Français", "Dispense", ""},
          {"E5-B - Histoire-géographie et enseignement moral et civique", "Dispense", ""},
          {"E6 - Arts appliqués et culture artistique", "Dispense", ""},
          {"E7 - Education physique et sportive", "Dispense", ""},
          {"EC1 - Chef d'oeuvre", "Inscrit", ccf},
          {"EC1A - Chef d'oeuvre : présentation orale", "Inscrit", ccf},
          {"EC1B - Chef d'oeuvre : note du livret", "Inscrit", ccf},
          {"EC1BA - Chef d'oeuvre, note de la scolarité 1ère", "Inscrit", ccf},
          {"EC1BB - Chef d'oeuvre, note de la scolarité terminale", "Inscrit", ccf},
      }));
  EXPECT_EQ(libelle_groupe(blocs[1].groupe), "Session normale 1er groupe");
  EXPECT_TRUE(blocs[1].facultatives);
  EXPECT_EQ(rows(blocs[1].lignes),
            (std::vector<Row>{
                {"EF1 - Langue vivante facultative - Anglais", "Inscrit", "Ponctuel"},
                {"EF2 - Epreuve de mobilité - Lettonie", "Inscrit", ccf},
            }));
  EXPECT_EQ(libelle_groupe(blocs[2].groupe), "Session normale 2nd groupe");
  EXPECT_FALSE(blocs[2].facultatives);
  EXPECT_EQ(rows(blocs[2].lignes),
            (std::vector<Row>{{"ECT - Epreuve de contrôle", "Inscrit", "Ponctuel"}}));
  EXPECT_TRUE(a_des_choix(r.lignes));
}

TEST(QualificationData, the_seed_acquis_step_proposes_the_exemptions_pre_checked) {
  const auto& q = repository();
  DossierEpreuves d;
  d.specialite = "25303";
  d.categorie = "133";
  d.acquis = {{"BTSDUT", 2022, "AIX"}};
  std::vector<std::string> codes;
  for (const auto* e : dispenses_proposees(q, d, 2024)) codes.push_back(e->code);
  EXPECT_EQ(codes, (std::vector<std::string>{"E4", "E5-A", "E5-B", "E6", "E7"}));
  // Guide BP 2022: "DIPLÔME DES MÉTIERS D'ART Toutes spécialités, Année 2017, CORSE"
  // exempts E4, E5-B, E5-A, E7, E6 (listed here in tree order).
  d.acquis = {{"DMA", 2017, "COR"}};
  codes.clear();
  for (const auto* e : dispenses_proposees(q, d, 2024)) codes.push_back(e->code);
  EXPECT_EQ(codes, (std::vector<std::string>{"E4", "E5-A", "E5-B", "E6", "E7"}));
}

TEST(QualificationData, the_seed_acquis_list_in_its_order) {
  const auto& q = repository();
  std::vector<std::string> labels;
  for (const auto* d : q.diplomes_of("BCP")) labels.push_back(d->libelle());
  EXPECT_EQ(labels, (std::vector<std::string>{
                        "BACCALAURÉAT PROFESSIONNEL Autres spécialités (depuis 2019)",
                        "BTS DUT DEUG LICENCE Toutes spécialités (depuis 1900)",
                        "AUTRES DIPLOMES Technicien des métiers du spectacle (depuis 1900)",
                        "AUTRES DIPLOMES Technicien podo-orthésiste (depuis 1900)",
                        "AUTRES DIPLOMES Technicien prothésiste-orthésiste (depuis 1900)",
                        "BACCALAURÉAT PROFESSIONNEL Autres spécialités BACPRO avec "
                        "Physique-chimie, Economie-gestion (depuis 2019)",
                        "BACCALAURÉAT PROFESSIONNEL Autres spécialités BACPRO avec Sciences "
                        "Physiques et Chimiques (depuis 2019)",
                        "DIPLOME DES METIERS D'ART Toutes spécialités (depuis 1900)",
                        "BACCALAURÉAT PROFESSIONNEL Autres spécialités BACPRO avec "
                        "Economie-gestion (depuis 2019)",
                        "BREVET DES METIERS D'ART Toutes spécialités (depuis 1900)",
                        "BREVET TECHNIQUE, BREVET TECHNIQUE AGRICOLE Toutes spécialités (depuis "
                        "1900)",
                        "BACCALAURÉAT GÉNÉRAL OU BACCALAURÉAT TECHNOLOGIQUE Toutes séries (depuis "
                        "1900)",
                    }));
  const auto* type = q.type_acquis("BCP", TypeAcquis::deja_presente);
  ASSERT_TRUE(type);
  EXPECT_EQ(type->libelle,
            "Je me suis déjà présenté à ce BACPRO lors d'une session précédente et je n'ai pas "
            "obtenu le diplôme");
}

TEST(QualificationData, the_seed_labels_of_informations_candidature) {
  const auto& q = repository();
  const auto* specialite = q.specialite("25303");
  ASSERT_TRUE(specialite);
  EXPECT_EQ(specialite->domaine, "BCP");
  EXPECT_EQ(specialite->libelle_long(), "Aéronautique option Systèmes (25303)");
  const auto* categorie = q.categorie("BCP", "133");
  ASSERT_TRUE(categorie);
  EXPECT_EQ(categorie->libelle, "SCOLAIRE BACPRO 1 AN");
  EXPECT_EQ(categorie->libelle_long(), "SCOLAIRE BACPRO 1 AN (133)");
  EXPECT_FALSE(categorie->individuel);
  const auto* individuel = q.categorie("BCP", "IND");
  ASSERT_TRUE(individuel);
  EXPECT_TRUE(individuel->individuel);
  const auto* cfa = q.etablissement("9730538X");
  ASSERT_TRUE(cfa);
  EXPECT_EQ(cfa->libelle(), "CFA CEVEDOM CAYENNE - CAYENNE CEDEX 2 (9730538X)");
  EXPECT_EQ(cfa->academie, "GUY");
  bool individuels_035 = false, cned = false;
  for (const auto& e : q.etablissements) {
    individuels_035 |= e.pseudo && e.libelle() == "INDIVIDUELS 035" && e.academie == "REN";
    cned |= e.pseudo && e.libelle() == "CNED";
  }
  EXPECT_TRUE(individuels_035);
  EXPECT_TRUE(cned);
  ASSERT_TRUE(q.categorie_socio_professionnelle("81"));
  EXPECT_EQ(q.categorie_socio_professionnelle("81")->libelle, "Chômeurs n'ayant jamais travaillé");
  ASSERT_TRUE(q.section_langue("SANS"));
  EXPECT_EQ(q.section_langue("SANS")->libelle, "Pas de section européenne");
  const auto forme =
      forme_passage_finale(q, *categorie, "GLOBALE", false, DecisionDerogation::en_attente);
  EXPECT_EQ(q.forme_passage(forme.finale)->libelle, "Globale");
}

TEST(QualificationData, an_individual_candidate_takes_every_epreuve_as_ponctuel) {
  const auto& q = repository();
  DossierEpreuves d;
  d.specialite = "25303";
  d.categorie = "IND";
  d.facultatives_inscrites = {"EF2"};
  d.choix = {{"EF2", "LV"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.lignes.size(), q.specialite("25303")->epreuves.size());
  for (const auto& l : r.lignes) {
    if (l.epreuve->code == "EF1") {
      EXPECT_EQ(l.position, Position::non_inscrit);
      EXPECT_EQ(l.mode, ModeEvaluation::aucun);
      continue;
    }
    EXPECT_EQ(l.position, Position::inscrit) << l.epreuve->code;
    const bool parent_sans_mode = l.epreuve->mode_ccf == ModeEvaluation::aucun;
    EXPECT_EQ(l.mode, parent_sans_mode ? ModeEvaluation::aucun : ModeEvaluation::ponctuel)
        << l.epreuve->code;
  }
}

TEST(QualificationData, the_cap_electricien_tree_for_a_school_pupil_with_a_bep) {
  const auto& q = repository();
  const auto* cap = q.specialite("25519");
  ASSERT_TRUE(cap);
  EXPECT_EQ(cap->domaine, "CAP");
  DossierEpreuves d;
  d.specialite = "25519";
  d.categorie = "SCO";
  d.acquis = {{"BEP", 2015, "BES"}};
  d.dispenses_decochees = {"EG4"};  // retakes the language to improve its grade
  d.choix = {{"EG4", "ESP"}};
  const auto r = epreuves_du_candidat(q, d, 2026);
  for (const auto& e : r.errors.all()) ADD_FAILURE() << e.field << ": " << e.message;
  EXPECT_EQ(
      rows(r.lignes),
      (std::vector<Row>{
          {"EP1 - Réalisation d'une installation", "Inscrit", ccf},
          {"EP2 - Mise en service d'une installation", "Inscrit", ccf},
          {"EG1 - Français et histoire-géographie-enseignement moral et civique", "Dispense", ""},
          {"EG2 - Mathématiques et physique-chimie", "Dispense", ""},
          {"EG3 - Education physique et sportive", "Dispense", ""},
          {"EG4 - Langue vivante étrangère - Espagnol", "Inscrit", ccf},
          {"EF1 - Arts appliqués et cultures artistiques", "Non inscrit", ""},
      }));
  EXPECT_EQ(blocs_recapitulatif(r.lignes).size(), 2u);  // no 2nd groupe in a CAP
}

class QualificationFiles : public examens::testing::CatalogueCopy {
 protected:
  // The only error, which must be in `file` on its last line.
  LoadError only_error_at_end_of(const std::string& file) {
    auto r = load(dir);
    EXPECT_FALSE(r.qualification);
    EXPECT_EQ(r.errors.size(), 1u);
    if (r.errors.empty()) return {};
    EXPECT_EQ(r.errors[0].file, file);
    EXPECT_EQ(r.errors[0].line, lines_of(file));
    return r.errors[0];
  }
};

TEST_F(QualificationFiles, a_child_before_its_parent_is_refused) {
  append("epreuves.csv", "25303;E8-A;E8;Option;U81;obligatoire;1;ccf;ponctuel;");
  EXPECT_NE(only_error_at_end_of("epreuves.csv").reason.find("E8 inconnue"), std::string::npos);
}

TEST_F(QualificationFiles, a_child_of_another_groupe_than_its_parent_is_refused) {
  append("epreuves.csv", "25303;E1-C;E1;Informatique;U13;obligatoire;2;ccf;ponctuel;");
  EXPECT_NE(only_error_at_end_of("epreuves.csv").reason.find("groupe de son parent"),
            std::string::npos);
}

TEST_F(QualificationFiles, a_leaf_without_a_mode_is_refused) {
  append("epreuves.csv", "25519;EG5;;Prévention-santé-environnement;U7;obligatoire;1;;ponctuel;");
  auto r = load(dir);
  EXPECT_FALSE(r.qualification);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].reason.find("EG5"), std::string::npos);
  EXPECT_NE(r.errors[0].reason.find("modes sont obligatoires"), std::string::npos);
}

TEST_F(QualificationFiles, a_uai_with_a_wrong_check_letter_is_refused) {
  append("etablissements.csv", "9730538A;CFA FAUX;CAYENNE;GUY;non");
  EXPECT_NE(only_error_at_end_of("etablissements.csv").reason.find("UAI invalide"),
            std::string::npos);
}

TEST_F(QualificationFiles, an_etablissement_of_an_unknown_academie_is_refused) {
  append("etablissements.csv", "0209999K;INDIVIDUELS 020;;XYZ;oui");
  const auto e = only_error_at_end_of("etablissements.csv");
  EXPECT_NE(e.reason.find("académie inconnue : XYZ"), std::string::npos) << e.message();
}

TEST_F(QualificationFiles, exempting_an_optional_epreuve_is_refused) {
  append("acquis_dispenses.csv", "BCP;BMA;25519;EG1");  // a CAP spécialité for a BCP diploma
  append("acquis.csv", "BCP;LICPRO;LICENCE PROFESSIONNELLE;Toutes spécialités;2000");
  append("acquis_dispenses.csv", "BCP;LICPRO;25303;E4 EF1");
  auto r = load(dir);
  EXPECT_FALSE(r.qualification);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].reason.find("spécialité inconnue dans BCP : 25519"), std::string::npos);
  EXPECT_EQ(r.errors[1].line, lines_of("acquis_dispenses.csv"));
  EXPECT_NE(r.errors[1].reason.find("EF1"), std::string::npos);
}

TEST_F(QualificationFiles, a_category_with_an_unknown_forme_or_a_duplicate_is_refused) {
  append("categories.csv", "BCP;VAE;CANDIDAT VAE;oui;ponctuel;MODULAIRE");
  append("categories.csv", "BCP;133;SCOLAIRE BACPRO 1 AN;non;ccf;GLOBALE");
  auto r = load(dir);
  EXPECT_FALSE(r.qualification);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].reason.find("forme de passage inconnue : MODULAIRE"), std::string::npos);
  EXPECT_NE(r.errors[1].reason.find("déjà définie"), std::string::npos);
}

TEST_F(QualificationFiles, an_epreuve_choice_without_a_list_is_refused) {
  std::ofstream(dir / "choix_epreuves.csv") << "nature;code;libelle\nlangue;ANG;Anglais\n";
  auto r = load(dir);
  EXPECT_FALSE(r.qualification);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].reason.find("aucun choix de nature pays pour l'épreuve EF2"),
            std::string::npos);
}

TEST_F(QualificationFiles, a_wrong_header_a_missing_file_and_a_wrong_column_count) {
  std::ofstream(dir / "csp.csv") << "code;intitule\n81;Chômeurs\n";
  std::filesystem::remove(dir / "situations.csv");
  append("acquis.csv", "BCP;BTS;BTS;Toutes spécialités");
  auto r = load(dir);
  EXPECT_FALSE(r.qualification);
  bool header = false, missing = false, columns = false;
  for (const auto& e : r.errors) {
    header |= e.file == "csp.csv" && e.line == 1;
    missing |= e.file == "situations.csv" && e.line == 0;
    columns |= e.file == "acquis.csv" &&
               e.reason.find("5 colonnes attendues, 4 trouvées") != std::string::npos;
  }
  EXPECT_TRUE(header);
  EXPECT_TRUE(missing);
  EXPECT_TRUE(columns);
}

}  // namespace
}  // namespace examens::catalogue
