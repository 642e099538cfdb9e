// Statuses of the pièces justificatives and what the candidate may do with them.
#include "domain/controle_pieces.hpp"

#include <array>
#include <tuple>
#include <utility>

#include "domain/compte.hpp"
#include "domain/temps.hpp"
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

namespace {

constexpr std::array<std::tuple<EtatDossierPieces, std::string_view, std::string_view>, 4>
    kEtatsDossier{{
        {EtatDossierPieces::en_attente, "en_attente", "En attente du candidat"},
        {EtatDossierPieces::a_controler, "a_controler", "À contrôler"},
        {EtatDossierPieces::non_conforme, "non_conforme", "Non conforme"},
        {EtatDossierPieces::complet, "complet", "Complet"},
    }};

// The piece waits for the office: validated online, or received by post, and not decided.
bool attend_controle(const PieceDossier& p) {
  if (p.etat.statut == StatutPiece::recue) return true;
  return p.en_ligne && p.etat.valide_le && p.etat.statut == StatutPiece::aucun;
}

}  // namespace

std::string_view code_etat_dossier(EtatDossierPieces etat) {
  for (const auto& [e, code, libelle] : kEtatsDossier)
    if (e == etat) return code;
  return "en_attente";
}

std::optional<EtatDossierPieces> etat_dossier_of_code(std::string_view code) {
  for (const auto& [e, c, libelle] : kEtatsDossier)
    if (c == code) return e;
  return std::nullopt;
}

std::string_view libelle_etat_dossier(EtatDossierPieces etat) {
  for (const auto& [e, code, libelle] : kEtatsDossier)
    if (e == etat) return libelle;
  return "";
}

EtatDossierPieces etat_dossier(const std::vector<PieceDossier>& pieces) {
  bool refusee = false;
  bool manquante = false;
  for (const auto& p : pieces) {
    if (attend_controle(p)) return EtatDossierPieces::a_controler;
    if (rouvre_piece(p.etat.statut))
      refusee = true;
    else if (p.etat.statut != StatutPiece::conforme)
      manquante = true;
  }
  if (refusee) return EtatDossierPieces::non_conforme;
  return manquante ? EtatDossierPieces::en_attente : EtatDossierPieces::complet;
}

ControleLu lire_controle(const SaisieControle& saisie, Instant now) {
  ControleLu out;
  // A textarea: each line break becomes one space, the one paragraph the candidate reads.
  std::string commentaire;
  for (std::size_t i = 0; i < saisie.commentaire.size(); ++i) {
    const char c = saisie.commentaire[i];
    if (c == '\r' && i + 1 < saisie.commentaire.size() && saisie.commentaire[i + 1] == '\n')
      continue;
    commentaire += c == '\r' || c == '\n' || c == '\t' ? ' ' : c;
  }
  check_text(out.errors, "commentaire", commentaire);
  out.commentaire = std::string(texte::trim(commentaire));
  std::size_t caracteres = 0;
  for (unsigned char c : out.commentaire) caracteres += (c & 0xC0) != 0x80;
  if (caracteres > kCommentaireMax)
    out.errors.add_once("commentaire", "Le commentaire ne doit pas dépasser " +
                                           std::to_string(kCommentaireMax) + " caractères.");
  const auto statut = statut_of_code(saisie.statut);
  if (!statut || *statut == StatutPiece::aucun) {
    out.errors.add("statut", "Choisissez le statut de la pièce.");
    return out;
  }
  out.statut = *statut;
  if (*statut != StatutPiece::recue) return out;
  const std::string_view date = texte::trim(saisie.date_reception);
  if (date.empty()) {
    out.errors.add("date_reception", "Indiquez la date de réception de la pièce.");
    return out;
  }
  auto jour = parse_date_iso(date);
  if (!jour) jour = parse_date_fr(date);
  if (!jour)
    out.errors.add("date_reception",
                   "La date de réception doit être une date réelle au format JJ/MM/AAAA.");
  else if (std::chrono::sys_days(*jour) > std::chrono::sys_days(paris_today(now)))
    out.errors.add("date_reception", "La date de réception ne peut pas être dans le futur.");
  else
    out.date_reception = midi_paris(*jour);
  return out;
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
