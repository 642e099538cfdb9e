// The office cancels, in one action, the candidatures of its académie whose signed récapitulatif
// did not arrive by its deadline (SPEC §6, seed 000 §7; the rule is domain/annulation.hpp,
// docs/decisions/0016-annulation.md). The page lists them first; the action cancels exactly
// the ones confirmed that the rule still cancels, each with its audit entry and its mail.
#pragma once

#include <string>
#include <vector>

#include "actions/services.hpp"
#include "store/agents.hpp"

namespace examens::actions {

struct CandidatureAAnnuler {
  long long id = 0;
  std::string numero_candidat;
  std::string numero_inscription;  // "001"
  std::string nom;                 // "LAMY Paul"
  std::string examen;              // the catalogue's labels
  std::string session;
  domain::Instant date_limite{};  // when the signed récapitulatif was due
};

// The candidatures of `agent`'s académie the rule cancels at `now`, by numéro candidat. Empty
// when the catalogue names no signed récapitulatif.
std::vector<CandidatureAAnnuler> candidatures_a_annuler(const Services& services,
                                                        const store::Agent& agent,
                                                        domain::Instant now);

struct BilanAnnulation {
  std::vector<CandidatureAAnnuler> annulees;
  // Confirmed but left as they are: not of the agent's académie, or no longer cancellable
  // (the piece arrived, the candidate unregistered, another agent cancelled it meanwhile).
  int ignorees = 0;
};

// Cancels those of `ids` the rule still cancels, checked again in the one transaction that
// changes them: Inscrit becomes Annulée, an audit entry by `agent` (from `adresse`) and a mail
// to the candidate each. Any staff member of the académie may do it.
BilanAnnulation annuler_candidatures(const Services& services, const store::Agent& agent,
                                     const std::vector<long long>& ids, const std::string& adresse,
                                     domain::Instant now);

}  // namespace examens::actions
