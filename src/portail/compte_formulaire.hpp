// The account form of SPEC §3, shared by "Je crée mon compte" and "Modifier mon compte":
// its fields as the seed labels them, read from a request or from a stored account, and
// rendered with their errors.
#pragma once

#include <string_view>

#include "domain/compte.hpp"
#include "portail/portal.hpp"
#include "store/comptes.hpp"
#include "web/form_view.hpp"

namespace examens::portail {

inline constexpr std::string_view kPasswordHint =
    "8 à 20 caractères dont majuscule, minuscule et caractère spécial (exemple : . / ! * "
    "etc...)";
inline constexpr FieldSpec kMotDePasseConfirmation{
    "mot_de_passe_confirmation", "Confirmation du mot de passe", "", "password", "new-password"};

domain::CompteForm read_form(const Request& req);
domain::CompteForm form_of(const store::Compte& c);

// Renders the identity and contact fields; passwords are never sent back.
enum class Mode { creation, modification };
// `commune_query`: the results of "Rechercher la commune" (the no-JavaScript path).
Data compte_form_data(const Portal& portal, Mode mode, const domain::CompteForm& f,
                      const domain::FieldErrors& errors, bool identite_locked,
                      std::string_view commune_query);

}  // namespace examens::portail
