// What the registration space lends to other pages: the "Mes inscriptions" cards of the
// candidate's home page.
#pragma once

#include "web/portal.hpp"

namespace examens::web {

// Adds to `data` the logged-in candidate's active candidatures: a list "cartes" and the
// flag "aucune_candidature".
void add_mes_inscriptions(Portal& portal, const Context& ctx, Data& data);

}  // namespace examens::web
