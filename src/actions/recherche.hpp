// The candidature an office member names by what he types (its id, or the numéro candidat
// and the N° inscription, "12345678901-001"), shared by the audit trail's filter and the
// pièces control's search.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "store/database.hpp"

namespace examens::actions {

// Its id when it is one of `academie`'s; the French message to show next to the field
// otherwise; std::monostate when nothing was typed.
std::variant<std::monostate, long long, std::string> candidature_nommee(store::Unit& unit,
                                                                        const std::string& academie,
                                                                        std::string_view saisie);

}  // namespace examens::actions
