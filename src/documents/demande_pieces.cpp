// The demande de pièces justificatives (seed 004 §4.4, §4.5): the pieces the candidature
// needs by deposit mode and window, and the return address, from the pieces frozen in the
// version's snapshot.
#include <boost/json.hpp>

#include "documents/commun.hpp"

namespace examens::documents {
namespace json = boost::json;
using namespace detail;

namespace {

// What the candidate does with each mode's pieces, as "Mes justificatifs" explains it.
std::string consigne(const std::string& mode) {
  if (mode == "en_ligne")
    return "Ces pièces sont à déposer dans votre espace candidat, rubrique « Mes "
           "justificatifs » (bouton « Ajouter »), puis à valider par « J'ai fourni toutes mes "
           "pièces ».";
  if (mode == "voie_postale")
    return "Ces pièces sont à envoyer par courrier à l'adresse de retour indiquée ci-dessous.";
  return "Ces pièces sont à remettre à votre établissement de formation, qui les transmet au "
         "service des examens.";
}

void groupes(pdf::Document& doc, const json::array& groupes) {
  for (const auto& v : groupes) {
    if (!v.is_object()) continue;
    const auto& g = v.get_object();
    doc.blocks.push_back(pdf::Heading{3, texte(g, "phrase")});
    pdf::Table table{{{"Code", 1}, {"Pièce justificative", 4}}, {}};
    for (const auto& p : liste(g, "pieces"))
      if (p.is_object())
        table.rows.push_back({texte(p.get_object(), "code"), texte(p.get_object(), "libelle")});
    doc.blocks.push_back(std::move(table));
    paragraphe(doc, {pdf::plain(consigne(texte(g, "mode")))});
  }
}

bool par_courrier(const json::array& groupes) {
  for (const auto& v : groupes)
    if (v.is_object() && texte(v.get_object(), "mode") == "voie_postale") return true;
  return false;
}

// The office's postal lines: the service and its address, without phone and mail.
void adresse_retour(pdf::Document& doc, const json::object& snapshot, const Entete& entete) {
  doc.blocks.push_back(pdf::Heading{2, "Adresse de retour des pièces"});
  std::string adresse;
  for (const auto& ligne : textes(liste(objet(snapshot, "contact"), "lignes")))
    adresse += (adresse.empty() ? "" : "\n") + ligne;
  paragraphe(doc, {pdf::bold(adresse)});
  std::string numeros = "votre numéro de candidat (" + entete.numero_candidat + ")";
  if (!entete.numero_inscription.empty())
    numeros += " et votre numéro d'inscription (" + entete.numero_inscription + ")";
  paragraphe(doc, {pdf::plain("Indiquez " + numeros +
                              " sur chaque envoi. Le cachet de la poste fait foi de la date "
                              "d'envoi.")});
}

}  // namespace

pdf::Document demande_pieces(const json::object& snapshot, const Entete& entete) {
  pdf::Document doc = document("Demande de pièces justificatives", snapshot, entete);
  const auto& c = objet(snapshot, "candidature");
  doc.blocks.push_back(pdf::KeyValues{{
      {"Spécialité", texte(snapshot, "specialite_long")},
      {"Catégorie du candidat", texte(c, "categorie_long")},
      {"Etablissement", texte(c, "etablissement")},
  }});
  const auto& pieces = liste(snapshot, "pieces");
  if (pieces.empty()) {
    paragraphe(doc,
               {pdf::plain("Aucune pièce justificative n'est demandée pour cette candidature.")});
    return doc;
  }
  paragraphe(
      doc,
      {pdf::bold("IMPORTANT\u202F:"),
       pdf::plain(" Pour étudier la recevabilité de votre candidature, vous devez fournir les "
                  "pièces justificatives ci-dessous, selon leur mode de dépôt et avant leur date "
                  "limite (heure de Paris). Les dates limites de retour sont à respecter "
                  "impérativement\u202F: une candidature incomplète à la date limite peut être "
                  "annulée.")});
  groupes(doc, pieces);
  if (par_courrier(pieces)) adresse_retour(doc, snapshot, entete);
  return doc;
}

}  // namespace examens::documents
