// Unit tests of the catalogue files: the repository's own data loads, and a bad file is
// refused whole with its file, line and reason.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "catalogue/fichiers.hpp"
#include "unit/catalogue_copy.hpp"

namespace examens::catalogue {
namespace {

using CatalogueFiles = examens::testing::CatalogueCopy;

TEST(CatalogueData, the_repository_catalogue_loads) {
  auto r = load_catalogue(read_files(examens::testing::repo_catalogue()));
  for (const auto& e : r.errors) ADD_FAILURE() << e.message();
  ASSERT_TRUE(r.catalogue);
  for (const char* code : {"BCP", "BP", "CAP", "MC"}) EXPECT_TRUE(r.catalogue->domaine(code));
  for (const char* code : {"GUY", "AIX", "BES"}) EXPECT_TRUE(r.catalogue->academie(code));
  const auto* guyane = r.catalogue->academie("GUY");
  ASSERT_TRUE(guyane);
  EXPECT_EQ(guyane->contact.front(), "RECTORAT DE GUYANE");
  EXPECT_EQ(guyane->contact.back(), "97306 CAYENNE CEDEX");
  EXPECT_EQ(guyane->email, "dec.exapro@ac-guyane.fr");
}

TEST_F(CatalogueFiles, an_unknown_domaine_is_refused_with_its_line) {
  append("periodes.csv", "XYZ;2027;GUY;2026-10-19 08:00;2027-01-29 23:59");
  auto r = load_catalogue(read_files(dir));
  EXPECT_FALSE(r.catalogue);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, "periodes.csv");
  EXPECT_EQ(r.errors[0].line, lines_of("periodes.csv"));
  EXPECT_NE(r.errors[0].reason.find("session inconnue"), std::string::npos);
}

TEST_F(CatalogueFiles, a_window_opening_in_the_daylight_saving_gap_is_refused) {
  append("periodes.csv", "MC;2027;GUY;2027-03-28 02:30;2027-04-30 18:00");
  auto r = load_catalogue(read_files(dir));
  EXPECT_FALSE(r.catalogue);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("periodes.csv:"), std::string::npos);
  EXPECT_NE(r.errors[0].reason.find("heure d'été"), std::string::npos);
}

TEST_F(CatalogueFiles, a_window_closing_before_it_opens_is_refused) {
  append("periodes.csv", "MC;2027;GUY;2027-03-01 08:00;2027-02-01 18:00");
  auto r = load_catalogue(read_files(dir));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].reason.find("la fermeture doit suivre l'ouverture"), std::string::npos);
}

TEST_F(CatalogueFiles, a_wrong_column_count_and_a_duplicate_are_both_reported) {
  append("domaines.csv", "BTS;BREVET DE TECHNICIEN SUPÉRIEUR;en trop");
  append("academies.csv", "GUY;ACADÉMIE DE LA GUYANE;;;;973");
  auto r = load_catalogue(read_files(dir));
  EXPECT_FALSE(r.catalogue);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].file, "domaines.csv");
  EXPECT_NE(r.errors[0].reason.find("2 colonnes attendues, 3 trouvées"), std::string::npos);
  EXPECT_EQ(r.errors[1].file, "academies.csv");
  EXPECT_NE(r.errors[1].reason.find("déjà définie"), std::string::npos);
}

TEST_F(CatalogueFiles, a_wrong_header_or_a_missing_file_is_refused) {
  std::ofstream(dir / "sessions.csv") << "domaine;code;libelle\nBCP;2027;2027\n";
  std::filesystem::remove(dir / "academies.csv");
  auto r = load_catalogue(read_files(dir));
  EXPECT_FALSE(r.catalogue);
  bool header = false, missing = false;
  for (const auto& e : r.errors) {
    header |= e.file == "sessions.csv" && e.line == 1;
    missing |= e.file == "academies.csv" && e.line == 0;
  }
  EXPECT_TRUE(header);
  EXPECT_TRUE(missing);
}

}  // namespace
}  // namespace examens::catalogue
