// Staff accounts of the back office (SPEC §1, §8): their roles, their states and the checks of
// a new one. A staff member is scoped to one académie; what each role may do comes with the
// back office's pages.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/catalogue.hpp"
#include "domain/field_errors.hpp"

namespace examens::domain {

inline constexpr std::string_view kRoleGestionnaire = "gestionnaire";
inline constexpr std::string_view kRoleAdministrateur = "administrateur";

inline constexpr std::string_view kAgentEnAttente = "en_attente";
inline constexpr std::string_view kAgentActif = "actif";
inline constexpr std::string_view kAgentDesactive = "desactive";

// A staff member is created by someone else and chooses his password through the link he
// is handed: long enough to reach him by the office's own channels.
inline constexpr auto kActivationAgentValidity = std::chrono::days(7);
inline constexpr std::string_view kActivationAgentValidityText = "7 jours";

// "Gestionnaire", "Administrateur"; nullopt for any other code.
std::optional<std::string_view> libelle_role(std::string_view role);

struct AgentForm {
  std::string email;
  std::string role;
  std::string academie;  // code, "GUY"
  std::string nom;       // optional
  std::string prenom;    // optional
};
struct AgentValidation {
  std::optional<AgentForm> agent;  // trimmed, the académie's code upper case; when no error
  FieldErrors errors;              // French messages on "email", "role", "academie"
};
AgentValidation validate_agent(const AgentForm& form, const Catalogue& catalogue);

// How the pages name a staff member: "Prénom Nom", or his email when both are empty.
std::string nom_affiche_agent(std::string_view prenom, std::string_view nom,
                              std::string_view email);

// The académie's name as a sentence writes it: "ACADÉMIE D'AIX MARSEILLE" gives "Académie
// d'Aix Marseille", "ACADÉMIE DE LA GUYANE" "Académie de la Guyane".
std::string nom_courant_academie(std::string_view nom);

}  // namespace examens::domain
