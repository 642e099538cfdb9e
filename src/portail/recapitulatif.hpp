// The récapitulatif of a candidature (SPEC §4 tab 7, seed 004 §3): everything the candidate
// typed and everything derived from it, in the words the page shows. Built once from the
// draft and stored as the snapshot of each version, so a later catalogue never changes a
// past récapitulatif, and rendered the same way from either.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "domain/saisie.hpp"
#include "portail/portal.hpp"
#include "store/comptes.hpp"

namespace examens::portail {

// A candidature as the wizard holds it: where it is made, and the typed values.
struct DossierSaisi {
  std::string domaine;
  std::string session;
  std::string academie;
  domain::Champs champs;
};

// Display-ready JSON of the récapitulatif, with the typed values under "champs" (a
// modification starts from them).
boost::json::object recapitulatif(const Portal& portal, const store::Compte& compte,
                                  const DossierSaisi& dossier, int annee_courante);

// The template data of a récapitulatif (the partial "recapitulatif").
Data recapitulatif_data(const boost::json::object& recapitulatif);

// Typed values as JSON ({name: [values]}), and back from a récapitulatif or a draft that
// holds them under "champs".
boost::json::object champs_json(const domain::Champs& champs);
domain::Champs champs_of(const boost::json::object& recapitulatif);

// A stored JSON object (a candidature's snapshot, a draft), parsed; empty when the text is
// not a JSON object.
boost::json::object parse_object(const std::string& text);

}  // namespace examens::portail
