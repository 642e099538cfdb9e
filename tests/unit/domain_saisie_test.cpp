// Unit tests of the wizard's tab checks that do not depend on the spécialité:
// modalités, identification (address, nationality, telephones), conditions.
#include <gtest/gtest.h>

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

TEST(Conditions, the_commitment_must_be_checked) {
  EXPECT_TRUE(valider_conditions({}).has("conditions_acceptees"));
  EXPECT_TRUE(valider_conditions({{"conditions_acceptees", {"oui"}}}).empty());
}

}  // namespace
}  // namespace examens::domain
