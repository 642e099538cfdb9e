// Loaders of pays, nationalités, départements and communes from the public JSON and gettext files,
// with the corrections those files need before a form can show them, and name folding.
#include "refdata/refdata.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "refdata/mo_catalog.hpp"
#include "texte/texte.hpp"

namespace examens::refdata {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// Base letters of U+00C0..U+00FF; '.' marks what is not a letter (× ÷), '*' what folds to two
// letters (Æ æ Þ þ ß), both handled in fold().
constexpr std::string_view kLatin1Fold =
    "aaaaaa*ceeeeiiii"
    "dnooooo.ouuuuy**"
    "aaaaaa*ceeeeiiii"
    "dnooooo.ouuuuy*y";
// Base letters of U+0100..U+017F (Latin Extended-A); '*' marks Ĳ ĳ Œ œ.
constexpr std::string_view kLatinAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrsss"
    "sssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1Fold.size() == 64 && kLatinAFold.size() == 128);

// Appends the folded letters of `cp` to `out`; returns false when `cp` is a separator.
bool fold(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
    } else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      out += static_cast<char>(cp);
    } else {
      return false;
    }
    return true;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char c = kLatin1Fold[cp - 0xC0];
    if (c == '.') return false;
    if (c != '*') {
      out += c;
    } else if (cp == 0xC6 || cp == 0xE6) {
      out += "ae";
    } else if (cp == 0xDE || cp == 0xFE) {
      out += "th";
    } else {
      out += "ss";
    }
    return true;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    const char c = kLatinAFold[cp - 0x100];
    if (c != '*') {
      out += c;
    } else {
      out += (cp == 0x132 || cp == 0x133) ? "ij" : "oe";
    }
    return true;
  }
  // No-break spaces, Latin-1 punctuation, typographic apostrophes, dashes and quotes separate
  // words like their ASCII forms do.
  if ((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x2BC) return false;
  texte::append_utf8(out, cp);
  return true;
}

char32_t upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 0x20;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (cp == 0xFF) return 0x178;
  if (cp == 0x131) return 'I';
  if (cp == 0x17F) return 'S';
  // Latin Extended-A pairs upper/lower case as (even, odd) except in the two runs where a
  // lone letter (ĸ at U+0138, ŉ at U+0149, Ÿ at U+0178) shifts the pairing to (odd, even).
  const bool odd_is_lower = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
  const bool even_is_lower = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
  if ((odd_is_lower && cp % 2 == 1) || (even_is_lower && cp % 2 == 0)) return cp - 1;
  return cp;
}

// ---------------------------------------------------------------------------------------------
// Files and JSON

[[noreturn]] void fail(const fs::path& path, const std::string& reason) {
  throw std::runtime_error(path.string() + ": " + reason);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open: " + std::generic_category().message(errno ? errno : ENOENT));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) fail(path, "read error");
  return text;
}

// The whole document lives in one monotonic arena: communes.json is 37,590 small objects and
// the arena parses and frees it about twice as fast as the default allocator.
json::value parse_json_file(const fs::path& path) {
  const std::string text = read_file(path);
  json::stream_parser parser;
  parser.reset(json::make_shared_resource<json::monotonic_resource>());
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) fail(path, "invalid JSON near byte " + std::to_string(consumed) + ": " + ec.message());
  return parser.release();
}

std::string where(std::size_t index) {
  return "record " + std::to_string(index) + ": ";
}

const json::array& as_array(const json::value& v, const fs::path& path, std::string_view what) {
  const json::array* a = v.if_array();
  if (a == nullptr) fail(path, std::string(what) + " is not a JSON array");
  return *a;
}

const json::object& as_record(const json::value& v, const fs::path& path, std::size_t index) {
  const json::object* o = v.if_object();
  if (o == nullptr) fail(path, where(index) + "not a JSON object");
  return *o;
}

// A field that may be absent; present with another type is an error, not a silent skip.
const json::string* optional_text(const json::object& o, std::string_view key, const fs::path& path,
                                  std::size_t index) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return nullptr;
  const json::string* s = v->if_string();
  if (s == nullptr) fail(path, where(index) + "field \"" + std::string(key) + "\" is not a string");
  return s;
}

std::string text(const json::object& o, std::string_view key, const fs::path& path,
                 std::size_t index) {
  const json::string* s = optional_text(o, key, path, index);
  if (s == nullptr || s->empty()) {
    fail(path, where(index) + "missing field \"" + std::string(key) + "\"");
  }
  return std::string(*s);
}

template <typename T, typename Key>
void sort_by_key(std::vector<T>& items, Key key_of) {
  std::vector<std::pair<std::string, T>> keyed;
  keyed.reserve(items.size());
  for (T& item : items) {
    std::string key = key_of(item);
    keyed.emplace_back(std::move(key), std::move(item));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  items.clear();
  for (auto& [key, item] : keyed) items.push_back(std::move(item));
}

// ---------------------------------------------------------------------------------------------
// Pays

// French overseas départements and collectivités that ISO 3166-1 lists as countries: they are
// in "France (dont outre-mer)" and in load_departements.
const std::unordered_set<std::string_view> kOutreMer = {"GP", "MQ", "GF", "RE", "YT", "PM",
                                                        "BL", "MF", "TF", "WF", "PF", "NC"};

// Names iso-codes 4.15 cannot give right:
// - FR: forms show the country with its overseas parts, as CYCLADES does;
// - TR: "Türkiye" is left untranslated in the French catalogue;
// - IR, LA, SY: the catalogue lacks the common names "Iran", "Laos", "Syria", and the official
//   ones would read "République arabe syrienne" beside "Corée du Sud" and "Bolivie";
// - VI: "Îles Vierges, États-Unis" names the possessor after the comma, it is not an inversion.
const std::unordered_map<std::string_view, std::string_view> kNomPays = {
    {"FR", "France (dont outre-mer)"},
    {"TR", "Turquie"},
    {"IR", "Iran"},
    {"LA", "Laos"},
    {"SY", "Syrie"},
    {"VI", "Îles Vierges des États-Unis"},
};

// First words of the part after the comma when ISO inverted a name for sorting
// ("Corée, République de", "Salomon, Îles", "Palestine, État de"). Names where the comma lists
// places ("Bonaire, Saint-Eustache et Saba") are kept as they are.
const std::unordered_set<std::string_view> kInversionWords = {
    "Île",   "Îles", "île",   "îles",       "République", "république", "État",
    "États", "état", "états", "Fédération", "fédération", "Province",   "province"};

// "Malouines, Îles (Falkland)" -> "Îles Malouines (Falkland)",
// "Iran, République islamique d'" -> "République islamique d'Iran".
std::string natural_order(std::string_view name) {
  const auto comma = name.find(", ");
  if (comma == std::string_view::npos) return std::string(name);
  const std::string_view head = name.substr(0, comma);
  std::string_view tail = name.substr(comma + 2);
  if (!kInversionWords.contains(tail.substr(0, tail.find(' ')))) return std::string(name);
  std::string_view aside;
  if (const auto paren = tail.find(" ("); paren != std::string_view::npos && tail.ends_with(')')) {
    aside = tail.substr(paren);
    tail = tail.substr(0, paren);
  }
  std::string out(tail);
  if (!out.ends_with('\'')) out += ' ';
  out += head;
  out += aside;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Nationalités

// world-countries 5.1 gives "Congolaise" to both Congos, and writes two capitals without accent.
const std::unordered_map<std::string_view, std::string_view> kLibelleNationalite = {
    {"CD", "Congolaise (République démocratique du Congo)"},
    {"CG", "Congolaise (République du Congo)"},
    {"AE", "Émirienne"},
    {"NZ", "Néo-Zélandaise"},
};

// Not marked independent in world-countries, but their people hold their own passports and
// French forms list their nationality.
const std::unordered_set<std::string_view> kNationalitesHorsEtats = {"XK", "PS", "TW"};

// ---------------------------------------------------------------------------------------------
// Communes

const std::unordered_set<std::string_view> kTypesCommune = {
    "commune-actuelle", "commune-deleguee", "commune-associee", "arrondissement-municipal"};

// The département a commune code was created in: three characters overseas ("97105", "98818"),
// two elsewhere ("35238", "2A004").
std::string_view departement_of_code(std::string_view code) {
  const bool outre_mer = code.starts_with("97") || code.starts_with("98");
  return code.substr(0, outre_mer ? 3 : 2);
}

}  // namespace

std::string search_key(std::string_view nom) {
  std::string out;
  out.reserve(nom.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < nom.size();) {
    const char32_t cp = texte::decode_utf8(nom, i);
    if (cp == texte::kInvalidCodePoint) continue;
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining accents of decomposed input
    const std::size_t before = out.size();
    if (pending_space && !out.empty()) out += ' ';
    if (fold(cp, out)) {
      pending_space = false;
    } else {
      out.resize(before);
      pending_space = true;
    }
  }
  return out;
}

std::string upper_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = texte::decode_utf8(text, i);
    if (cp == texte::kInvalidCodePoint) {
      out.append(text.substr(start, i - start));
    } else {
      texte::append_utf8(out, upper(cp));
    }
  }
  return out;
}

std::string Departement::libelle() const {
  return code_affiche + " - " + upper_case(nom);
}

std::string code_affiche(std::string_view departement_code) {
  std::string out(departement_code);
  if (out.size() < 3) out.insert(0, 3 - out.size(), '0');
  return out;
}

std::vector<Pays> load_pays(const fs::path& iso_json, const fs::path& fr_mo) {
  const MoCatalog catalog = read_mo_catalog(fr_mo);
  const json::value doc = parse_json_file(iso_json);
  const json::object* root = doc.if_object();
  const json::value* list = root != nullptr ? root->if_contains("3166-1") : nullptr;
  if (list == nullptr) fail(iso_json, "no \"3166-1\" list");
  const json::array& entries = as_array(*list, iso_json, "\"3166-1\"");

  const auto translated = [&](const std::string& msgid) -> const std::string* {
    const auto it = catalog.find(msgid);
    return it == catalog.end() ? nullptr : &it->second;
  };

  std::vector<Pays> pays;
  std::size_t names_translated = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json::object& entry = as_record(entries[i], iso_json, i);
    std::string code = text(entry, "alpha_2", iso_json, i);
    const std::string name = text(entry, "name", iso_json, i);
    const std::string* french = translated(name);
    if (french != nullptr) ++names_translated;
    if (kOutreMer.contains(code)) continue;

    std::string nom;
    if (const auto fixed = kNomPays.find(code); fixed != kNomPays.end()) {
      nom = fixed->second;
    } else if (const json::string* common = optional_text(entry, "common_name", iso_json, i);
               common != nullptr && translated(std::string(*common)) != nullptr) {
      nom = *translated(std::string(*common));
    } else {
      nom = natural_order(french != nullptr ? *french : name);
    }
    pays.push_back({std::move(code), upper_case(nom)});
  }
  // A catalogue of another domain (or another language's file) translates none of the names:
  // every country would silently stay in English.
  if (names_translated * 2 < entries.size()) {
    fail(fr_mo, "translates only " + std::to_string(names_translated) + " of " +
                    std::to_string(entries.size()) + " country names of " + iso_json.string());
  }
  sort_by_key(pays, [](const Pays& p) { return search_key(p.nom) + '\x01' + p.code; });
  return pays;
}

std::vector<Nationalite> load_nationalites(const fs::path& world_countries_json) {
  const fs::path& path = world_countries_json;
  const json::value doc = parse_json_file(path);
  const json::array& entries = as_array(doc, path, "the document");

  std::vector<Nationalite> nationalites;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json::object& entry = as_record(entries[i], path, i);
    std::string code = text(entry, "cca2", path, i);
    const json::value* independent = entry.if_contains("independent");
    const bool etat = independent != nullptr && independent->is_bool() && independent->get_bool();
    if (!etat && !kNationalitesHorsEtats.contains(code)) continue;

    std::string libelle;
    if (const auto fixed = kLibelleNationalite.find(code); fixed != kLibelleNationalite.end()) {
      libelle = fixed->second;
    } else {
      const json::value* f = nullptr;
      if (const json::value* d = entry.if_contains("demonyms"); d != nullptr && d->is_object()) {
        if (const json::value* fra = d->get_object().if_contains("fra");
            fra != nullptr && fra->is_object()) {
          f = fra->get_object().if_contains("f");
        }
      }
      if (f == nullptr || !f->is_string() || f->get_string().empty()) {
        fail(path, where(i) + "state " + code + " has no French demonym (demonyms.fra.f)");
      }
      libelle = f->get_string();
    }
    nationalites.push_back({std::move(code), std::move(libelle)});
  }
  sort_by_key(nationalites,
              [](const Nationalite& n) { return search_key(n.libelle) + '\x01' + n.code; });
  return nationalites;
}

std::vector<Departement> load_departements(const fs::path& departements_json) {
  const fs::path& path = departements_json;
  const json::value doc = parse_json_file(path);
  const json::array& entries = as_array(doc, path, "the document");

  std::vector<Departement> departements;
  departements.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json::object& entry = as_record(entries[i], path, i);
    std::string code = text(entry, "code", path, i);
    std::string zone = text(entry, "zone", path, i);
    if (zone != "metro" && zone != "drom" && zone != "com") {
      fail(path, where(i) + "unknown zone \"" + zone + "\"");
    }
    if (code.size() < 2 || code.size() > 3) fail(path, where(i) + "bad code \"" + code + "\"");
    std::string affiche = code_affiche(code);
    departements.push_back(
        {std::move(code), std::move(affiche), text(entry, "nom", path, i), std::move(zone)});
  }
  std::sort(
      departements.begin(), departements.end(),
      [](const Departement& a, const Departement& b) { return a.code_affiche < b.code_affiche; });
  return departements;
}

std::vector<Commune> load_communes(const fs::path& communes_json) {
  const fs::path& path = communes_json;
  const json::value doc = parse_json_file(path);
  const json::array& entries = as_array(doc, path, "the document");

  struct Keyed {
    std::string key;
    Commune commune;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(entries.size() + 16);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json::object& entry = as_record(entries[i], path, i);
    if (!kTypesCommune.contains(text(entry, "type", path, i))) continue;
    std::string code = text(entry, "code", path, i);
    std::string nom = text(entry, "nom", path, i);
    std::string departement = text(entry, "departement", path, i);
    std::string key = search_key(nom);
    // Born there before the commune joined a chef-lieu across the border, a person names the
    // former département.
    if (const std::string_view origine = departement_of_code(code); origine != departement) {
      keyed.push_back({key, {code, nom, std::string(origine)}});
    }
    keyed.push_back({std::move(key), {std::move(code), std::move(nom), std::move(departement)}});
  }

  const auto order = [](const Keyed& k) {
    return std::tie(k.commune.departement, k.key, k.commune.code, k.commune.nom);
  };
  std::sort(keyed.begin(), keyed.end(),
            [&](const Keyed& a, const Keyed& b) { return order(a) < order(b); });
  // A commune déléguée that is the chef-lieu of its commune nouvelle often repeats the current
  // commune's code and name (74 of them): one entry is enough.
  keyed.erase(std::unique(keyed.begin(), keyed.end(),
                          [&](const Keyed& a, const Keyed& b) { return order(a) == order(b); }),
              keyed.end());

  std::vector<Commune> communes;
  communes.reserve(keyed.size());
  for (Keyed& k : keyed) communes.push_back(std::move(k.commune));
  return communes;
}

}  // namespace examens::refdata
