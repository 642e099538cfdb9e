// The office cancels, in one action per page, the candidatures of its académie whose signed
// récapitulatif did not arrive by its deadline (SPEC §6, seed 000 §7; the rule is
// domain/annulation.hpp, docs/decisions/0016-annulation.md). The page lists them first; the
// action cancels exactly the ones confirmed that the rule still cancels, each with its audit
// entry and its mail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/listes.hpp"
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

// One page of the candidatures of an académie the rule cancels, as /gestion/candidatures
// pages its list: kDossiersParPage at most, oldest first, after a cursor.
struct PageAnnulations {
  std::vector<CandidatureAAnnuler> lignes;
  std::optional<long long> suivante;  // the cursor of the next page
  // How many the académie's sessions past their deadline hold without the piece, up to
  // kDecomptePlafond + 1 ("more than …"): SQL's reading of the rule
  // (store::SessionSansRecapitulatif), which the rows listed are checked against in full.
  long long nombre = 0;
};

// The page of `agent`'s académie after the cursor `apres` (the first page when it is empty or
// malformed) at `now`. Empty when the catalogue names no signed récapitulatif.
PageAnnulations candidatures_a_annuler(const Services& services, const store::Agent& agent,
                                       std::string_view apres, domain::Instant now);

struct BilanAnnulation {
  std::vector<CandidatureAAnnuler> annulees;
  // Confirmed but left as they are: not of the agent's académie, or no longer cancellable
  // (the piece arrived, the candidate unregistered, another agent cancelled it meanwhile), or
  // beyond a page.
  int ignorees = 0;
};

// Cancels those of `ids` the rule still cancels, checked again in the one transaction that
// changes them: Inscrit becomes Annulée, an audit entry by `agent` (from `adresse`) and a mail
// to the candidate each. Any staff member of the académie may do it. A page's worth at most
// (kDossiersParPage distinct ids, the lowest): the ids beyond are counted out, untouched, so
// that the transaction stays short whatever the form carries.
BilanAnnulation annuler_candidatures(const Services& services, const store::Agent& agent,
                                     const std::vector<long long>& ids, const std::string& adresse,
                                     domain::Instant now);

}  // namespace examens::actions
