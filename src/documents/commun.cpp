// The parts both candidature documents print the same way.
#include "documents/commun.hpp"

#include <boost/json.hpp>

#include "domain/temps.hpp"

namespace examens::documents::detail {
namespace json = boost::json;

std::string texte(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

const json::object& objet(const json::object& o, std::string_view key) {
  static const json::object kVide;
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? v->get_object() : kVide;
}

const json::array& liste(const json::object& o, std::string_view key) {
  static const json::array kVide;
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->get_array() : kVide;
}

std::vector<std::string> textes(const json::array& values) {
  std::vector<std::string> out;
  for (const auto& v : values)
    if (v.is_string()) out.emplace_back(v.get_string());
  return out;
}

void paragraphe(pdf::Document& doc, std::vector<pdf::Span> spans) {
  doc.blocks.emplace_back(std::in_place_type<pdf::Paragraph>, std::move(spans));
}

void lignes(pdf::Document& doc, const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string text;
  for (const auto& [cle, valeur] : rows)
    text += (text.empty() ? "" : "\n") + cle + std::string(kDeuxPoints) + " " + valeur;
  paragraphe(doc, {pdf::plain(text)});
}

namespace {

std::vector<std::string> coin(const Entete& e) {
  const std::string dp(kDeuxPoints);
  std::vector<std::string> out{"N° candidat" + dp + " " + e.numero_candidat};
  if (!e.numero_inscription.empty())
    out.push_back("N° inscription" + dp + " " + e.numero_inscription);
  if (e.version == 0)
    out.push_back("Document provisoire, non enregistré");
  else
    out.push_back("Version" + dp + " " + std::to_string(e.version) + " du " +
                  domain::format_paris_date(e.date) + " à " + domain::format_paris_time(e.date));
  return out;
}

// The seed's block: the service's lines, then "Tél : …" and "Mèl : …" when the académie
// has them.
std::vector<std::string> contact(const json::object& snapshot) {
  const auto& c = objet(snapshot, "contact");
  std::vector<std::string> out = textes(liste(c, "lignes"));
  const std::string dp(kDeuxPoints);
  if (const auto tel = texte(c, "telephone"); !tel.empty()) out.push_back("Tél" + dp + " " + tel);
  if (const auto mel = texte(c, "email"); !mel.empty()) out.push_back("Mèl" + dp + " " + mel);
  return out;
}

void candidat(pdf::Document& doc, const json::object& snapshot) {
  const auto& i = objet(snapshot, "identite");
  paragraphe(doc, {pdf::bold(texte(i, "civilite") + " " + texte(i, "nom_famille") + " " +
                             texte(i, "prenoms"))});
  std::string adresse;
  for (const auto& ligne : textes(liste(objet(snapshot, "adresse"), "lignes")))
    adresse += (adresse.empty() ? "" : "\n") + ligne;
  if (!adresse.empty()) paragraphe(doc, {pdf::plain(adresse)});
}

}  // namespace

pdf::Document document(std::string titre, const json::object& snapshot, const Entete& entete) {
  pdf::Document doc;
  doc.title = std::move(titre);
  const std::string dp(kDeuxPoints);
  doc.subtitle = {texte(snapshot, "examen"), "Session" + dp + " " + texte(snapshot, "session"),
                  texte(snapshot, "academie")};
  doc.corner = coin(entete);
  doc.contact = contact(snapshot);
  if (!entete.code_verification.empty())
    doc.qr = pdf::Qr{entete.url_verification, entete.code_verification, pdf::QrPlacement::corner};
  doc.created = entete.date;
  candidat(doc, snapshot);
  return doc;
}

}  // namespace examens::documents::detail
