// Tests of the reference-data loaders against the real installed files (iso-codes, world-countries,
// INSEE COG via etalab) and of the .mo reader, name folding and error reporting on broken files.
#include "refdata/refdata.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "refdata/mo_catalog.hpp"

namespace {

namespace fs = std::filesystem;
using namespace examens::refdata;

fs::path source_dir() {
  if (const char* env = std::getenv("EXAMENS_SOURCE_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return EXAMENS_SOURCE_DIR;
}

const fs::path kIsoJson = "/usr/share/iso-codes/json/iso_3166-1.json";
const fs::path kIsoMo = "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo";

fs::path etalab(const char* file) {
  return source_dir() / "node_modules/@etalab/decoupage-administratif/data" / file;
}
fs::path world_countries() {
  return source_dir() / "node_modules/world-countries/countries.json";
}

// communes.json is 8.6 MB: parse it once for the whole suite.
const std::vector<Commune>& communes() {
  static const std::vector<Commune> all = load_communes(etalab("communes.json"));
  return all;
}

template <typename T>
const T* find_code(const std::vector<T>& items, const std::string& code) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& x) { return x.code == code; });
  return it == items.end() ? nullptr : &*it;
}

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("refdata-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& content) const {
    const fs::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  fs::path path_;
};

// Expects `f` to throw std::runtime_error whose message names `path` and contains `reason`.
template <typename F>
void expect_error_naming(F f, const fs::path& path, const std::string& reason) {
  try {
    f();
    ADD_FAILURE() << "no exception for " << path;
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
  }
}

// ----- pays -----

TEST(Pays, lists_iso_countries_without_the_french_overseas_entries) {
  const auto pays = load_pays(kIsoJson, kIsoMo);
  EXPECT_EQ(pays.size(), 249u - 12u);
  for (const char* code :
       {"GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "TF", "WF", "PF", "NC"}) {
    EXPECT_EQ(find_code(pays, code), nullptr) << code;
  }
  std::set<std::string> codes;
  for (const Pays& p : pays) EXPECT_TRUE(codes.insert(p.code).second) << p.code;
}

TEST(Pays, names_france_with_its_overseas_parts_and_others_in_french_upper_case) {
  const auto pays = load_pays(kIsoJson, kIsoMo);
  const std::map<std::string, std::string> expected = {
      {"FR", "FRANCE (DONT OUTRE-MER)"},
      {"DE", "ALLEMAGNE"},
      {"KR", "CORÉE DU SUD"},
      {"KP", "CORÉE DU NORD"},
      {"RU", "FÉDÉRATION DE RUSSIE"},
      {"FK", "ÎLES MALOUINES (FALKLAND)"},
      {"CC", "ÎLES COCOS (KEELING)"},
      {"SB", "ÎLES SALOMON"},
      {"PS", "ÉTAT DE PALESTINE"},
      {"FM", "ÉTATS FÉDÉRÉS DE MICRONÉSIE"},
      {"TR", "TURQUIE"},
      {"SY", "SYRIE"},
      {"VI", "ÎLES VIERGES DES ÉTATS-UNIS"},
      {"IR", "IRAN"},
      {"LA", "LAOS"},
      {"BO", "BOLIVIE"},
      {"CW", "CURAÇAO"},
      {"BQ", "BONAIRE, SAINT-EUSTACHE ET SABA"},
  };
  for (const auto& [code, nom] : expected) {
    const Pays* p = find_code(pays, code);
    ASSERT_NE(p, nullptr) << code;
    EXPECT_EQ(p->nom, nom) << code;
  }
}

TEST(Pays, leaves_no_inverted_iso_name) {
  for (const Pays& p : load_pays(kIsoJson, kIsoMo)) {
    for (const char* inverted : {", ÎLE", ", RÉPUBLIQUE", ", ÉTAT", ", FÉDÉRATION", ", PROVINCE"}) {
      EXPECT_EQ(p.nom.find(inverted), std::string::npos) << p.code << " " << p.nom;
    }
    EXPECT_EQ(p.nom, upper_case(p.nom)) << p.code;
  }
}

TEST(Pays, is_sorted_alphabetically_ignoring_accents) {
  const auto pays = load_pays(kIsoJson, kIsoMo);
  EXPECT_TRUE(std::is_sorted(pays.begin(), pays.end(), [](const Pays& a, const Pays& b) {
    return search_key(a.nom) < search_key(b.nom);
  }));
  const auto egypte =
      std::find_if(pays.begin(), pays.end(), [](auto& p) { return p.code == "EG"; });
  const auto espagne =
      std::find_if(pays.begin(), pays.end(), [](auto& p) { return p.code == "ES"; });
  EXPECT_LT(egypte, espagne);  // "ÉGYPTE" sorts with the E, before "ESPAGNE"
}

// ----- nationalités -----

TEST(Nationalites, gives_the_feminine_form_used_after_nationalite) {
  const auto nationalites = load_nationalites(world_countries());
  EXPECT_EQ(nationalites.size(), 197u);
  const std::map<std::string, std::string> expected = {
      {"FR", "Française"},  {"DE", "Allemande"},      {"XK", "Kosovare"},
      {"TW", "Taïwanaise"}, {"NZ", "Néo-Zélandaise"}, {"AE", "Émirienne"}};
  for (const auto& [code, libelle] : expected) {
    const Nationalite* n = find_code(nationalites, code);
    ASSERT_NE(n, nullptr) << code;
    EXPECT_EQ(n->libelle, libelle) << code;
  }
}

TEST(Nationalites, tells_every_nationality_apart_including_the_two_congos) {
  const auto nationalites = load_nationalites(world_countries());
  std::set<std::string> libelles;
  for (const Nationalite& n : nationalites) {
    EXPECT_TRUE(libelles.insert(n.libelle).second) << n.code << " " << n.libelle;
  }
  EXPECT_EQ(find_code(nationalites, "CD")->libelle,
            "Congolaise (République démocratique du Congo)");
  EXPECT_EQ(find_code(nationalites, "CG")->libelle, "Congolaise (République du Congo)");
}

TEST(Nationalites, leaves_out_territories_whose_people_hold_another_nationality) {
  const auto nationalites = load_nationalites(world_countries());
  for (const char* code : {"GP", "NC", "PR", "GL", "HK", "BQ"}) {
    EXPECT_EQ(find_code(nationalites, code), nullptr) << code;
  }
}

// ----- départements -----

TEST(Departements, holds_the_101_departements_and_the_8_com) {
  const auto departements = load_departements(etalab("departements.json"));
  EXPECT_EQ(departements.size(), 109u);
  std::map<std::string, int> by_zone;
  for (const Departement& d : departements) ++by_zone[d.zone];
  EXPECT_EQ(by_zone["metro"], 96);
  EXPECT_EQ(by_zone["drom"], 5);
  EXPECT_EQ(by_zone["com"], 8);
  for (const char* com : {"975", "977", "978", "984", "986", "987", "988", "989"}) {
    const Departement* d = find_code(departements, com);
    ASSERT_NE(d, nullptr) << com;
    EXPECT_EQ(d->zone, "com") << com;
  }
}

TEST(Departements, shows_three_character_codes_as_cyclades_does) {
  const auto departements = load_departements(etalab("departements.json"));
  const Departement* aude = find_code(departements, "11");
  ASSERT_NE(aude, nullptr);
  EXPECT_EQ(aude->code_affiche, "011");
  EXPECT_EQ(aude->nom, "Aude");
  EXPECT_EQ(aude->zone, "metro");
  const Departement* corse_du_sud = find_code(departements, "2A");
  ASSERT_NE(corse_du_sud, nullptr);
  EXPECT_EQ(corse_du_sud->code_affiche, "02A");
  const Departement* guadeloupe = find_code(departements, "971");
  ASSERT_NE(guadeloupe, nullptr);
  EXPECT_EQ(guadeloupe->code_affiche, "971");
  EXPECT_EQ(guadeloupe->zone, "drom");
  EXPECT_TRUE(std::is_sorted(departements.begin(), departements.end(),
                             [](auto& a, auto& b) { return a.code_affiche < b.code_affiche; }));
  EXPECT_EQ(departements.front().code, "01");
}

TEST(Departements, read_as_the_seed_shows_them_in_lists) {
  const auto departements = load_departements(etalab("departements.json"));
  EXPECT_EQ(find_code(departements, "11")->libelle(), "011 - AUDE");
  EXPECT_EQ(find_code(departements, "22")->libelle(), "022 - CÔTES-D'ARMOR");
  EXPECT_EQ(find_code(departements, "973")->libelle(), "973 - GUYANE");
}

TEST(Departements, code_affiche_pads_to_three_characters) {
  EXPECT_EQ(code_affiche("1"), "001");
  EXPECT_EQ(code_affiche("35"), "035");
  EXPECT_EQ(code_affiche("2B"), "02B");
  EXPECT_EQ(code_affiche("988"), "988");
}

// ----- communes -----

TEST(Communes, finds_rennes_in_ille_et_vilaine) {
  const auto& all = communes();
  const auto rennes = std::find_if(all.begin(), all.end(), [](const Commune& c) {
    return c.code == "35238" && c.departement == "35";
  });
  ASSERT_NE(rennes, all.end());
  EXPECT_EQ(rennes->nom, "Rennes");
}

TEST(Communes, keeps_current_delegated_associated_communes_and_arrondissements) {
  const auto& all = communes();
  // 37,590 records, less the 74 déléguées that repeat their commune nouvelle, plus the 5
  // associées also listed under their former département.
  EXPECT_EQ(all.size(), 37590u - 74u + 5u);
  const auto has = [&](const char* code, const char* nom, const char* departement) {
    return std::any_of(all.begin(), all.end(), [&](const Commune& c) {
      return c.code == code && c.nom == nom && c.departement == departement;
    });
  };
  EXPECT_TRUE(has("75056", "Paris", "75"));
  EXPECT_TRUE(has("75105", "Paris 5e Arrondissement", "75"));
  EXPECT_TRUE(has("69381", "Lyon 1er Arrondissement", "69"));
  EXPECT_TRUE(has("01015", "Arboys en Bugey", "01"));  // commune nouvelle
  EXPECT_TRUE(has("01015", "Arbignieu", "01"));        // its commune déléguée, same code
  EXPECT_TRUE(has("01120", "Cordieux", "01"));         // commune associée
  EXPECT_TRUE(has("97502", "Saint-Pierre", "975"));    // COM
  EXPECT_TRUE(has("2A004", "Ajaccio", "2A"));
}

TEST(Communes, lists_a_commune_associee_under_its_former_departement_too) {
  const auto& all = communes();
  for (const char* departement : {"02", "59"}) {
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const Commune& c) {
      return c.code == "02285" && c.nom == "Escaufourt" && c.departement == departement;
    })) << departement;
  }
}

TEST(Communes, code_and_nom_are_unique_within_a_departement) {
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const Commune& c : communes()) {
    EXPECT_TRUE(seen.emplace(c.departement, c.code, c.nom).second)
        << c.departement << " " << c.code << " " << c.nom;
  }
}

TEST(Communes, are_sorted_by_departement_then_folded_name) {
  const auto& all = communes();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const Commune& a, const Commune& b) {
    return std::make_pair(a.departement, search_key(a.nom)) <
           std::make_pair(b.departement, search_key(b.nom));
  }));
}

// ----- search_key and upper_case -----

TEST(SearchKey, folds_case_accents_and_separators) {
  EXPECT_EQ(search_key("Saint-Étienne"), "saint etienne");
  EXPECT_EQ(search_key("saint etienne"), "saint etienne");
  EXPECT_EQ(search_key("SAINT ÉTIENNE"), "saint etienne");
  EXPECT_EQ(search_key("L'Haÿ-les-Roses"), "l hay les roses");
  EXPECT_EQ(search_key("L’Haÿ les Roses"), "l hay les roses");
  EXPECT_EQ(search_key("Œuilly"), "oeuilly");
  EXPECT_EQ(search_key("Château-d'Olonne"), "chateau d olonne");
  EXPECT_EQ(search_key("Marseille 1er Arrondissement"), "marseille 1er arrondissement");
  EXPECT_EQ(search_key("Les Trois-Lacs (Eure)"), "les trois lacs eure");
  EXPECT_EQ(search_key("  --Ajaccio--  "), "ajaccio");
  EXPECT_EQ(search_key("Łódź Straße"), "lodz strasse");
  EXPECT_EQ(search_key(""), "");
}

TEST(SearchKey, ignores_combining_accents_and_invalid_bytes) {
  EXPECT_EQ(search_key("Saint-E\xCC\x81tienne"), "saint etienne");  // decomposed É
  EXPECT_EQ(search_key("Ren\xFFnes"), "rennes");
  EXPECT_EQ(search_key("Ren\xC3"), "ren");
  EXPECT_EQ(search_key("\xE0\x80\x80x"), "x");  // overlong encoding
}

TEST(SearchKey, makes_a_typed_prefix_match_the_name) {
  const std::string name = search_key("Saint-Étienne-du-Rouvray");
  EXPECT_TRUE(name.starts_with(search_key("saint etien")));
  EXPECT_FALSE(name.starts_with(search_key("Étienne")));
}

TEST(UpperCase, keeps_french_accents) {
  EXPECT_EQ(upper_case("Corée, République de"), "CORÉE, RÉPUBLIQUE DE");
  EXPECT_EQ(upper_case("œuvre à l'île ÿ"), "ŒUVRE À L'ÎLE Ÿ");
  EXPECT_EQ(upper_case("curaçao ß ł"), "CURAÇAO ß Ł");
  EXPECT_EQ(upper_case("a\xFF"
                       "b"),
            "A\xFF"
            "B");
}

// ----- broken files -----

TEST(Errors, corrupt_json_throws_with_the_path) {
  const TempDir dir;
  const fs::path bad = dir.write("communes.json", R"([{"code": "35238", "nom": "Rennes",)");
  expect_error_naming([&] { load_communes(bad); }, bad, "invalid JSON");
  expect_error_naming([&] { load_departements(bad); }, bad, "invalid JSON");
  expect_error_naming([&] { load_nationalites(bad); }, bad, "invalid JSON");
  expect_error_naming([&] { load_pays(bad, kIsoMo); }, bad, "invalid JSON");
}

TEST(Errors, missing_file_throws_with_the_path) {
  const TempDir dir;
  const fs::path absent = dir.path() / "absent.json";
  expect_error_naming([&] { load_departements(absent); }, absent, "cannot open");
  expect_error_naming([&] { load_pays(kIsoJson, absent); }, absent, "cannot open");
}

TEST(Errors, records_without_needed_fields_throw_with_the_path) {
  const TempDir dir;
  const fs::path no_nom = dir.write("departements.json", R"([{"code": "35", "zone": "metro"}])");
  expect_error_naming([&] { load_departements(no_nom); }, no_nom, "\"nom\"");
  const fs::path bad_zone =
      dir.write("zone.json", R"([{"code": "35", "nom": "Ille-et-Vilaine", "zone": "mars"}])");
  expect_error_naming([&] { load_departements(bad_zone); }, bad_zone, "unknown zone");
  const fs::path object = dir.write("object.json", R"({"code": "35"})");
  expect_error_naming([&] { load_communes(object); }, object, "not a JSON array");
  const fs::path numeric = dir.write(
      "numeric.json", R"([{"type": "commune-actuelle", "code": 35238, "nom": "Rennes"}])");
  expect_error_naming([&] { load_communes(numeric); }, numeric, "\"code\" is not a string");
}

// ----- .mo reader -----

// Builds a .mo file holding `entries` in the given byte order.
std::string make_mo(const std::vector<std::pair<std::string, std::string>>& entries,
                    bool big_endian) {
  std::string out;
  const auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
      const int shift = big_endian ? 24 - 8 * i : 8 * i;
      out += static_cast<char>(v >> shift & 0xFF);
    }
  };
  const auto n = static_cast<std::uint32_t>(entries.size());
  const std::uint32_t originals = 28;
  const std::uint32_t translations = originals + 8 * n;
  std::uint32_t strings = translations + 8 * n;
  u32(0x950412de);
  u32(0);
  u32(n);
  u32(originals);
  u32(translations);
  u32(0);
  u32(strings);
  std::string pool;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ids, strs;
  for (const auto& [id, str] : entries) {
    ids.emplace_back(id.size(), strings + pool.size());
    pool += id + '\0';
  }
  for (const auto& [id, str] : entries) {
    strs.emplace_back(str.size(), strings + pool.size());
    pool += str + '\0';
  }
  for (const auto& [len, off] : ids) u32(len), u32(off);
  for (const auto& [len, off] : strs) u32(len), u32(off);
  return out + pool;
}

const std::vector<std::pair<std::string, std::string>> kEntries = {
    {"", "Content-Type: text/plain; charset=UTF-8\n"},
    {"Germany", "Allemagne"},
    {"Korea, Republic of", "Corée, République de"},
    {"Untranslated", ""},
    {std::string("one file\0%d files", 17), std::string("un fichier\0%d fichiers", 22)},
};

TEST(MoCatalog, reads_both_byte_orders) {
  for (const bool big_endian : {false, true}) {
    const MoCatalog catalog = parse_mo(make_mo(kEntries, big_endian));
    EXPECT_EQ(catalog.size(), 3u) << big_endian;
    EXPECT_EQ(catalog.at("Germany"), "Allemagne");
    EXPECT_EQ(catalog.at("Korea, Republic of"), "Corée, République de");
    EXPECT_EQ(catalog.at("one file"), "un fichier");
    EXPECT_FALSE(catalog.contains("Untranslated"));
    EXPECT_FALSE(catalog.contains(""));
  }
}

TEST(MoCatalog, refuses_bad_magic_truncation_and_other_charsets) {
  std::string good = make_mo(kEntries, false);
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  EXPECT_THROW(parse_mo(bad_magic), std::runtime_error);
  EXPECT_THROW(parse_mo(good.substr(0, 20)), std::runtime_error);
  EXPECT_THROW(parse_mo(good.substr(0, good.size() - 5)), std::runtime_error);
  std::string huge_count = good;
  huge_count[8] = huge_count[9] = huge_count[10] = huge_count[11] = '\xFF';
  EXPECT_THROW(parse_mo(huge_count), std::runtime_error);
  const auto latin1 = make_mo({{"", "Content-Type: text/plain; charset=ISO-8859-1\n"}}, true);
  EXPECT_THROW(parse_mo(latin1), std::runtime_error);
}

TEST(MoCatalog, reads_the_installed_iso_3166_catalogue) {
  const MoCatalog catalog = read_mo_catalog(kIsoMo);
  EXPECT_GT(catalog.size(), 240u);
  EXPECT_EQ(catalog.at("Germany"), "Allemagne");
  const TempDir dir;
  const fs::path bad = dir.write("bad.mo", "not a catalogue at all, longer than a header");
  expect_error_naming([&] { read_mo_catalog(bad); }, bad, "magic");
}

TEST(MoCatalog, load_pays_refuses_a_catalogue_that_translates_no_country) {
  const TempDir dir;
  const fs::path other = dir.write("iso_639-2.mo", make_mo({{"French", "français"}}, false));
  expect_error_naming([&] { load_pays(kIsoJson, other); }, other, "country names");
}

}  // namespace
