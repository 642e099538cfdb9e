// Storage of the office's cancellation of candidatures whose signed récapitulatif did not
// arrive (domain/annulation.hpp): the candidates of one académie the rule may apply to, and the
// guarded change of state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/controle_pieces.hpp"
#include "store/candidatures.hpp"
#include "store/database.hpp"

namespace examens::store {

struct SansRecapitulatif {
  Candidature candidature;
  std::string numero_candidat;
  std::string nom_naissance;
  std::string nom_usage;
  std::string prenoms;
  domain::EtatPiece piece;  // the signed récapitulatif's row; default when there is none
};

// The candidatures of `academie` in state Inscrit whose piece `code` is not Reçue nor
// Conforme (or has no row), with their candidate, by numéro candidat and N° inscription. A
// coarse filter: domain::annulable decides, with the snapshot and the deadline. Their cree_le
// and modifie_le are not read.
std::vector<SansRecapitulatif> sans_recapitulatif(Unit& unit, const std::string& academie,
                                                  const std::string& code);
// The same for one candidature, whatever its académie and its piece; nullopt when it is not
// Inscrit. Its cree_le and modifie_le are not read.
std::optional<SansRecapitulatif> sans_recapitulatif(Unit& unit, long long candidature_id,
                                                    const std::string& code);

// The office cancels the candidature: Inscrit becomes Annulée, the row stays. False when it
// was no longer Inscrit (changed meanwhile): nothing is written.
bool mark_annulee(Tx& tx, long long candidature_id, domain::Instant now);

}  // namespace examens::store
