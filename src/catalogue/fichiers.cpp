// Reading and validation of the catalogue's data files.
#include "catalogue/fichiers.hpp"

#include <algorithm>

#include "domain/compte.hpp"
#include "domain/temps.hpp"

namespace examens::catalogue {
namespace {

// Codes travel in URLs and file names: capital letters and digits only.
bool is_code(const std::string& s) {
  return !s.empty() && s.size() <= 20 && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  });
}

}  // namespace

LoadResult load_catalogue(const Files& files) {
  LoadResult result;
  auto& errors = result.errors;
  domain::Catalogue c;

  read_csv(files, "domaines.csv", {"code", "libelle"}, errors, [&](const Row& r) -> std::string {
    if (!is_code(r[0]) || r[1].empty())
      return "code (majuscules et chiffres) et libellé sont obligatoires";
    if (c.domaine(r[0])) return "domaine " + r[0] + " déjà défini";
    c.domaines.push_back({r[0], r[1]});
    return {};
  });

  read_csv(files, "sessions.csv", {"domaine", "code", "libelle", "fermee"}, errors,
           [&](const Row& r) -> std::string {
             if (!c.domaine(r[0])) return "domaine inconnu : " + r[0];
             if (!is_code(r[1]) || r[2].empty())
               return "code (majuscules et chiffres) et libellé sont obligatoires";
             if (r[3] != "oui" && r[3] != "non") return "fermee vaut oui ou non";
             if (c.session(r[0], r[1])) return "session " + r[0] + " " + r[1] + " déjà définie";
             c.sessions.push_back({r[0], r[1], r[2], r[3] == "oui"});
             return {};
           });

  read_csv(files, "academies.csv", {"code", "nom", "contact", "telephone", "email", "departements"},
           errors, [&](const Row& r) -> std::string {
             if (!is_code(r[0]) || r[1].empty())
               return "code (majuscules et chiffres) et nom sont obligatoires";
             if (c.academie(r[0])) return "académie " + r[0] + " déjà définie";
             if (!r[4].empty() && !domain::is_valid_email(r[4]))
               return "adresse mail invalide : " + r[4];
             domain::Academie a{r[0], r[1], {}, r[3], r[4], {}};
             for (auto& line : split(r[2], '|'))
               if (!line.empty()) a.contact.push_back(line);
             for (auto& d : split(r[5], ' '))
               if (!d.empty()) a.departements.push_back(d);
             c.academies.push_back(std::move(a));
             return {};
           });

  read_csv(files, "periodes.csv", {"domaine", "session", "academie", "ouverture", "fermeture"},
           errors, [&](const Row& r) -> std::string {
             if (!c.session(r[0], r[1])) return "session inconnue : " + r[0] + " " + r[1];
             if (!c.academie(r[2])) return "académie inconnue : " + r[2];
             if (c.periode(r[0], r[1], r[2]))
               return "période déjà définie pour " + r[0] + " " + r[1] + " " + r[2];
             const auto ouverture = domain::parse_paris_local(r[3]);
             if (!ouverture.instant) return "ouverture « " + r[3] + " » : " + ouverture.error;
             const auto fermeture = domain::parse_paris_local(r[4]);
             if (!fermeture.instant) return "fermeture « " + r[4] + " » : " + fermeture.error;
             if (*fermeture.instant <= *ouverture.instant)
               return "la fermeture doit suivre l'ouverture";
             c.periodes.push_back({r[0], r[1], r[2], *ouverture.instant, *fermeture.instant});
             return {};
           });

  if (errors.empty()) result.catalogue = std::move(c);
  return result;
}

}  // namespace examens::catalogue
