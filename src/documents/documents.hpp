// The candidature's printable documents (SPEC §5, seed 004 §4.1, §4.3, §4.4): the
// récapitulatif and the demande de pièces justificatives, described for pdf::render from the
// stored snapshot of one version (or of the draft, for the provisional récapitulatif). Pure:
// the same snapshot and header give the same document, so version 1 stays as it was.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "domain/clock.hpp"
#include "pdf/document.hpp"

namespace examens::documents {

// What a document carries besides the snapshot's content.
struct Entete {
  std::string numero_candidat;
  std::string numero_inscription;  // "001"; empty on the provisional récapitulatif
  int version = 0;                 // 0: "document provisoire, non enregistré" (tab 7)
  domain::Instant date{};          // the version's registration (the draft's: the rendering)
  std::string code_verification;   // the short code printed under the QR; empty: no QR
  std::string url_verification;    // the QR's payload (…/verifier?code=…)
};

pdf::Document recapitulatif(const boost::json::object& snapshot, const Entete& entete);
pdf::Document demande_pieces(const boost::json::object& snapshot, const Entete& entete);

}  // namespace examens::documents
