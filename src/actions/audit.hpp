// The audit trail (SPEC §8, docs/decisions/0014-audit.md): the one helper every action calls
// inside the transaction of its change, so that an entry exists exactly when the change
// does; what it records before and after (compact JSON: never a password nor a token); and
// the administrateur's view of his académie's entries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/services.hpp"
#include "domain/candidature.hpp"
#include "domain/field_errors.hpp"
#include "store/agents.hpp"
#include "store/audit.hpp"
#include "store/justificatifs.hpp"

namespace examens::actions {

// Who acts, as the trail names him.
struct Auteur {
  std::string_view acteur;  // domain::kActeur…
  std::optional<long long> id;
  std::string adresse;  // the client's, when there is one
};
Auteur auteur_candidat(long long compte_id, std::string adresse);
Auteur auteur_agent(long long agent_id, std::string adresse);
// A login refused: someone at `adresse`, not known to be the staff member he named.
Auteur auteur_inconnu(std::string adresse);
Auteur auteur_commande();

// Records `action` on the candidature (its id and académie) inside `tx`.
void journaliser_candidature(store::Tx& tx, const Auteur& auteur, std::string_view action,
                             long long candidature_id, std::string_view academie, std::string avant,
                             std::string apres, domain::Instant now);
// Records `action` on the staff member `sujet` (his académie scopes it) inside `tx`.
void journaliser_agent(store::Tx& tx, const Auteur& auteur, std::string_view action,
                       const store::Agent& sujet, std::string avant, std::string apres,
                       domain::Instant now);

// What the trail keeps of a candidature: {"etat":"inscrit","version":2}.
std::string etat_candidature(domain::EtatCandidature etat, int version);
// Of a staff member: {"etat":"actif","role":"gestionnaire","academie":"GUY"}.
std::string etat_agent(const store::Agent& agent);
// Of a piece: {"piece":"93475001","statut":"non_conforme","commentaire":"…",
// "reception":"12/01/2027","validee":true}; the piece alone when nothing happened to it.
std::string etat_piece(const std::string& code, const store::Justificatif* j);
// A file deposited or deleted: {"piece":"93475001","fichier":"scan.pdf"}.
std::string fichier_piece(const std::string& code, const std::string& nom);
// Pieces validated or reopened together: {"pieces":2}.
std::string nombre_pieces(int pieces);
// Why a login was refused: {"motif":"mot_de_passe_incorrect","suspendue":true}.
std::string motif_refus(std::string_view motif, bool suspendue = false);

// The before or after of an entry in French: "Inscrit, version 2", "Actif, Gestionnaire,
// GUY", "Mot de passe incorrect, connexion suspendue"; empty for none.
std::string decrire_etat(std::string_view json);

// ---- the administrateur's view ----

// The filters as typed.
struct FiltresAudit {
  std::string candidature;  // its id, or the numéro candidat and N° inscription
  std::string agent;        // a staff member's email
  std::string avant;        // the cursor of older pages
};
struct PageAudit {
  std::vector<store::LigneAudit> lignes;    // newest first, at most kAuditParPage
  domain::FieldErrors errors;               // on "candidature", "agent": nothing is listed then
  std::optional<long long> plus_anciennes;  // the cursor of the next page, when there is one
};
inline constexpr int kAuditParPage = 50;

// The entries of `lecteur`'s académie, filtered; nullopt unless he is an administrateur.
std::optional<PageAudit> consulter_audit(const Services& services, const store::Agent& lecteur,
                                         const FiltresAudit& filtres);

}  // namespace examens::actions
