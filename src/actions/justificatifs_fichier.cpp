// Size, type, end marker and virus scan of an uploaded file.
#include "actions/justificatifs_fichier.hpp"

#include "domain/controle_pieces.hpp"
#include "fichiers/antivirus.hpp"
#include "log/log.hpp"

namespace examens::actions {

std::variant<fichiers::Nature, std::string> controler_fichier(const Services& services,
                                                              const std::filesystem::path& chemin) {
  const auto taille = std::filesystem::file_size(chemin);
  if (taille == 0) return std::string("Le fichier est vide\u202F: choisissez le bon fichier.");
  if (taille > domain::kTaillePieceMax)
    return "Le fichier dépasse la taille maximale de " + std::string(domain::kTaillePieceAffichee) +
           "\u202F: réduisez-le (une numérisation en 150 ppp suffit) et recommencez.";
  // Scanned first, whatever its type: a detected file is refused and logged as such.
  const std::string& clamd = services.reglages().clamd;
  if (!clamd.empty()) {
    const fichiers::Analyse analyse = fichiers::analyser(clamd, chemin);
    if (analyse.verdict == fichiers::Verdict::infecte) {
      log::warning("piece_infectee", {{"signature", analyse.detail},
                                      {"taille", static_cast<unsigned long long>(taille)}});
      return std::string(
          "Ce fichier contient un virus et a été refusé\u202F: il n'a pas été enregistré.");
    }
    if (analyse.verdict == fichiers::Verdict::indisponible) {
      log::error("antivirus_indisponible", {{"erreur", analyse.detail}});
      return std::string(
          "L'analyse antivirus des fichiers est momentanément indisponible\u202F: réessayez "
          "dans quelques minutes.");
    }
  }
  const fichiers::Examen examen = fichiers::examiner(chemin);
  if (examen.nature == fichiers::Nature::autre || examen.nature == fichiers::Nature::vide) {
    log::info("piece_refusee", {{"raison", "type"}, {"type", examen.type_mime}});
    return "Ce fichier n'est pas au format " + std::string(domain::kFormatsPiece) +
           "\u202F: seuls ces formats sont acceptés, quel que soit le nom du fichier.";
  }
  if (!examen.complet)
    return std::string(
        "Ce fichier est incomplet ou endommagé (sa fin manque)\u202F: enregistrez-le de nouveau "
        "et recommencez.");
  return examen.nature;
}

std::string extension_of_type(const std::string& type_mime) {
  if (type_mime == "application/pdf") return fichiers::extension(fichiers::Nature::pdf);
  if (type_mime == "image/jpeg") return fichiers::extension(fichiers::Nature::jpeg);
  if (type_mime == "image/png") return fichiers::extension(fichiers::Nature::png);
  return "bin";
}

}  // namespace examens::actions
