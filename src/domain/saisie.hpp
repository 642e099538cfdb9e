// The registration wizard (SPEC §4): its nine tabs, the fields of the tabs that do not
// depend on the spécialité, and their checks. The draft is a flat map of field values,
// kept server-side between requests.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/compte.hpp"
#include "domain/field_errors.hpp"

namespace examens::domain {

// Field name -> values (a checkbox group gives several).
using Champs = std::map<std::string, std::vector<std::string>>;

struct Onglet {
  int numero;
  std::string_view titre;
};

// The seed's tabs. DSFR's stepper shows at most 8 steps: it covers tabs 1-8, and
// "N° Inscription" is the page shown once the candidature is registered.
inline constexpr std::array<Onglet, 9> kOnglets = {{
    {1, "Modalités d'inscription"},
    {2, "Identification"},
    {3, "Informations candidature"},
    {4, "Qualification présentée"},
    {5, "Acquis"},
    {6, "Epreuves"},
    {7, "Récapitulatif"},
    {8, "Conditions d'inscription"},
    {9, "N° Inscription"},
}};
inline constexpr int kDernierOnglet = 8;  // the one with "Enregistrer"

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
