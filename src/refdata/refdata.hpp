// Reference data of the forms (pays, nationalités, départements, communes) loaded from the public
// files installed with the project, and the name folding used to search communes.
#pragma once

// Sources (see data/NOTICE-refdata.md for versions and licences):
//   pays          Debian iso-codes: iso_3166-1.json + the French gettext catalogue iso_3166-1.mo
//   nationalités  npm world-countries: countries.json, demonyms.fra.f
//   départements  npm @etalab/decoupage-administratif: data/departements.json (INSEE COG)
//   communes      npm @etalab/decoupage-administratif: data/communes.json (INSEE COG)
//
// Contract: the loaders run once, at `examens init`, and return plain values sorted for display
// (by search_key of the name, départements by display code). Any unreadable file, invalid JSON
// or record without the fields we need throws std::runtime_error whose message starts with the
// file's path. The functions hold no state and are safe to call from several threads.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace examens::refdata {

struct Pays {
  std::string code;  // ISO 3166-1 alpha-2, e.g. "FR"
  std::string nom;   // upper case with accents, natural word order: "CORÉE DU SUD"
};

struct Nationalite {
  std::string code;     // ISO 3166-1 alpha-2 of the state ("XK" for Kosovo)
  std::string libelle;  // feminine adjective as in "nationalité française": "Française"
};

struct Departement {
  std::string code;          // INSEE code: "01".."95", "2A", "2B", "971".."976", COM "975"...
  std::string code_affiche;  // three characters as CYCLADES shows them: "011", "02A", "971"
  std::string nom;           // "Aude"
  std::string zone;          // "metro" | "drom" | "com"

  // As the seeds show it in lists and on the Identification tab: "011 - AUDE".
  std::string libelle() const;
};

struct Commune {
  std::string code;         // INSEE code; not unique alone (see load_communes)
  std::string nom;          // "Rennes", "Paris 5e Arrondissement"
  std::string departement;  // INSEE code of the département it is listed under
};

// Countries a person can be born in or live in, from ISO 3166-1 with French names.
// The twelve ISO entries that are French overseas départements or collectivités (GP, MQ, GF, RE,
// YT, PM, BL, MF, TF, WF, PF, NC) are left out: they are part of "FRANCE (DONT OUTRE-MER)" and are
// chosen through the département list, so one birthplace has one spelling.
std::vector<Pays> load_pays(const std::filesystem::path& iso_json,
                            const std::filesystem::path& fr_mo);

// Nationalities: the states world-countries marks independent, plus Kosovo, Palestine and
// Taiwan, whose people hold their own passports. The two "Congolaise" are told apart.
std::vector<Nationalite> load_nationalites(const std::filesystem::path& world_countries_json);

// All 109 entries of departements.json: 96 metropolitan, 5 DROM, and the 8 COM the file holds
// (975, 977, 978, 984, 986, 987, 988, 989), sorted by code_affiche.
std::vector<Departement> load_departements(const std::filesystem::path& departements_json);

// Communes a person can have been born in: current communes, communes déléguées and associées
// (former communes still named in the COG) and the municipal arrondissements of Paris, Lyon and
// Marseille. A déléguée or chef-lieu often shares its code with the current commune, under the
// same or another name: the pair (code, nom) is unique within a département, the code alone is
// not. A commune associée whose code shows it was in another département before it joined its
// chef-lieu (5 of them, e.g. Escaufourt 02285, now in 59) is listed under both départements.
// Sorted by département, then search_key(nom), then code.
std::vector<Commune> load_communes(const std::filesystem::path& communes_json);

// Key for prefix search of names: lower case, French (and other Latin-1/Latin Extended-A)
// accents removed, ligatures spread ("œ" -> "oe"), every run of spaces, hyphens, apostrophes
// (' and ’) or other punctuation made one space, no space at either end.
// "Saint-Étienne" -> "saint etienne", "L'Haÿ-les-Roses" -> "l hay les roses".
// Safe on any input: bytes that are not valid UTF-8 are dropped.
std::string search_key(std::string_view nom);

// Upper case of a UTF-8 string for Latin letters, accents kept ("Corée" -> "CORÉE", "œ" -> "Œ",
// "ÿ" -> "Ÿ"); other characters are copied unchanged.
std::string upper_case(std::string_view text);

// The three-character display form of a département code: "11" -> "011", "2A" -> "02A",
// "971" -> "971".
std::string code_affiche(std::string_view departement_code);

}  // namespace examens::refdata
