// Storage of the exam catalogue: replaced whole by `examens init` from the data files,
// read whole by each instance at start.
#pragma once

#include <soci/soci.h>

#include <map>
#include <string>

#include "domain/catalogue.hpp"

namespace examens::store {

// Replaces the catalogue inside the caller's transaction.
void replace_catalogue(soci::session& sql, const domain::Catalogue& catalogue);
domain::Catalogue read_catalogue(soci::session& sql);

// The qualification's data files (name -> content), replaced whole, read whole.
void replace_catalogue_files(soci::session& sql, const std::map<std::string, std::string>& files);
std::map<std::string, std::string> read_catalogue_files(soci::session& sql);

}  // namespace examens::store
