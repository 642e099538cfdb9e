// Unit tests of the qualification rules (SPEC §4 steps 4–6) on a small hand-made catalogue:
// exemptions and their unchecking, positions and modes, choices, forme de passage finale.
#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/qualification.hpp"

namespace examens::domain {
namespace {

using M = ModeEvaluation;

Epreuve epreuve(std::string code, std::string parent, M ccf, M ponctuel,
                NatureChoix choix = NatureChoix::aucun, bool facultative = false,
                Groupe groupe = Groupe::premier) {
  return {code, "Libellé " + code, parent, "U" + code, facultative, groupe, ccf, ponctuel, choix};
}

// A spécialité "T1" shaped like the seed's: a parent with children (E1), a nested parent
// (E3 > E3-B > E3-BA, E3-BB), a mandatory language (E2), facultatives and a 2nd groupe.
CatalogueQualification catalogue() {
  CatalogueQualification q;
  Specialite t1{"BCP", "T1", "Spécialité de test", {}};
  t1.epreuves = {
      epreuve("E1", "", M::aucun, M::aucun),
      epreuve("E1-A", "E1", M::ccf, M::ponctuel),
      epreuve("E1-B", "E1", M::ccf, M::ponctuel),
      epreuve("E2", "", M::ponctuel, M::ponctuel, NatureChoix::langue),
      epreuve("E3", "", M::ccf, M::ponctuel),
      epreuve("E3-A", "E3", M::ccf, M::ponctuel),
      epreuve("E3-B", "E3", M::ccf, M::ponctuel),
      epreuve("E3-BA", "E3-B", M::ccf, M::ponctuel),
      epreuve("E3-BB", "E3-B", M::ccf, M::ponctuel),
      epreuve("EF1", "", M::ponctuel, M::ponctuel, NatureChoix::langue, true),
      epreuve("EF2", "", M::ccf, M::ponctuel, NatureChoix::pays, true),
      epreuve("ECT", "", M::ponctuel, M::ponctuel, NatureChoix::aucun, false, Groupe::second),
  };
  Specialite t2{"BCP", "T2", "Sans choix", {epreuve("E1", "", M::ccf, M::ponctuel)}};
  q.specialites = {t1, t2};
  q.formes_passage = {{"GLOBALE", "Globale"}, {"PROGRESSIVE", "Progressive"}};
  q.categories = {
      {"BCP", "133", "SCOLAIRE BACPRO 1 AN", false, RegimeEvaluation::ccf, {"GLOBALE"}},
      {"BCP", "IND", "INDIVIDUEL", true, RegimeEvaluation::ponctuel, {"GLOBALE", "PROGRESSIVE"}},
  };
  q.diplomes = {{"BCP", "BTS", "BTS DUT DEUG LICENCE", "Toutes spécialités", 1900},
                {"BCP", "BCPA", "BACCALAURÉAT PROFESSIONNEL", "Autres spécialités", 2019},
                {"CAP", "BEP", "BEP", "Toutes spécialités", 1900}};
  q.dispenses = {{"BCP", "BTS", "T1", {"E1-A", "E1-B", "E2"}},
                 {"BCP", "BCPA", "T1", {"E3", "E2"}},
                 {"CAP", "BEP", "T1", {"E1"}}};
  q.choix = {{NatureChoix::langue, "ANG", "Anglais"},
             {NatureChoix::langue, "ESP", "Espagnol"},
             {NatureChoix::pays, "LV", "Lettonie"}};
  return q;
}

DossierEpreuves dossier(std::string categorie = "133") {
  DossierEpreuves d;
  d.specialite = "T1";
  d.categorie = std::move(categorie);
  d.choix = {{"E2", "ESP"}};
  return d;
}

const LigneEpreuve& ligne(const EpreuvesCandidat& r, std::string_view code) {
  for (const auto& l : r.lignes)
    if (l.epreuve->code == code) return l;
  throw std::logic_error("no line " + std::string(code));
}

std::vector<std::string> codes(const std::vector<const Epreuve*>& epreuves) {
  std::vector<std::string> out;
  for (const auto* e : epreuves) out.push_back(e->code);
  return out;
}

TEST(Epreuves, without_acquis_every_mandatory_epreuve_is_inscrit_and_facultatives_not) {
  const auto q = catalogue();
  const auto r = epreuves_du_candidat(q, dossier(), 2024);
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.lignes.size(), 12u);
  for (const auto& l : r.lignes)
    EXPECT_EQ(l.position, l.epreuve->facultative ? Position::non_inscrit : Position::inscrit)
        << l.epreuve->code;
  EXPECT_EQ(ligne(r, "E1").niveau, 0);
  EXPECT_EQ(ligne(r, "E1-A").niveau, 1);
  EXPECT_EQ(ligne(r, "E3-BA").niveau, 2);
}

TEST(Epreuves, a_parent_is_dispense_when_all_its_children_are) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BTS", 2022, "AIX"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(ligne(r, "E1-A").position, Position::dispense);
  EXPECT_EQ(ligne(r, "E1-B").position, Position::dispense);
  EXPECT_EQ(ligne(r, "E1").position, Position::dispense);
  EXPECT_EQ(ligne(r, "E2").position, Position::dispense);
  EXPECT_EQ(ligne(r, "E2").choix, "");  // an exempted language asks no choice
  EXPECT_EQ(ligne(r, "E3").position, Position::inscrit);
}

TEST(Epreuves, exempting_a_parent_exempts_all_its_descendants) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BCPA", 2020, "GRE"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.empty());
  for (const char* code : {"E3", "E3-A", "E3-B", "E3-BA", "E3-BB"})
    EXPECT_EQ(ligne(r, code).position, Position::dispense) << code;
  EXPECT_EQ(ligne(r, "E1").position, Position::inscrit);
}

TEST(Epreuves, an_unchecked_exemption_is_sat_again) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BTS", 2022, "AIX"}};
  d.dispenses_decochees = {"E1-A", "E2"};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(ligne(r, "E1-A").position, Position::inscrit);
  EXPECT_EQ(ligne(r, "E1-A").mode, ModeEvaluation::ccf);
  EXPECT_EQ(ligne(r, "E1-B").position, Position::dispense);
  EXPECT_EQ(ligne(r, "E1").position, Position::inscrit);  // not all its children are exempted
  EXPECT_EQ(ligne(r, "E2").position, Position::inscrit);
  EXPECT_EQ(ligne(r, "E2").choix, "Espagnol");
}

TEST(Epreuves, only_a_proposed_exemption_can_be_unchecked) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BCPA", 2020, "GRE"}};
  d.dispenses_decochees = {"E3-A"};  // proposed as part of E3: uncheck E3 itself
  const auto r = epreuves_du_candidat(q, d, 2024);
  ASSERT_TRUE(r.errors.has("dispenses"));
  EXPECT_EQ(ligne(r, "E3-A").position, Position::dispense);
}

TEST(Epreuves, an_acquis_before_its_diploma_depuis_year_is_refused_and_exempts_nothing) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BCPA", 2018, "AIX"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  ASSERT_TRUE(r.errors.has("acquis.0.annee"));
  EXPECT_EQ(*r.errors.message("acquis.0.annee"),
            "Le diplôme BACCALAURÉAT PROFESSIONNEL Autres spécialités (depuis 2019) ne donne "
            "droit à dispense que s'il a été obtenu en 2019 ou après : l'année 2018 ne convient "
            "pas.");
  EXPECT_EQ(ligne(r, "E3").position, Position::inscrit);
  EXPECT_TRUE(dispenses_proposees(q, d, 2024).empty());
  d.acquis[0].annee = 2019;  // the "depuis" year itself counts
  EXPECT_EQ(codes(dispenses_proposees(q, d, 2024)), (std::vector<std::string>{"E2", "E3"}));
}

TEST(Epreuves, an_acquis_in_the_future_without_academie_or_of_another_domaine_is_refused) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BTS", 2025, "AIX"}, {"BTS", 2020, ""}, {"BEP", 2010, "AIX"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.has("acquis.0.annee"));
  EXPECT_TRUE(r.errors.has("acquis.1.academie"));
  EXPECT_TRUE(r.errors.has("acquis.2.diplome"));  // a CAP diploma in a BCP spécialité
  EXPECT_EQ(ligne(r, "E1").position, Position::inscrit);
}

TEST(Epreuves, proposed_exemptions_are_the_union_in_tree_order) {
  const auto q = catalogue();
  auto d = dossier();
  d.acquis = {{"BCPA", 2020, "GRE"}, {"BTS", 2022, "AIX"}};
  d.dispenses_vae = {"E3-A"};
  EXPECT_EQ(codes(dispenses_proposees(q, d, 2024)),
            (std::vector<std::string>{"E1-A", "E1-B", "E2", "E3", "E3-A"}));
}

TEST(Epreuves, a_vae_exemption_applies_and_an_optional_one_is_refused) {
  const auto q = catalogue();
  auto d = dossier();
  d.dispenses_vae = {"E3-BA", "E3-BB", "EF1"};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.has("dispenses"));
  EXPECT_EQ(ligne(r, "E3-B").position, Position::dispense);
  EXPECT_EQ(ligne(r, "E3").position, Position::inscrit);
  EXPECT_EQ(ligne(r, "EF1").position, Position::non_inscrit);
}

TEST(Epreuves, a_facultative_epreuve_needs_its_language_or_country) {
  const auto q = catalogue();
  auto d = dossier();
  d.facultatives_inscrites = {"EF1", "EF2"};
  d.choix["EF2"] = "XX";
  const auto r = epreuves_du_candidat(q, d, 2024);
  ASSERT_TRUE(r.errors.has("choix.EF1"));
  EXPECT_EQ(*r.errors.message("choix.EF1"), "Choisissez la langue de l'épreuve EF1 - Libellé EF1.");
  ASSERT_TRUE(r.errors.has("choix.EF2"));
  EXPECT_EQ(*r.errors.message("choix.EF2"), "Pays inconnu pour l'épreuve EF2 : XX.");
  EXPECT_EQ(ligne(r, "EF1").position, Position::inscrit);

  d.choix = {{"E2", "ANG"}, {"EF1", "ANG"}, {"EF2", "LV"}};
  const auto ok = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(ok.errors.empty());
  EXPECT_EQ(ligne(ok, "EF1").libelle(), "EF1 - Libellé EF1 - Anglais");
  EXPECT_EQ(ligne(ok, "EF2").libelle(), "EF2 - Libellé EF2 - Lettonie");
  EXPECT_EQ(ligne(ok, "EF2").mode, ModeEvaluation::ccf);
}

TEST(Epreuves, a_mandatory_epreuve_a_choix_needs_its_choice_too) {
  const auto q = catalogue();
  auto d = dossier();
  d.choix.clear();
  const auto r = epreuves_du_candidat(q, d, 2024);
  ASSERT_TRUE(r.errors.has("choix.E2"));
  EXPECT_EQ(r.errors.all().size(), 1u);
}

TEST(Epreuves, only_a_facultative_epreuve_of_the_specialite_can_be_chosen) {
  const auto q = catalogue();
  auto d = dossier();
  d.facultatives_inscrites = {"E1", "EF9"};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.has("choix.E1"));
  EXPECT_TRUE(r.errors.has("choix.EF9"));
}

TEST(Epreuves, the_mode_follows_the_category_and_only_an_inscrit_line_has_one) {
  const auto q = catalogue();
  auto d = dossier("IND");
  d.acquis = {{"BTS", 2022, "AIX"}};
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(ligne(r, "E3-A").mode, ModeEvaluation::ponctuel);
  EXPECT_EQ(ligne(r, "E1-A").mode, ModeEvaluation::aucun);    // Dispense
  EXPECT_EQ(ligne(r, "EF2").mode, ModeEvaluation::aucun);     // Non inscrit
  EXPECT_EQ(ligne(r, "ECT").mode, ModeEvaluation::ponctuel);  // 2nd groupe
  const auto scolaire = epreuves_du_candidat(q, dossier("133"), 2024);
  EXPECT_EQ(ligne(scolaire, "E3-A").mode, ModeEvaluation::ccf);
  EXPECT_EQ(ligne(scolaire, "E1").mode, ModeEvaluation::aucun);  // a parent without a mode
}

TEST(Epreuves, an_unknown_specialite_or_categorie_is_refused) {
  const auto q = catalogue();
  auto d = dossier("XYZ");
  EXPECT_TRUE(epreuves_du_candidat(q, d, 2024).errors.has("categorie"));
  d.specialite = "T9";
  const auto r = epreuves_du_candidat(q, d, 2024);
  EXPECT_TRUE(r.errors.has("specialite"));
  EXPECT_TRUE(r.lignes.empty());
}

TEST(Epreuves, the_recapitulatif_blocks_in_the_seed_order) {
  const auto q = catalogue();
  const auto blocs = blocs_recapitulatif(epreuves_du_candidat(q, dossier(), 2024).lignes);
  ASSERT_EQ(blocs.size(), 3u);
  EXPECT_EQ(blocs[0].groupe, Groupe::premier);
  EXPECT_FALSE(blocs[0].facultatives);
  EXPECT_EQ(blocs[0].lignes.size(), 9u);
  EXPECT_TRUE(blocs[1].facultatives);
  EXPECT_EQ(blocs[1].lignes.front().epreuve->code, "EF1");
  EXPECT_EQ(blocs[2].groupe, Groupe::second);
  EXPECT_EQ(blocs[2].lignes.front().epreuve->code, "ECT");
}

TEST(Epreuves, the_step_says_when_there_is_nothing_to_choose) {
  const auto q = catalogue();
  DossierEpreuves d;
  d.specialite = "T2";
  d.categorie = "133";
  EXPECT_FALSE(a_des_choix(epreuves_du_candidat(q, d, 2024).lignes));
  EXPECT_TRUE(a_des_choix(epreuves_du_candidat(q, dossier(), 2024).lignes));
  EXPECT_NE(message_rien_a_choisir.find("Suivant"), std::string_view::npos);
}

TEST(Epreuves, an_exempted_language_leaves_nothing_to_choose) {
  auto q = catalogue();
  auto& t1 = q.specialites[0];
  std::erase_if(t1.epreuves, [](const Epreuve& e) { return e.facultative; });
  auto d = dossier();
  EXPECT_TRUE(a_des_choix(epreuves_du_candidat(q, d, 2024).lignes));  // E2's language
  d.acquis = {{"BTS", 2022, "AIX"}};
  EXPECT_FALSE(a_des_choix(epreuves_du_candidat(q, d, 2024).lignes));
}

TEST(Epreuves, a_language_is_mandatory_on_the_epreuves_sat_only) {
  auto q = catalogue();
  auto& t1 = q.specialites[0];
  std::erase_if(t1.epreuves, [](const Epreuve& e) { return e.facultative; });
  auto d = dossier();
  auto ligne_e2 = [&](const DossierEpreuves& dos) {
    for (const auto& l : epreuves_du_candidat(q, dos, 2024).lignes)
      if (l.epreuve->code == "E2") return l;
    throw std::runtime_error("no E2");
  };
  EXPECT_TRUE(ligne_e2(d).choix_obligatoire());
  d.acquis = {{"BTS", 2022, "AIX"}};  // E2 exempted: nothing to choose there
  EXPECT_FALSE(ligne_e2(d).choix_obligatoire());
}

TEST(FormePassage, a_forme_open_to_the_category_is_the_finale_without_derogation) {
  const auto q = catalogue();
  const auto r = forme_passage_finale(q, q.categories[1], "PROGRESSIVE", false,
                                      DecisionDerogation::en_attente);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.finale, "PROGRESSIVE");
  const auto pointless =
      forme_passage_finale(q, q.categories[1], "GLOBALE", true, DecisionDerogation::en_attente);
  EXPECT_TRUE(pointless.errors.has("derogation"));
  EXPECT_EQ(pointless.finale, "");
}

TEST(FormePassage, another_forme_needs_a_derogation_and_is_final_once_granted) {
  const auto q = catalogue();
  const auto& scolaire = q.categories[0];
  const auto refused =
      forme_passage_finale(q, scolaire, "PROGRESSIVE", false, DecisionDerogation::en_attente);
  ASSERT_TRUE(refused.errors.has("derogation"));
  EXPECT_EQ(*refused.errors.message("derogation"),
            "La forme de passage Progressive n'est pas ouverte à la catégorie SCOLAIRE BACPRO 1 "
            "AN : demandez une dérogation ou choisissez une autre forme.");
  EXPECT_EQ(
      forme_passage_finale(q, scolaire, "PROGRESSIVE", true, DecisionDerogation::en_attente).finale,
      "GLOBALE");
  EXPECT_EQ(
      forme_passage_finale(q, scolaire, "PROGRESSIVE", true, DecisionDerogation::refusee).finale,
      "GLOBALE");
  EXPECT_EQ(
      forme_passage_finale(q, scolaire, "PROGRESSIVE", true, DecisionDerogation::accordee).finale,
      "PROGRESSIVE");
  EXPECT_TRUE(forme_passage_finale(q, scolaire, "", false, DecisionDerogation::en_attente)
                  .errors.has("forme_passage"));
}

TEST(Etablissement, uai_check_letter_and_label) {
  EXPECT_TRUE(is_uai("9730538X"));
  EXPECT_TRUE(is_uai("0250001R"));
  EXPECT_FALSE(is_uai("9730538A"));
  EXPECT_FALSE(is_uai("973053X"));
  EXPECT_FALSE(is_uai("97305380"));
  EXPECT_EQ(
      (Etablissement{"9730538X", "CFA CEVEDOM CAYENNE", "CAYENNE CEDEX 2", "GUY", false}).libelle(),
      "CFA CEVEDOM CAYENNE - CAYENNE CEDEX 2 (9730538X)");
  EXPECT_EQ((Etablissement{"0861275U", "CNED", "", "POI", true}).libelle(), "CNED");
}

}  // namespace
}  // namespace examens::domain
