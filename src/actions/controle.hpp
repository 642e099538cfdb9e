// The office's control of the pièces justificatives (SPEC §6, §8): the list of its académie's
// candidatures by the state of their pieces, one candidature's pieces, a piece's status set
// with its comment, a validated group reopened. Staff of another académie find nothing
// (Introuvable); every change is audited in its transaction.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "actions/justificatifs.hpp"
#include "actions/listes.hpp"
#include "store/agents.hpp"
#include "store/dossiers.hpp"

namespace examens::actions {

// The list's filter and cursor as the address gives them.
struct FiltreDossiers {
  std::string pieces;  // a domain::EtatDossierPieces code, or "toutes"; "a_controler" if empty
  std::string apres;   // the cursor of the next page
};
struct ListeDossiers {
  std::optional<domain::EtatDossierPieces> filtre;  // none: every candidature
  std::vector<store::LigneDossier> lignes;          // oldest first, at most kDossiersParPage
  std::optional<long long> suivante;                // the cursor of the next page
  // Inscrit candidatures per state, up to kDecomptePlafond + 1 ("more than …").
  std::vector<std::pair<domain::EtatDossierPieces, long long>> decomptes;
};
inline constexpr std::string_view kToutesCandidatures = "toutes";
ListeDossiers lister_dossiers(const Services& services, const store::Agent& agent,
                              const FiltreDossiers& filtre);

// "Rechercher une candidature" (its id, or numéro candidat and N° inscription): its id when it
// is one of the agent's académie, else the French message for the field; std::monostate
// when nothing was typed.
std::variant<std::monostate, long long, std::string> chercher_dossier(const Services& services,
                                                                      const store::Agent& agent,
                                                                      std::string_view saisie);

struct DossierPieces {
  store::LigneDossier candidat;
  store::Candidature candidature;
  std::vector<GroupeVue> groupes;
};
std::optional<DossierPieces> dossier_pieces(const Services& services, const DemandeAgent& agent,
                                            long long candidature_id, domain::Instant now);

// Sets a piece's status (with an optional comment and a date de réception); Non conforme and
// En attente d'une nouvelle PJ reopen it for the candidate. Returns the piece as it now is.
std::variant<Introuvable, Refus, store::Justificatif> controler_piece(
    const Services& services, const DemandeAgent& agent, long long candidature_id,
    const std::string& code, const store::Controle& controle, domain::Instant now);
// Reopens the validated group of a mode: each of its pieces may be changed and validated
// again. Returns how many were reopened.
std::variant<Introuvable, int> rouvrir_groupe(const Services& services, const DemandeAgent& agent,
                                              long long candidature_id, domain::ModeDepot mode,
                                              domain::Instant now);

}  // namespace examens::actions
