// The wizard's draft and typed values as JSON, with nothing else: no database, no services,
// so that the decoding of what the database hands back is tested and fuzzed on its own.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "domain/saisie.hpp"

namespace examens::actions {

struct Brouillon {
  std::string cle;
  domain::DossierSaisi dossier;
  long long candidature = 0;  // the candidature being modified, 0 for a new one
  int atteint = 1;            // the furthest tab reached
};

// The draft as stored, and back. Decoding returns nullopt when the text names no exam; a
// value of the wrong JSON type reads as absent, and the tab reached is clamped to the tabs.
std::string brouillon_json(const Brouillon& b);
std::optional<Brouillon> brouillon_de_json(const std::string& cle, const std::string& text);

// Typed values as JSON ({name: [values]}), and back from a récapitulatif or a draft that
// holds them under "champs".
boost::json::object champs_json(const domain::Champs& champs);
domain::Champs champs_of(const boost::json::object& recapitulatif);

// A stored JSON object (a candidature's snapshot, a draft), parsed; empty when the text is
// not a JSON object.
boost::json::object parse_object(const std::string& text);

}  // namespace examens::actions
