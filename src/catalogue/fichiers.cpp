// Reading and validation of the catalogue's data files.
#include "catalogue/fichiers.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "domain/compte.hpp"
#include "domain/temps.hpp"

namespace examens::catalogue {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split(std::string_view line, std::string_view separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = line.find(separator, start);
    out.push_back(trim(line.substr(start, at == std::string_view::npos ? at : at - start)));
    if (at == std::string_view::npos) return out;
    start = at + separator.size();
  }
}

using Row = std::vector<std::string>;

// Codes travel in URLs and file names: capital letters and digits only.
bool is_code(const std::string& s) {
  return !s.empty() && s.size() <= 20 && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  });
}

// Reads `name` under `dir`, checks the header, and hands each data row with its line
// number to `row`; problems go to `errors`.
void read_csv(const std::filesystem::path& dir, const std::string& name,
              const std::vector<std::string>& columns, std::vector<LoadError>& errors,
              const std::function<void(const Row&, int)>& row) {
  std::ifstream in(dir / name, std::ios::binary);
  if (!in) {
    errors.push_back({name, 0, "fichier introuvable dans " + dir.string()});
    return;
  }
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
    const std::string content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    Row fields = split(content, ";");
    if (!header) {
      if (fields != columns) {
        std::string expected;
        for (const auto& c : columns) {
          if (!expected.empty()) expected += ';';
          expected += c;
        }
        errors.push_back({name, number, "en-tête attendu : " + expected});
        return;
      }
      header = true;
      continue;
    }
    if (fields.size() != columns.size()) {
      errors.push_back({name, number,
                        std::to_string(columns.size()) + " colonnes attendues, " +
                            std::to_string(fields.size()) + " trouvées"});
      continue;
    }
    row(fields, number);
  }
  if (!header) errors.push_back({name, 0, "fichier vide (en-tête manquant)"});
}

}  // namespace

std::string LoadError::message() const {
  std::string out = file;
  if (line > 0) out += ':' + std::to_string(line);
  out += ": ";
  out += reason;
  return out;
}

LoadResult load_catalogue(const std::filesystem::path& dir) {
  LoadResult result;
  auto& errors = result.errors;
  domain::Catalogue c;

  read_csv(dir, "domaines.csv", {"code", "libelle"}, errors, [&](const Row& r, int line) {
    if (!is_code(r[0]) || r[1].empty())
      errors.push_back(
          {"domaines.csv", line, "code (majuscules et chiffres) et libellé sont obligatoires"});
    else if (c.domaine(r[0]))
      errors.push_back({"domaines.csv", line, "domaine " + r[0] + " déjà défini"});
    else
      c.domaines.push_back({r[0], r[1]});
  });

  read_csv(dir, "sessions.csv", {"domaine", "code", "libelle", "fermee"}, errors,
           [&](const Row& r, int line) {
             if (!c.domaine(r[0]))
               errors.push_back({"sessions.csv", line, "domaine inconnu : " + r[0]});
             else if (!is_code(r[1]) || r[2].empty())
               errors.push_back({"sessions.csv", line,
                                 "code (majuscules et chiffres) et libellé sont obligatoires"});
             else if (r[3] != "oui" && r[3] != "non")
               errors.push_back({"sessions.csv", line, "fermee vaut oui ou non"});
             else if (c.session(r[0], r[1]))
               errors.push_back(
                   {"sessions.csv", line, "session " + r[0] + " " + r[1] + " déjà définie"});
             else
               c.sessions.push_back({r[0], r[1], r[2], r[3] == "oui"});
           });

  read_csv(dir, "academies.csv", {"code", "nom", "contact", "telephone", "email", "departements"},
           errors, [&](const Row& r, int line) {
             if (!is_code(r[0]) || r[1].empty())
               errors.push_back({"academies.csv", line,
                                 "code (majuscules et chiffres) et nom sont obligatoires"});
             else if (c.academie(r[0]))
               errors.push_back({"academies.csv", line, "académie " + r[0] + " déjà définie"});
             else if (!r[4].empty() && !domain::is_valid_email(r[4]))
               errors.push_back({"academies.csv", line, "adresse mail invalide : " + r[4]});
             else {
               domain::Academie a{r[0], r[1], {}, r[3], r[4], {}};
               if (!r[2].empty()) a.contact = split(r[2], "|");
               for (auto& d : split(r[5], " "))
                 if (!d.empty()) a.departements.push_back(d);
               c.academies.push_back(std::move(a));
             }
           });

  read_csv(
      dir, "periodes.csv", {"domaine", "session", "academie", "ouverture", "fermeture"}, errors,
      [&](const Row& r, int line) {
        const std::string file = "periodes.csv";
        if (!c.session(r[0], r[1]))
          return errors.push_back({file, line, "session inconnue : " + r[0] + " " + r[1]});
        if (!c.academie(r[2])) return errors.push_back({file, line, "académie inconnue : " + r[2]});
        if (c.periode(r[0], r[1], r[2]))
          return errors.push_back(
              {file, line, "période déjà définie pour " + r[0] + " " + r[1] + " " + r[2]});
        const auto ouverture = domain::parse_paris_local(r[3]);
        if (!ouverture.instant)
          return errors.push_back({file, line, "ouverture « " + r[3] + " » : " + ouverture.error});
        const auto fermeture = domain::parse_paris_local(r[4]);
        if (!fermeture.instant)
          return errors.push_back({file, line, "fermeture « " + r[4] + " » : " + fermeture.error});
        if (*fermeture.instant <= *ouverture.instant)
          return errors.push_back({file, line, "la fermeture doit suivre l'ouverture"});
        c.periodes.push_back({r[0], r[1], r[2], *ouverture.instant, *fermeture.instant});
      });

  if (errors.empty()) result.catalogue = std::move(c);
  return result;
}

}  // namespace examens::catalogue
