// The pièces justificatives a candidature needs (SPEC §6, seed 004 §4.5): the rule that lists
// what one dossier must provide, grouped by deposit mode and window as "Mes justificatifs" and
// the demande de pièces show it. The catalogue it reads: domain/catalogue_justificatifs.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue_justificatifs.hpp"
#include "domain/saisie.hpp"

namespace examens::domain {

// The pieces to provide in one mode and window, in the order the rules list them.
struct GroupePieces {
  ModeDepot mode = ModeDepot::en_ligne;
  std::optional<Instant> debut;
  std::optional<Instant> fin;  // empty when the catalogue has no window for this mode
  std::vector<PieceJustificative> pieces;
};

// The pieces `dossier` (its domaine, session, académie, catégorie and answers) must provide,
// each once, grouped by mode (en ligne, voie postale, autre) and by window.
std::vector<GroupePieces> pieces_requises(const CatalogueJustificatifs& catalogue,
                                          const DossierSaisi& dossier);

// The seed's heading of a group, in Paris time: "A déposer en ligne entre le mardi 30 août
// 2022 et le vendredi 21 octobre 2022 23:59 (heure/Paris)", "A envoyer par voie postale au
// plus tard le lundi 31 octobre 2022 23:59 (heure/Paris)".
std::string phrase_depot(const GroupePieces& groupe);

}  // namespace examens::domain
