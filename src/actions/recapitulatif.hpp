// The récapitulatif of a candidature (SPEC §4 tab 7, seed 004 §3): everything the candidate
// typed and everything derived from it, in the words the page shows. Built once from the
// draft and stored as the snapshot of each version, so a later catalogue never changes a
// past récapitulatif; the pages and the documents render it from either.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "actions/brouillon_json.hpp"
#include "actions/services.hpp"
#include "domain/saisie.hpp"
#include "store/comptes.hpp"

namespace examens::actions {

// What the checks of the wizard's tabs need besides the typed values: the catalogues, and
// the year of `now` in Paris (the latest year an acquis can date from).
domain::ContexteSaisie contexte_saisie(const Services& services,
                                       const domain::DossierSaisi& dossier, domain::Instant now);

// Display-ready JSON of the récapitulatif, with the typed values under "champs" (a
// modification starts from them).
boost::json::object recapitulatif(const Services& services, const store::Compte& compte,
                                  const domain::DossierSaisi& dossier, domain::Instant now);

}  // namespace examens::actions
