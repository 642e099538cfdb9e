// What the candidature's documents share (internal to documents/): reading the snapshot's
// display-ready values, the corner (numbers, version), the office's contact block, the QR code,
// and the candidate's name and address as the seed heads the récapitulatif with them.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/documents.hpp"

namespace examens::documents::detail {

// French typography: the narrow no-break space before a colon, as the renderer's keys have.
inline constexpr std::string_view kDeuxPoints = "\u202F:";

// The string at `key`, or "" when it is missing or not a string: a snapshot from an older
// version may lack a field added since, and the document prints what it has.
std::string texte(const boost::json::object& o, std::string_view key);
const boost::json::object& objet(const boost::json::object& o, std::string_view key);
const boost::json::array& liste(const boost::json::object& o, std::string_view key);
std::vector<std::string> textes(const boost::json::array& values);

// Appends a paragraph of `spans`. (GCC 12 at -O3 warns of an uninitialised vector when a
// temporary Paragraph is converted to a Block inside push_back: built in place, it does not.)
void paragraphe(pdf::Document& doc, std::vector<pdf::Span> spans);

// Appends "Clé : valeur" lines as one paragraph, the seed's way of printing the candidate's
// data (a key/value grid would wrap its long keys, "Aménagement d'épreuve demandé au titre du
// handicap", over several lines).
void lignes(pdf::Document& doc, const std::vector<std::pair<std::string, std::string>>& rows);

// A document titled `titre` with the subtitle (examen, session, académie), the corner, the
// contact block, the QR code and the creation date, opening on the candidate as the seed
// does: "MADAME NGMB-DUPONT Ngmb-Jeanne" in bold, then the postal address. The caller adds
// the rest.
pdf::Document document(std::string titre, const boost::json::object& snapshot,
                       const Entete& entete);

}  // namespace examens::documents::detail
