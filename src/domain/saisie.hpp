// The registration wizard (SPEC §4): the fields of the tabs that do not depend on the
// spécialité, and their checks. The draft is a flat map of field values,
// kept server-side between requests.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/compte.hpp"
#include "domain/field_errors.hpp"

namespace examens::domain {

// Field name -> values (a checkbox group gives several).
using Champs = std::map<std::string, std::vector<std::string>>;

std::string valeur(const Champs& champs, const std::string& nom);

// "0623456789" or "+33623456789" (spaces, dots and dashes between digits are ignored);
// other countries' numbers as "+" and 8 to 15 digits.
bool is_valid_telephone(std::string_view telephone);
std::string normalize_telephone(std::string_view telephone);

// Tab 1: the registration terms accepted.
FieldErrors valider_modalites(const Champs& champs);
// Tab 2: postal address, nationality, telephones (the account's identity is read-only here).
FieldErrors valider_identification(const Champs& champs, const ReferenceLookup& ref);
// Tab 8: the commitment of the seed's "Conditions d'inscription" checked.
FieldErrors valider_conditions(const Champs& champs);

}  // namespace examens::domain
