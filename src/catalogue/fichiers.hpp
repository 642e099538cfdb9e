// Reads and validates the catalogue's versioned data files (data/catalogue/*.csv).
// All or nothing: any bad line refuses the whole catalogue, with file, line and reason,
// before anything reaches the database.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.hpp"

namespace examens::catalogue {

struct LoadError {
  std::string file;  // file name, e.g. "periodes.csv"
  int line = 0;      // 1-based; 0 when the whole file is concerned
  std::string reason;
  std::string message() const;  // "periodes.csv:4: reason"
};

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
LoadResult load_catalogue(const std::filesystem::path& dir);

}  // namespace examens::catalogue
