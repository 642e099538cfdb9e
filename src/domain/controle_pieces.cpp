// Statuses of the pièces justificatives and what the candidate may do with them.
#include "domain/controle_pieces.hpp"

#include <array>
#include <utility>

#include "texte/texte.hpp"

namespace examens::domain {
namespace {

constexpr std::array<std::pair<StatutPiece, std::string_view>, 5> kCodes{{
    {StatutPiece::aucun, "aucun"},
    {StatutPiece::recue, "recue"},
    {StatutPiece::conforme, "conforme"},
    {StatutPiece::non_conforme, "non_conforme"},
    {StatutPiece::nouvelle_pj, "nouvelle_pj"},
}};

}  // namespace

std::string_view code_statut(StatutPiece statut) {
  for (const auto& [s, code] : kCodes)
    if (s == statut) return code;
  return "aucun";
}

std::optional<StatutPiece> statut_of_code(std::string_view code) {
  for (const auto& [s, c] : kCodes)
    if (c == code) return s;
  return std::nullopt;
}

std::string_view libelle_statut(StatutPiece statut) {
  switch (statut) {
    case StatutPiece::aucun: return "";
    case StatutPiece::recue: return "Reçue";
    case StatutPiece::conforme: return "Conforme";
    case StatutPiece::non_conforme: return "Non conforme";
    case StatutPiece::nouvelle_pj: return "En attente d'une nouvelle PJ";
  }
  return "";
}

bool verrouillee(const EtatPiece& piece) {
  return piece.valide_le.has_value();
}

bool modifiable(const EtatPiece& piece, bool fenetre_ouverte) {
  return fenetre_ouverte && !verrouillee(piece) && piece.statut != StatutPiece::conforme;
}

RefusValidation refus_validation(const std::vector<EtatPiece>& groupe, bool fenetre_ouverte) {
  if (!fenetre_ouverte) return RefusValidation::fenetre_fermee;
  bool a_valider = false;
  for (const auto& piece : groupe) {
    if (verrouillee(piece) || piece.statut == StatutPiece::conforme) continue;
    if (piece.depots == 0) return RefusValidation::piece_sans_fichier;
    a_valider = true;
  }
  return a_valider ? RefusValidation::aucun : RefusValidation::deja_validees;
}

bool rouvre_piece(StatutPiece statut) {
  return statut == StatutPiece::non_conforme || statut == StatutPiece::nouvelle_pj;
}

StatutPiece statut_apres_depot(StatutPiece statut) {
  return rouvre_piece(statut) ? StatutPiece::aucun : statut;
}

bool fenetre_ouverte(std::optional<Instant> debut, std::optional<Instant> fin, Instant now) {
  if (!fin) return false;
  if (debut && now < *debut) return false;
  return now < *fin + std::chrono::minutes(1);
}

std::string nom_affiche_fichier(std::string_view envoye) {
  const std::string propre = texte::repair_utf8(envoye);
  std::string_view nom = propre;
  if (const auto slash = nom.find_last_of("/\\"); slash != std::string_view::npos)
    nom.remove_prefix(slash + 1);
  std::string out;
  for (const char c : nom)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  out = std::string(texte::trim(out));
  // ".." or "." alone name no file.
  if (out.find_first_not_of('.') == std::string::npos) out.clear();
  out = std::string(texte::cut_utf8(out, 100));
  return out.empty() ? "fichier" : out;
}

}  // namespace examens::domain
