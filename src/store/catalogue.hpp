// Storage of the exam catalogue: replaced whole by `examens init` from the data files,
// read whole by each instance at start.
#pragma once

#include <map>
#include <string>

#include "domain/catalogue.hpp"
#include "store/database.hpp"

namespace examens::store {

// Replaces the catalogue inside the caller's transaction.
void replace_catalogue(Tx& tx, const domain::Catalogue& catalogue);
domain::Catalogue read_catalogue(Unit& unit);

// The qualification's data files (name -> content), replaced whole, read whole.
void replace_catalogue_files(Tx& tx, const std::map<std::string, std::string>& files);
std::map<std::string, std::string> read_catalogue_files(Unit& unit);

}  // namespace examens::store
