// The life of a deposited pièce justificative (SPEC §6, seed 004 §4.5): its statuses as the
// office sets them, what the candidate may still do with it (deposit, delete, validate the
// group), the deposit window, and the files accepted. Pure rules; the storage is
// store/justificatifs.hpp and the actions actions/justificatifs.hpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/field_errors.hpp"

namespace examens::domain {

// Set by the office: none until it controls the piece, then Reçue (with a date de
// réception), Conforme, Non conforme (with a comment), En attente d'une nouvelle PJ.
enum class StatutPiece { aucun, recue, conforme, non_conforme, nouvelle_pj };

std::string_view code_statut(StatutPiece statut);  // as stored: "non_conforme"
std::optional<StatutPiece> statut_of_code(std::string_view code);
// As the seed shows it: "Non conforme"; empty for aucun.
std::string_view libelle_statut(StatutPiece statut);

// One online piece as the rules see it.
struct EtatPiece {
  StatutPiece statut = StatutPiece::aucun;
  std::optional<Instant> valide_le;  // "J'ai fourni toutes mes pièces" stamped it
  int depots = 0;                    // files deposited and not deleted
};

// A validated piece is locked: no deposit, no deletion, until the office reopens it.
bool verrouillee(const EtatPiece& piece);
// Ajouter and Supprimer: in the window, on a piece neither locked nor Conforme.
bool modifiable(const EtatPiece& piece, bool fenetre_ouverte);

// Why "J'ai fourni toutes mes pièces" is refused, or aucun when it may validate the group.
enum class RefusValidation { aucun, fenetre_fermee, piece_sans_fichier, deja_validees };
RefusValidation refus_validation(const std::vector<EtatPiece>& groupe, bool fenetre_ouverte);

// Non conforme and En attente d'une nouvelle PJ reopen the piece: the candidate deposits
// again and validates again.
bool rouvre_piece(StatutPiece statut);
// A new file on a reopened piece waits for a new control: its status is cleared.
StatutPiece statut_apres_depot(StatutPiece statut);

// Where a candidature's pieces stand, as the office's list files it (kept in
// candidatures.etat_pieces by every change of a piece): one piece awaiting a decision puts the
// candidature "À contrôler"; else one the office refused, "Non conforme"; else one the
// candidate has not yet provided (an online piece not validated, a postal one not received),
// "En attente du candidat"; "Complet" when every piece is Conforme.
enum class EtatDossierPieces { en_attente, a_controler, non_conforme, complet };

std::string_view code_etat_dossier(EtatDossierPieces etat);  // as stored: "a_controler"
std::optional<EtatDossierPieces> etat_dossier_of_code(std::string_view code);
std::string_view libelle_etat_dossier(EtatDossierPieces etat);  // "À contrôler"

struct PieceDossier {
  bool en_ligne = true;
  EtatPiece etat;
};
EtatDossierPieces etat_dossier(const std::vector<PieceDossier>& pieces);

// The statuses the office sets, in the order its form offers them.
inline constexpr StatutPiece kStatutsControle[] = {
    StatutPiece::recue, StatutPiece::conforme, StatutPiece::non_conforme, StatutPiece::nouvelle_pj};
// The office's comment, shown to the candidate: one paragraph of reasonable length.
inline constexpr std::size_t kCommentaireMax = 1000;

// The office's control form as typed: the status's code, the date de réception (the date
// field's YYYY-MM-DD, or JJ/MM/AAAA typed by hand) and the comment.
struct SaisieControle {
  std::string statut;
  std::string date_reception;
  std::string commentaire;
};
struct ControleLu {
  StatutPiece statut = StatutPiece::aucun;
  // Reçue only: the day typed, recorded as noon in Paris (midi_paris, domain/temps.hpp).
  std::optional<Instant> date_reception;
  std::string commentaire;  // line breaks made spaces
  FieldErrors errors;       // on "statut", "date_reception", "commentaire": nothing is applied then
};
// A date de réception is required with Reçue and cannot be after the day of `now` in Paris.
ControleLu lire_controle(const SaisieControle& saisie, Instant now);

// The deposit window of a group, the catalogue's "fin" minute included ("23:59"). No end:
// the catalogue has no window for it, so nothing can be deposited.
bool fenetre_ouverte(std::optional<Instant> debut, std::optional<Instant> fin, Instant now);

// The files accepted, as the Ajouter field announces them.
inline constexpr std::uint64_t kTaillePieceMax = 5 * 1024 * 1024;
inline constexpr std::string_view kFormatsPiece = "PDF, JPEG ou PNG";
inline constexpr std::string_view kTaillePieceAffichee = "5 Mo";
// Files kept for one piece (a recto and a verso, a document in several scans).
inline constexpr std::size_t kDepotsParPieceMax = 10;

// The name a deposit is shown under: the last component of what the browser sent (never a
// path), without control characters, at most 100 bytes of UTF-8; "fichier" when nothing is
// left. Never used on the disk, where files are named by their content's digest.
std::string nom_affiche_fichier(std::string_view envoye);

}  // namespace examens::domain
