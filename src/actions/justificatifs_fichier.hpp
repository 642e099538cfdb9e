// The checks of an uploaded pièce justificative before it is stored: its size, its real type
// and its end (fichiers/nature.hpp), and clamd's scan when one is configured. Internal to the
// actions of Mes justificatifs.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "actions/services.hpp"
#include "fichiers/nature.hpp"

namespace examens::actions {

// The file's nature when it may be stored, else the French reason shown next to the field.
// A file clamd finds infected is logged.
std::variant<fichiers::Nature, std::string> controler_fichier(const Services& services,
                                                              const std::filesystem::path& chemin);

// "pdf", "jpg", "png" for the types stored.
std::string extension_of_type(const std::string& type_mime);

}  // namespace examens::actions
