// Mes justificatifs (SPEC §6, seed 004 §4.5): the pieces a candidature needs, by mode and
// window, with their deposits and statuses; the candidate's deposits (checked by content,
// scanned, stored atomically), deletions and "J'ai fourni toutes mes pièces"; the download
// of a deposit by whoever may see it. The office's control is actions/controle.hpp. Refusals
// are values carrying the French message shown next to the field; each change is audited.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "actions/etat_pieces.hpp"
#include "actions/refus.hpp"
#include "actions/services.hpp"
#include "domain/catalogue_justificatifs.hpp"
#include "domain/controle_pieces.hpp"
#include "store/candidatures.hpp"
#include "store/justificatifs.hpp"

namespace examens::actions {

struct PieceVue {
  std::string code;
  std::string libelle;
  domain::EtatPiece etat;
  std::optional<domain::Instant> date_reception;
  std::string commentaire;
  std::vector<store::Depot> depots;
  bool modifiable = false;  // Ajouter and Supprimer are offered
};

struct GroupeVue {
  domain::ModeDepot mode = domain::ModeDepot::en_ligne;
  std::string phrase;  // "A déposer en ligne entre le … (heure/Paris)"
  bool fenetre_ouverte = false;
  bool validable = false;  // "J'ai fourni toutes mes pièces" is offered
  std::vector<PieceVue> pieces;
};

// The candidature's pieces by mode, with the catalogue's current windows (an office may
// extend one), as its candidate and the office see them.
std::vector<GroupeVue> groupes_pieces(const Services& services, const store::Candidature& c,
                                      const std::vector<store::Justificatif>& lignes,
                                      domain::Instant now);

struct MesJustificatifs {
  store::Candidature candidature;
  std::vector<GroupeVue> groupes;
};

// The candidature's pieces as its latest version froze them, with the catalogue's current
// windows (an office may extend one). nullopt when it is not one of the account's.
std::optional<MesJustificatifs> mes_justificatifs(const Services& services, long long compte_id,
                                                  long long candidature_id, domain::Instant now);

struct Introuvable {};  // not the account's candidature, piece or deposit: a 404

// A file the transport streamed to disk.
struct FichierRecu {
  std::filesystem::path chemin;
  std::string nom_envoye;  // as the browser sent it: for display, cleaned
};
struct Depose {
  long long depot_id = 0;
};
// Ajouter: the file is checked (size, real type, whole, virus scan when clamd is set), stored
// under its digest, then recorded; a refused file leaves no row and no file.
std::variant<Introuvable, Refus, Depose> deposer_piece(
    const Services& services, long long compte_id, long long candidature_id,
    const std::string& code, const FichierRecu& fichier, const std::string& adresse,
    domain::Instant now);

struct Supprime {};
std::variant<Introuvable, Refus, Supprime> supprimer_depot(
    const Services& services, long long compte_id, long long candidature_id, long long depot_id,
    const std::string& adresse, domain::Instant now);

struct Valide {
  int pieces = 0;  // stamped now
};
// "J'ai fourni toutes mes pièces" for the online group.
std::variant<Introuvable, Refus, Valide> valider_pieces(const Services& services,
                                                        long long compte_id,
                                                        long long candidature_id,
                                                        const std::string& adresse,
                                                        domain::Instant now);

// Who asks for a deposited file: its candidate, or a staff member of the candidature's
// académie.
struct DemandeCandidat {
  long long compte_id = 0;
};
struct DemandeAgent {
  long long agent_id = 0;
  std::string academie;
  std::string adresse;  // the client's, for the audit trail
};
using Demandeur = std::variant<DemandeCandidat, DemandeAgent>;

struct FichierPiece {
  std::filesystem::path chemin;
  std::string type_mime;
  std::string nom;  // "93475001-12.pdf": the piece's code and the deposit's number
};
std::variant<Introuvable, FichierPiece> fichier_depot(const Services& services,
                                                      const Demandeur& demandeur,
                                                      long long candidature_id, long long depot_id);

// Removes what a crash left: in the file store, temporary files and files no deposit names;
// in `televersements` (the transport's upload folder), files of requests that never ended.
// Only files older than `delai`: a younger one may be an upload whose row is about to commit.
// Run at start and by the scheduled purge.
inline constexpr std::chrono::hours kDelaiPurgeFichiers{1};
fichiers::Entrepot::Purge purger_fichiers(store::Database& db, const fichiers::Entrepot& entrepot,
                                          const std::filesystem::path& televersements,
                                          std::chrono::seconds delai = kDelaiPurgeFichiers);

}  // namespace examens::actions
