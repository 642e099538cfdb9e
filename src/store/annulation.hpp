// Storage of the office's cancellation of candidatures whose signed récapitulatif did not
// arrive (domain/annulation.hpp): the candidatures of one exam session of an académie the rule
// may apply to, paged and counted, and the guarded change of state.
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

// Where to look: the Inscrit candidatures of `academie` registered to (`domaine`, `session`)
// whose piece `code` has not arrived as domain::recapitulatif_parvenu says for the piece's
// catalogue mode: neither Reçue nor Conforme, nor, when `en_ligne`, validated with a file
// and not sent back. What the snapshot requires and the deadline are C++'s
// (domain::annulable): this filter is what SQL can read of the rule.
struct SessionSansRecapitulatif {
  std::string academie;
  std::string domaine;
  std::string session;
  std::string code;
  bool en_ligne = false;
};

// The first `limite` of them with an id above `apres`, oldest first. Their cree_le and
// modifie_le are not read.
std::vector<SansRecapitulatif> sans_recapitulatif(Unit& unit, const SessionSansRecapitulatif& s,
                                                  long long apres, int limite);
// How many there are, counted up to `plafond` + 1 only, as store::compter_dossiers.
long long compter_sans_recapitulatif(Unit& unit, const SessionSansRecapitulatif& s,
                                     long long plafond);
// One candidature with its piece `code`, whatever its académie and that piece; nullopt when
// it is not Inscrit. Its cree_le and modifie_le are not read.
std::optional<SansRecapitulatif> sans_recapitulatif(Unit& unit, long long candidature_id,
                                                    const std::string& code);

// The office cancels the candidature: Inscrit becomes Annulée, the row stays. False when it
// was no longer Inscrit (changed meanwhile): nothing is written.
bool mark_annulee(Tx& tx, long long candidature_id, domain::Instant now);

}  // namespace examens::store
