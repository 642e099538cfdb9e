// Reads and validates the catalogue's versioned data files (data/catalogue/*.csv).
// All or nothing: any bad line refuses the whole catalogue, with file, line and reason,
// before anything reaches the database.
#pragma once

#include <optional>
#include <vector>

#include "catalogue/csv.hpp"
#include "domain/catalogue.hpp"

namespace examens::catalogue {

// The files load_catalogue reads; the others of the folder are the qualification's.
inline const std::vector<std::string> kFichiersBase = {"domaines.csv", "sessions.csv",
                                                       "academies.csv", "periodes.csv"};

struct LoadResult {
  std::optional<domain::Catalogue> catalogue;  // set when `errors` is empty
  std::vector<LoadError> errors;
};

// The files, ';'-separated with a header line naming the columns; '#' starts a comment
// line. Dates are Paris wall-clock times "AAAA-MM-JJ HH:MM".
//   domaines.csv   code;libelle
//   sessions.csv   domaine;code;libelle;fermee            (fermee: oui | non)
//   academies.csv  code;nom;contact;telephone;email;departements
//                  (contact lines separated by " | ", départements by spaces)
//   periodes.csv   domaine;session;academie;ouverture;fermeture
LoadResult load_catalogue(const Files& files);

}  // namespace examens::catalogue
