// The catalogue of pièces justificatives (SPEC §6, seed 004 §4.5): the pieces, the rules that
// require them (by domaine, catégorie and the candidate's answers) and the deposit windows of
// each mode. Pure values; the files are read by catalogue/qualification_fichiers.hpp and the
// rule that applies them is domain/justificatifs.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"

namespace examens::domain {

// How a piece reaches the office: uploaded ("A déposer en ligne"), by post ("A envoyer par
// voie postale"), or otherwise (handed to the établissement de formation).
enum class ModeDepot { en_ligne, voie_postale, autre };

struct PieceJustificative {
  std::string code;     // "93475001"
  std::string libelle;  // "Document justifiant l'identité"
  ModeDepot mode = ModeDepot::en_ligne;
  // The récapitulatif the candidate dates, signs and returns to confirm his registration
  // (seed 000 §7): the catalogue names at most one (pieces.csv, role recapitulatif_signe). A
  // candidature without it after its deadline may be cancelled (domain/annulation.hpp).
  bool recapitulatif_signe = false;
};

// What in the dossier makes a piece required: always, or one answer of the wizard
// ("handicap": Oui, "amenagement_duree": Oui, "derogation": Oui) or one kind of acquis
// declared (a relevé de notes for "déjà présenté", the diploma for "autre diplôme"…).
enum class ConditionPiece {
  toujours,
  handicap,
  amenagement_duree,
  derogation,
  deja_presente,
  autre_specialite,
  autre_diplome,
  vae
};

// Pieces of `domaine` required from the candidates of `categories` (all when empty) whose
// dossier meets `condition`.
struct ReglePieces {
  std::string domaine;
  std::vector<std::string> categories;
  ConditionPiece condition = ConditionPiece::toujours;
  std::vector<std::string> pieces;  // codes, in the order they are listed
};

// The window of one deposit mode for a (domaine, session, académie); académie "*" stands for
// every académie without a window of its own. No `debut`: "au plus tard le …".
struct DepotPieces {
  std::string domaine;
  std::string session;
  std::string academie;
  ModeDepot mode = ModeDepot::en_ligne;
  std::optional<Instant> debut;
  Instant fin{};
};

struct CatalogueJustificatifs {
  std::vector<PieceJustificative> pieces;
  std::vector<ReglePieces> regles;
  std::vector<DepotPieces> depots;

  const PieceJustificative* piece(std::string_view code) const;
  // The piece whose role is recapitulatif_signe; null when the catalogue names none.
  const PieceJustificative* recapitulatif_signe() const;
  // The académie's own window, else the "*" one; null when neither exists.
  const DepotPieces* depot(std::string_view domaine, std::string_view session,
                           std::string_view academie, ModeDepot mode) const;
};

}  // namespace examens::domain
