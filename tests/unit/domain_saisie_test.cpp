// Unit tests of the wizard's tab checks: modalités, identification (address, nationality,
// telephones), conditions; then tabs 3 to 6 on the repository's own catalogue — what each
// checks, how the typed values become the qualification's terms, and how the proposed
// exemptions follow the acquis.
#include <gtest/gtest.h>

#include "catalogue/fichiers.hpp"
#include "catalogue/qualification_fichiers.hpp"
#include "catalogue_copy.hpp"
#include "domain/saisie.hpp"

namespace examens::domain {
namespace {

class Reference final : public ReferenceLookup {
 public:
  bool pays_exists(std::string_view code) const override { return code == "FR" || code == "BE"; }
  bool departement_exists(std::string_view) const override { return true; }
  bool nationalite_exists(std::string_view code) const override { return code == "FR"; }
  std::optional<std::string> commune_nom(std::string_view, std::string_view,
                                         std::string_view) const override {
    return std::nullopt;
  }
  std::optional<std::pair<std::string, std::string>> commune_par_nom(
      std::string_view, std::string_view) const override {
    return std::nullopt;
  }
};

Champs adresse() {
  return {{"adresse_pays", {"FR"}},   {"adresse_voie", {"12 rue de la Paix"}},
          {"code_postal", {"97300"}}, {"localite", {"CAYENNE"}},
          {"nationalite", {"FR"}},    {"telephone_mobile", {"0623456789"}}};
}

// The message next to `field`, empty when it has none.
std::string message_on(const FieldErrors& errors, std::string_view field) {
  const std::string* m = errors.message(field);
  return m ? *m : "";
}

TEST(Telephone, accepts_the_seed_formats) {
  EXPECT_TRUE(is_valid_telephone("0623456789"));
  EXPECT_TRUE(is_valid_telephone("+33623456789"));
  EXPECT_TRUE(is_valid_telephone("06 23 45 67 89"));
  EXPECT_TRUE(is_valid_telephone("+594694123456"));  // Guyane from abroad
  EXPECT_FALSE(is_valid_telephone("062345678"));
  EXPECT_FALSE(is_valid_telephone("+330623456789"));
  EXPECT_FALSE(is_valid_telephone("06-23-45-67-8a"));
  EXPECT_EQ(normalize_telephone("06 23.45-67 89"), "0623456789");
}

TEST(Modalites, must_be_accepted) {
  EXPECT_TRUE(valider_modalites({}).has("modalites_acceptees"));
  EXPECT_TRUE(valider_modalites({{"modalites_acceptees", {"oui"}}}).empty());
}

TEST(Identification, a_complete_address_passes) {
  EXPECT_TRUE(valider_identification(adresse(), Reference{}).empty());
}

TEST(Identification, each_missing_or_wrong_field_is_named) {
  Champs c = adresse();
  c["adresse_voie"] = {""};
  c["code_postal"] = {"973"};
  c["nationalite"] = {""};
  c["telephone_fixe"] = {"12"};
  const auto errors = valider_identification(c, Reference{});
  EXPECT_TRUE(errors.has("adresse_voie"));
  EXPECT_TRUE(errors.has("code_postal"));
  EXPECT_TRUE(errors.has("nationalite"));
  EXPECT_TRUE(errors.has("telephone_fixe"));
  EXPECT_FALSE(errors.has("localite"));
}

TEST(Identification, a_foreign_postal_code_is_free_text) {
  Champs c = adresse();
  c["adresse_pays"] = {"BE"};
  c["code_postal"] = {"B-1000"};
  EXPECT_TRUE(valider_identification(c, Reference{}).empty());
}

TEST(Identification, a_french_postal_code_typed_in_two_groups_is_normalised) {
  Champs c = adresse();
  c["code_postal"] = {"97 300"};
  normaliser_onglet(2, c);
  EXPECT_EQ(valeur(c, "code_postal"), "97300");
  EXPECT_TRUE(valider_identification(c, Reference{}).empty());
  // Only a French code of five digits: what is not one is left for the check to name, and a
  // code abroad may hold spaces of its own.
  c["code_postal"] = {"97 30"};
  normaliser_onglet(2, c);
  EXPECT_EQ(valeur(c, "code_postal"), "97 30");
  EXPECT_TRUE(valider_identification(c, Reference{}).has("code_postal"));
  c["adresse_pays"] = {"BE"};
  c["code_postal"] = {"B 1000"};
  normaliser_onglet(2, c);
  EXPECT_EQ(valeur(c, "code_postal"), "B 1000");
  // Another tab is left as typed.
  Champs autre = adresse();
  autre["code_postal"] = {"97 300"};
  normaliser_onglet(3, autre);
  EXPECT_EQ(valeur(autre, "code_postal"), "97 300");
}

TEST(Conditions, the_commitment_must_be_checked) {
  EXPECT_TRUE(valider_conditions({}).has("conditions_acceptees"));
  EXPECT_TRUE(valider_conditions({{"conditions_acceptees", {"oui"}}}).empty());
}

class Onglets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto files = catalogue::read_files(testing::repo_catalogue());
    base_ = new Catalogue(*catalogue::load_catalogue(files).catalogue);
    qualification_ =
        new CatalogueQualification(*catalogue::load_qualification(files, *base_).qualification);
  }
  static void TearDownTestSuite() {
    delete qualification_;
    delete base_;
  }
  ContexteSaisie contexte() const {
    return {*base_, *qualification_, reference_, "BCP", "GUY", 2026};
  }
  // The seed's example, tabs 3 to 6 (Guyane, 25303, BTS DUT DEUG LICENCE 2022 Aix-Marseille).
  static Champs exemple() {
    return {{"categorie", {"133"}},
            {"situation", {"SCO"}},
            {"amenagement_duree", {"non"}},
            {"etablissement", {"9730538X"}},
            {"handicap", {"non"}},
            {"diffusion_presse", {"non"}},
            {"diffusion_collectivites", {"non"}},
            {"specialite", {"25303"}},
            {"section_langue", {"SANS"}},
            {"forme_passage", {"GLOBALE"}},
            {"derogation", {"non"}},
            {"acquis_types", {"autre_diplome"}},
            {"diplomes", {"BTSDUT"}},
            {"acquis.BTSDUT.annee", {"2022"}},
            {"acquis.BTSDUT.academie", {"AIX"}},
            {"dispenses_affichees", {"E4", "E5-A", "E5-B", "E6", "E7"}},
            {"dispenses", {"E4", "E5-A", "E5-B", "E6", "E7"}},
            {"position.EF1", {"inscrit"}},
            {"choix.EF1", {"ANG"}},
            {"position.EF2", {"inscrit"}},
            {"choix.EF2", {"LV"}}};
  }
  static inline Catalogue* base_ = nullptr;
  static inline CatalogueQualification* qualification_ = nullptr;
  Reference reference_;
};

TEST_F(Onglets, the_seed_example_passes_every_tab) {
  for (int onglet : {3, 4, 5, 6}) {
    const auto errors = valider_onglet(onglet, exemple(), contexte());
    EXPECT_TRUE(errors.empty()) << "onglet " << onglet << ": "
                                << (errors.empty() ? "" : errors.all().front().message);
  }
}

TEST_F(Onglets, every_text_field_of_a_tab_refuses_control_characters) {
  Champs c = adresse();
  c["localite"] = {"Bâle\r\nX\a"};
  auto errors = valider_onglet(2, c, contexte());
  ASSERT_TRUE(errors.has("localite"));
  EXPECT_EQ(message_on(errors, "localite"), "Ce champ contient des caractères non autorisés.");
  c = adresse();
  c["adresse_complement3"] = {
      "\xC2\x9B"
      "31m"};  // C1 CSI
  EXPECT_EQ(message_on(valider_onglet(2, c, contexte()), "adresse_complement3"),
            "Ce champ contient des caractères non autorisés.");
  // Only the tab's own fields are judged: another tab's stay its own business.
  c = exemple();
  c["localite"] = {"X\a"};
  EXPECT_TRUE(valider_onglet(3, c, contexte()).empty());
  c["acquis.BTSDUT.annee"] = {"2022\x7F"};
  EXPECT_EQ(message_on(valider_onglet(5, c, contexte()), "acquis.BTSDUT.annee"),
            "Ce champ contient des caractères non autorisés.");
}

TEST_F(Onglets, informations_needs_every_answer_and_an_etablissement_of_the_academie) {
  Champs c = exemple();
  c.erase("handicap");
  c["etablissement"] = {"0130053M"};  // Aix-Marseille's, not Guyane's
  c["csp"] = {"XX"};
  const auto errors = valider_onglet(3, c, contexte());
  EXPECT_EQ(*errors.message("handicap"), "Répondez par Oui ou par Non.");
  EXPECT_EQ(*errors.message("etablissement"),
            "Cet établissement ne dépend pas de l'académie choisie pour l'inscription.");
  EXPECT_TRUE(errors.has("csp"));
  c = exemple();
  c["categorie"] = {"IND"};  // another category of the BCP
  EXPECT_TRUE(valider_onglet(3, c, contexte()).empty());
  c["categorie"] = {"SCO2"};
  EXPECT_TRUE(valider_onglet(3, c, contexte()).has("categorie"));
}

TEST_F(Onglets, a_forme_not_open_to_the_category_needs_the_derogation) {
  Champs c = exemple();
  c["forme_passage"] = {"PROGRESSIVE"};  // 133 has only GLOBALE of right
  auto errors = valider_onglet(4, c, contexte());
  EXPECT_TRUE(errors.has("derogation"));
  c["derogation"] = {"oui"};
  EXPECT_TRUE(valider_onglet(4, c, contexte()).empty());
  // Asked, not yet granted: the finale stays the category's default.
  EXPECT_EQ(forme_passage_finale(c, contexte()).finale, "GLOBALE");
  c.erase("categorie");
  EXPECT_TRUE(valider_onglet(4, c, contexte()).has("forme_passage"));
}

TEST_F(Onglets, a_specialite_of_another_domaine_is_refused) {
  Champs c = exemple();
  c["specialite"] = {"25519"};  // CAP Électricien
  EXPECT_TRUE(valider_onglet(4, c, contexte()).has("specialite"));
}

TEST_F(Onglets, acquis_errors_are_named_after_the_diploma) {
  Champs c = exemple();
  c["acquis.BTSDUT.annee"] = {"2030"};
  auto errors = valider_onglet(5, c, contexte());
  EXPECT_EQ(*errors.message("acquis.BTSDUT.annee"),
            "L'année d'obtention ne peut pas être postérieure à 2026.");
  c["acquis.BTSDUT.annee"] = {"22"};
  EXPECT_EQ(*valider_onglet(5, c, contexte()).message("acquis.BTSDUT.annee"),
            "Indiquez l'année sur 4 chiffres, par exemple 2022.");
  c["acquis.BTSDUT.annee"] = {"2022"};
  c.erase("acquis.BTSDUT.academie");
  EXPECT_TRUE(valider_onglet(5, c, contexte()).has("acquis.BTSDUT.academie"));
  c = exemple();
  c["diplomes"] = {};
  EXPECT_TRUE(valider_onglet(5, c, contexte()).has("diplomes"));
  c = exemple();
  c["acquis_types"] = {"deja_presente"};
  errors = valider_onglet(5, c, contexte());
  EXPECT_TRUE(errors.has("deja_presente_annee"));
  EXPECT_TRUE(errors.has("deja_presente_academie"));
}

TEST_F(Onglets, an_unchecked_acquis_type_declares_nothing) {
  Champs c = exemple();
  c["acquis_types"] = {};
  const auto dossier = dossier_epreuves(c);
  EXPECT_TRUE(dossier.acquis.empty());
  c["dispenses_affichees"] = {};
  c["dispenses"] = {};
  EXPECT_TRUE(valider_onglet(5, c, contexte()).empty());
}

TEST_F(Onglets, typed_values_become_the_dossier) {
  Champs c = exemple();
  c["dispenses"] = {"E4", "E5-A", "E6", "E7"};  // E5-B unchecked: the candidate retakes it
  c["position.EF2"] = {"non_inscrit"};
  const auto d = dossier_epreuves(c);
  EXPECT_EQ(d.specialite, "25303");
  EXPECT_EQ(d.categorie, "133");
  ASSERT_EQ(d.acquis.size(), 1u);
  EXPECT_EQ(d.acquis[0].diplome, "BTSDUT");
  EXPECT_EQ(d.acquis[0].annee, 2022);
  EXPECT_EQ(d.acquis[0].academie, "AIX");
  EXPECT_EQ(d.dispenses_decochees, std::set<std::string>{"E5-B"});
  EXPECT_EQ(d.facultatives_inscrites, std::set<std::string>{"EF1"});
  EXPECT_EQ(d.choix.at("EF1"), "ANG");
}

TEST_F(Onglets, new_proposals_start_checked_and_retakes_stay_unchecked) {
  Champs c = exemple();
  c["dispenses_affichees"] = {};
  c["dispenses"] = {};
  // The diploma just declared: five proposals, all checked, and the page shows them again.
  EXPECT_TRUE(actualiser_dispenses(c, contexte()));
  EXPECT_EQ(c["dispenses"], (std::vector<std::string>{"E4", "E5-A", "E5-B", "E6", "E7"}));
  // The candidate unchecks E6; the same proposals: nothing to show again, E6 stays out.
  c["dispenses"] = {"E4", "E5-A", "E5-B", "E7"};
  EXPECT_FALSE(actualiser_dispenses(c, contexte()));
  EXPECT_EQ(c["dispenses"], (std::vector<std::string>{"E4", "E5-A", "E5-B", "E7"}));
  // A second diploma adds E1 and E3-E: new ones checked, E6 still unchecked.
  c["diplomes"] = {"BTSDUT", "BCPPCEG"};
  c["acquis.BCPPCEG.annee"] = {"2023"};
  c["acquis.BCPPCEG.academie"] = {"GUY"};
  EXPECT_TRUE(actualiser_dispenses(c, contexte()));
  const auto& gardees = c["dispenses"];
  EXPECT_NE(std::find(gardees.begin(), gardees.end(), "E1"), gardees.end());
  EXPECT_EQ(std::find(gardees.begin(), gardees.end(), "E6"), gardees.end());
}

TEST_F(Onglets, epreuves_needs_the_choice_of_a_chosen_facultative) {
  Champs c = exemple();
  c.erase("choix.EF2");
  EXPECT_TRUE(valider_onglet(6, c, contexte()).has("choix.EF2"));
  c["position.EF2"] = {"non_inscrit"};
  EXPECT_TRUE(valider_onglet(6, c, contexte()).empty());
  c["position.EF2"] = {"peut-etre"};
  EXPECT_TRUE(valider_onglet(6, c, contexte()).has("position.EF2"));
}

TEST_F(Onglets, each_field_belongs_to_one_tab) {
  EXPECT_TRUE(champ_de_onglet(2, "localite"));
  EXPECT_FALSE(champ_de_onglet(3, "localite"));
  EXPECT_TRUE(champ_de_onglet(5, "acquis.BTSDUT.annee"));
  EXPECT_TRUE(champ_de_onglet(6, "choix.EF1"));
  EXPECT_FALSE(champ_de_onglet(6, "csrf"));
  EXPECT_FALSE(champ_de_onglet(7, "action"));
  EXPECT_EQ(titre_onglet(9), "N° Inscription");
  EXPECT_EQ(titre_onglet(10), "");
}

TEST_F(Onglets, a_school_category_is_told_apart_from_an_individual_one) {
  const auto* scolaire =
      categorie_d_etablissement(*qualification_, "BCP", {{"categorie", {"133"}}});
  ASSERT_NE(scolaire, nullptr);
  EXPECT_EQ(scolaire->libelle, "SCOLAIRE BACPRO 1 AN");
  EXPECT_NE(categorie_d_etablissement(*qualification_, "BCP", {{"categorie", {"APP"}}}), nullptr);
  EXPECT_EQ(categorie_d_etablissement(*qualification_, "BCP", {{"categorie", {"IND"}}}), nullptr);
  EXPECT_EQ(categorie_d_etablissement(*qualification_, "BCP", {{"categorie", {"EAD"}}}), nullptr);
  EXPECT_EQ(categorie_d_etablissement(*qualification_, "BCP", {}), nullptr);
}

TEST_F(Onglets, only_an_individual_category_on_his_own_account_unregisters_himself) {
  const Champs individuel = {{"categorie", {"IND"}}};
  EXPECT_TRUE(candidat_individuel(*qualification_, "BCP", individuel, false));
  // A school's login id, or a category the school registers.
  EXPECT_FALSE(candidat_individuel(*qualification_, "BCP", individuel, true));
  EXPECT_FALSE(candidat_individuel(*qualification_, "BCP", {{"categorie", {"133"}}}, false));
  // No category, or one of no category of this domaine.
  EXPECT_FALSE(candidat_individuel(*qualification_, "BCP", {}, false));
  EXPECT_FALSE(candidat_individuel(*qualification_, "BCP", {{"categorie", {}}}, false));
  EXPECT_FALSE(candidat_individuel(*qualification_, "XYZ", individuel, false));
}

}  // namespace
}  // namespace examens::domain
