// The wizard's tabs 2 to 6, one file each: the template data of a tab from the draft, the
// account and the catalogue (`contexte`: as the tab's checks see them), added to what
// onglet_page (saisie_onglets.cpp) sets for all.
#pragma once

#include <string>
#include <vector>

#include "domain/field_errors.hpp"
#include "domain/saisie.hpp"
#include "portail/saisie_onglets.hpp"
#include "web/form_view.hpp"

namespace examens::portail::onglets {

// Template data of the fields FormView does not cover (champs.cpp).
Data case_a_cocher(const std::string& id, const std::string& name, const std::string& value,
                   std::string label, bool checked, const domain::FieldErrors& errors);
Data oui_non(const std::string& name, std::string label, const domain::Champs& champs,
             const domain::FieldErrors& errors);
std::vector<Option> options_academies(const domain::Catalogue& catalogue);

// Tab 2 "Identification": the account's identity (read-only) and the address.
void identification(const Portal& portal, const Context& ctx, const domain::Champs& c,
                    FormView& view, Data& data);
// Tab 3 "Informations candidature": catégorie, situation, établissement and the Oui/Non
// answers; for a candidate on his own account, why a school's category is not his to pick.
void informations(const Portal& portal, const Context& ctx, const Brouillon& b,
                  const domain::FieldErrors& e, FormView& view, Data& data);
// Tab 4 "Qualification présentée": spécialité, section de langue, forme de passage.
void qualification(const Portal& portal, const domain::ContexteSaisie& contexte, const Brouillon& b,
                   const domain::FieldErrors& e, FormView& view, Data& data);
// Tab 5 "Acquis": the declared acquis and the exemptions they bring.
void acquis(const Portal& portal, const domain::ContexteSaisie& contexte, const Brouillon& b,
            const domain::FieldErrors& e, FormView& view, Data& data);
// Tab 6 "Epreuves": positions, modes and choices of each épreuve.
void epreuves(const Portal& portal, const domain::ContexteSaisie& contexte, const Brouillon& b,
              const domain::FieldErrors& e, Data& data);

}  // namespace examens::portail::onglets
