// Storage of the audit trail (docs/decisions/0014-audit.md): entries are appended inside the
// caller's transaction, so an entry exists exactly when the change it records is committed,
// and read newest first within one académie. There is no function to change or remove an
// entry, and the table refuses it (migration 0012).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "store/database.hpp"

namespace examens::store {

struct EntreeAudit {
  long long id = 0;  // set when read
  domain::Instant quand{};
  std::string acteur;  // domain::kActeurCandidat…
  std::optional<long long> acteur_id;
  std::string academie;  // the subject's
  std::string action;    // domain::kActionCandidatureInscrite…
  std::optional<long long> candidature_id;
  std::optional<long long> agent_id;
  std::string avant;  // compact JSON; empty: nothing before
  std::string apres;
  std::string adresse;  // the client's; empty when none
};

void append_audit(Tx& tx, const EntreeAudit& entree);

// An entry as the office's view reads it, with what names its subject and author.
struct LigneAudit {
  EntreeAudit entree;
  std::string numero_candidat;     // of the candidature's account, when there is one still
  std::string numero_inscription;  // "001"
  std::string agent_email;         // of the subject staff member
  std::string acteur_email;        // of the author, when a staff member
};

struct RechercheAudit {
  std::string academie;
  std::optional<long long> candidature_id;
  std::optional<long long> agent_id;  // the entries about him, or by him
  std::optional<long long> avant;     // only entries whose id is below (older pages)
  int limite = 50;
};
// Newest first.
std::vector<LigneAudit> lire_audit(Unit& unit, const RechercheAudit& recherche);

}  // namespace examens::store
