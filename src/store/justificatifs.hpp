// Storage of the pièces justificatives of candidatures: the state of each piece (status set by
// the office, its comment, the candidate's validation) and the files deposited for it, named
// by their content's digest in the file store (fichiers/entrepot.hpp). Every change by the
// candidate first takes its piece with a guarded update, which locks the row on PostgreSQL
// and the database on SQLite: a validation and a deposit of one piece never interleave.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/controle_pieces.hpp"
#include "store/database.hpp"

namespace examens::store {

struct Depot {
  long long id = 0;
  long long justificatif_id = 0;
  std::string empreinte;
  std::string type_mime;
  long long taille = 0;
  std::string nom;  // for display only
  domain::Instant depose_le{};
};

struct Justificatif {
  long long id = 0;
  long long candidature_id = 0;
  std::string code;
  domain::StatutPiece statut = domain::StatutPiece::aucun;
  std::optional<domain::Instant> date_reception;
  std::string commentaire;
  std::optional<domain::Instant> valide_le;
  std::vector<Depot> depots;  // oldest first
};

// The candidature's pieces something happened to, with their deposits.
std::vector<Justificatif> justificatifs_of(Unit& unit, long long candidature_id);

// The row of (candidature, code), created when missing; returns its id.
long long ensure_justificatif(Tx& tx, long long candidature_id, const std::string& code,
                              domain::Instant now);
// Takes the piece for a change by the candidate (a deposit, a deletion): true when it is not
// validated; the row stays locked until the transaction ends.
bool prendre_modifiable(Tx& tx, long long justificatif_id, domain::Instant now);

struct NouveauDepot {
  std::string empreinte;
  std::string type_mime;
  long long taille = 0;
  std::string nom;
};
// Records a deposit, and clears a status that reopened the piece (domain::statut_apres_depot).
long long insert_depot(Tx& tx, long long justificatif_id, const NouveauDepot& depot,
                       domain::Instant now);
bool delete_depot(Tx& tx, long long depot_id);
int nombre_depots(Unit& unit, long long justificatif_id);

// A deposit with what decides who may see it.
struct DepotTrouve {
  Depot depot;
  long long candidature_id = 0;
  long long compte_id = 0;
  std::string academie;
  std::string code;  // the piece's
};
std::optional<DepotTrouve> find_depot(Unit& unit, long long depot_id);

// "J'ai fourni toutes mes pièces" on one piece: stamps it when it is not yet. True when stamped.
bool valider_piece(Tx& tx, long long justificatif_id, domain::Instant now);
// The office reopens a validated piece: the candidate may change it and validate it again.
bool rouvrir_piece(Tx& tx, long long justificatif_id, domain::Instant now);

// The office's control of one piece (the pages come with the office's slice).
struct Controle {
  domain::StatutPiece statut = domain::StatutPiece::aucun;
  std::optional<domain::Instant> date_reception;
  std::string commentaire;
  long long agent_id = 0;
};
void set_statut(Tx& tx, long long justificatif_id, const Controle& controle, domain::Instant now);

// Whether a deposit names this file (the purge of the file store asks it).
bool empreinte_referencee(Unit& unit, const std::string& empreinte);

}  // namespace examens::store
