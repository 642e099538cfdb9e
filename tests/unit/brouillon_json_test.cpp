// The wizard's draft as stored (actions::brouillon_json) and read back from any text (the
// fuzz target fuzz_brouillon feeds it the rest).
#include "actions/brouillon_json.hpp"

#include <gtest/gtest.h>

namespace examens::actions {
namespace {

TEST(BrouillonJson, a_draft_comes_back_as_it_was_stored) {
  Brouillon b;
  b.cle = "C-42";
  b.dossier = {"BTS",
               "2027",
               "ORLEANS-TOURS",
               {{"localite", {"ORLÉANS"}}, {"acquis_types", {"vae", "deja_presente"}}}};
  b.candidature = 42;
  b.atteint = 5;
  const auto back = brouillon_de_json("C-42", brouillon_json(b));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->dossier.academie, "ORLEANS-TOURS");
  EXPECT_EQ(back->dossier.champs, b.dossier.champs);
  EXPECT_EQ(back->candidature, 42);
  EXPECT_EQ(back->atteint, 5);
}

TEST(BrouillonJson, unreadable_or_unexpected_text_reads_as_absent_values) {
  EXPECT_FALSE(brouillon_de_json("k", "not json"));
  EXPECT_FALSE(brouillon_de_json("k", "[1,2]"));
  EXPECT_FALSE(brouillon_de_json("k", R"({"domaine": 3})"));
  const auto b = brouillon_de_json(
      "k", R"({"domaine":"BAC","atteint":99,"candidature":"7","champs":{"a":[1,"x"],"b":"y"}})");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->atteint, domain::kOngletConditions);
  EXPECT_EQ(b->candidature, 0);
  EXPECT_EQ(b->dossier.champs, (domain::Champs{{"a", {"x"}}}));
}

}  // namespace
}  // namespace examens::actions
