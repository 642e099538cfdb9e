// Cancelling a candidature whose signed récapitulatif did not arrive (SPEC §6, seed 000 §7:
// "En l'absence du dépôt de la confirmation d'inscription au plus tard à la date limite, la
// candidature sera annulée"). Which piece is the signed récapitulatif is a catalogue fact
// (CatalogueJustificatifs::recapitulatif_signe); its deadline is the end of the window of its
// mode. Pure; the storage is store/annulation.hpp and the action actions/annulation.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/candidature.hpp"
#include "domain/catalogue_justificatifs.hpp"
#include "domain/controle_pieces.hpp"

namespace examens::domain {

// The office holds the piece: Reçue or Conforme, whatever its mode; or, deposited online, the
// candidate validated it ("J'ai fourni toutes mes pièces") with a file, and the office did not
// send it back (Non conforme, En attente d'une nouvelle PJ).
bool recapitulatif_parvenu(const EtatPiece& piece, ModeDepot mode);

// The deadline passed: the window's "fin" minute is still inside it, as for deposits.
bool date_limite_depassee(Instant fin, Instant now);

// What the rule reads of one candidature.
struct DossierAnnulation {
  EtatCandidature etat = EtatCandidature::inscrit;
  // The mode under which its latest version requires the signed récapitulatif; empty when it
  // does not require it.
  std::optional<ModeDepot> mode;
  std::optional<Instant> date_limite;  // the end of that mode's window; empty when none
  EtatPiece piece;                     // the récapitulatif's row, default when none
};

// Inscrit, required to return the signed récapitulatif, past its deadline, and without it.
bool annulable(const DossierAnnulation& dossier, Instant now);

// An exam session whose deadline for the signed récapitulatif has passed in an académie.
struct SessionEchue {
  std::string domaine;
  std::string session;
  bool operator==(const SessionEchue&) const = default;
};
// The sessions of the catalogue whose window of `mode` (the piece's mode in the catalogue) for
// `academie` (its own, else the "*" one) has ended at `now`, in the catalogue's order: where
// the office looks for candidatures to cancel. A snapshot asking the piece under another
// mode is judged by annulable, but looked for only here.
std::vector<SessionEchue> sessions_echues(const CatalogueJustificatifs& catalogue,
                                          std::string_view academie, ModeDepot mode, Instant now);

}  // namespace examens::domain
