// Placeholder content of the two documents, for the plumbing to build and test against
// until the real content lands (this commit is dropped at the merge).
#include <boost/json.hpp>

#include "documents/documents.hpp"
#include "domain/temps.hpp"

namespace examens::documents {
namespace {

std::string texte(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string("-");
}

pdf::Document base(std::string title, const boost::json::object& snapshot, const Entete& e) {
  pdf::Document d;
  d.title = std::move(title);
  d.corner.push_back("N° candidat\u202f: " + e.numero_candidat);
  if (!e.numero_inscription.empty())
    d.corner.push_back("N° inscription\u202f: " + e.numero_inscription);
  d.corner.push_back(e.version == 0 ? std::string("Document provisoire, non enregistré")
                                    : "Version\u202f: " + std::to_string(e.version) + " du " +
                                          domain::format_paris_datetime(e.date));
  if (!e.code_verification.empty())
    d.qr = pdf::Qr{e.url_verification, e.code_verification, pdf::QrPlacement::corner};
  pdf::KeyValues rows;
  for (const char* key : {"examen", "session", "academie", "specialite"})
    rows.rows.emplace_back(key, texte(snapshot, key));
  d.blocks.emplace_back(std::move(rows));
  d.created = e.date;
  return d;
}

}  // namespace

pdf::Document recapitulatif(const boost::json::object& snapshot, const Entete& entete) {
  return base("Récapitulatif de candidature", snapshot, entete);
}

pdf::Document demande_pieces(const boost::json::object& snapshot, const Entete& entete) {
  return base("Demande de pièces justificatives", snapshot, entete);
}

}  // namespace examens::documents
