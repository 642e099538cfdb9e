// The récapitulatif de candidature (seed 004 §4.1): the seed's blocks in its order, from the
// snapshot actions::recapitulatif stored with the version.
#include <boost/json.hpp>

#include "documents/commun.hpp"
#include "texte/texte.hpp"

namespace examens::documents {
namespace json = boost::json;
using namespace detail;

namespace {

// The seed's "OUI" / "NON" of the printed form; "-" when unanswered.
std::string majuscules(const std::string& oui_non) {
  return oui_non == "Oui" ? "OUI" : oui_non == "Non" ? "NON" : oui_non;
}

// "Tél. mobile : … - Tél. fixe : …", each number only when given ("-" in the snapshot).
std::string telephones(const json::object& adresse) {
  std::string out;
  for (const auto& [libelle, cle] :
       {std::pair{"Tél. mobile", "telephone_mobile"}, std::pair{"Tél. fixe", "telephone_fixe"}})
    if (const auto numero = texte(adresse, cle); !numero.empty() && numero != "-")
      out += (out.empty() ? "" : " - ") + std::string(libelle) + "\u202F: " + numero;
  return out;
}

// The seed's lines under the address, "Nom d'usage : …" to "Aménagement d'épreuve demandé
// au titre du handicap : NON", one per line as the seed prints them.
void situation(pdf::Document& doc, const json::object& s) {
  const auto& i = objet(s, "identite");
  const auto& a = objet(s, "adresse");
  const auto& c = objet(s, "candidature");
  std::string naissance = texte(i, "commune_naissance");
  if (const auto dep = texte(i, "departement_naissance"); !dep.empty() && dep != "-")
    naissance += " - " + dep;
  lignes(
      doc,
      {
          {"Nom d'usage", texte(i, "nom_usage")},
          {"Nationalité", texte(i, "nationalite")},
          {"Né(e) le", texte(i, "date_naissance")},
          {"A", naissance},
          {"Pays de naissance", texte(i, "pays_naissance")},
          {"Tél", telephones(a)},
          {"Mèl", texte(a, "email")},
          {"VAE", texte(c, "vae") == "VAE" ? "OUI" : "NON"},
          {"Etablissement", texte(c, "etablissement")},
          {"Catégorie du Candidat", texte(c, "categorie_long")},
          {"Situation à l'inscription", texte(c, "situation")},
          {"Catégorie socio-professionnelle d'un représentant légal", texte(c, "csp")},
          {"Aménagement de la durée de formation", majuscules(texte(c, "amenagement_duree"))},
          {"Aménagement d'épreuve demandé au titre du handicap", majuscules(texte(c, "handicap"))},
      });
}

void avertissements(pdf::Document& doc, const json::object& s) {
  paragraphe(
      doc,
      {pdf::bold("IMPORTANT\u202F:"),
       pdf::plain(" Pour étudier la recevabilité de votre candidature, vous devez fournir des "
                  "pièces justificatives dont la liste, les modalités et les dates limites de "
                  "retour sont indiquées dans votre espace Candidat rubrique « Mes "
                  "justificatifs ». Les dates limites de retour sont à respecter impérativement. "
                  "Ce document « Récapitulatif de votre candidature » signé fait partie des "
                  "pièces justificatives.")});
  if (const auto fermeture = texte(s, "fermeture_service"); !fermeture.empty())
    paragraphe(doc,
               {pdf::plain("Vous pouvez modifier votre candidature avant la fermeture du service "
                           "inscription fixée le " +
                           fermeture + ".")});
}

void qualification(pdf::Document& doc, const json::object& s) {
  const auto& c = objet(s, "candidature");
  doc.blocks.push_back(pdf::Heading{2, "Spécialité\u202F: " + texte(s, "specialite_long")});
  doc.blocks.push_back(pdf::KeyValues{{
      {"Enseignement(s)", texte(s, "enseignements")},
      {"Forme de passage", texte(c, "forme_passage")},
      {"Dérogation forme de passage", texte(c, "derogation")},
      {"Forme de passage finale", texte(c, "forme_finale")},
  }});
  doc.blocks.push_back(pdf::Heading{2, "DECLARATION des ACQUIS"});
  const auto& acquis = liste(s, "acquis");
  if (acquis.empty()) paragraphe(doc, {pdf::plain("Aucun acquis déclaré.")});
  for (const auto& v : acquis) {
    if (!v.is_object()) continue;
    const auto& a = v.get_object();
    pdf::KeyValues rows{
        {{"Titre ou diplôme", texte(a, "titulaire")}, {"Type de droit", texte(a, "type_droit")}}};
    if (const auto annee = texte(a, "annee"); !annee.empty()) {
      rows.rows.emplace_back("Année", annee);
      rows.rows.emplace_back("Académie", texte(a, "academie"));
    }
    doc.blocks.push_back(std::move(rows));
  }
}

// "EPREUVES OBLIGATOIRES" and "EPREUVE(S) FACULTATIVE(S)" of each groupe, a child épreuve
// led by the seed's dots (".... E1-A", "..... EC1BA").
void epreuves(pdf::Document& doc, const json::object& s) {
  for (const auto& v : liste(s, "blocs")) {
    if (!v.is_object()) continue;
    const auto& b = v.get_object();
    doc.blocks.push_back(
        pdf::Heading{2, texte::ascii_upper(texte(b, "titre")) + " - " + texte(b, "groupe")});
    pdf::Table table{{{"Epreuve", 5}, {"Unité", 0.9}, {"Position", 1.2}, {"Mode", 2.6}}, {}};
    for (const auto& l : liste(b, "lignes")) {
      if (!l.is_object()) continue;
      const auto& ligne = l.get_object();
      const auto* niveau = ligne.if_contains("niveau");
      const std::int64_t n = niveau && niveau->is_int64() ? niveau->get_int64() : 0;
      const std::string retrait =
          n <= 0 ? "" : std::string(static_cast<std::size_t>(3 + n), '.') + " ";
      table.rows.push_back({retrait + texte(ligne, "libelle"), texte(ligne, "unite"),
                            texte(ligne, "position"), texte(ligne, "mode")});
    }
    doc.blocks.push_back(std::move(table));
  }
}

void consentements(pdf::Document& doc, const json::object& s) {
  const auto& c = objet(s, "candidature");
  const auto choix = [&](const std::string& phrase, const std::string& reponse) {
    paragraphe(
        doc, {pdf::bold("Attention à bien vérifier votre choix ci-dessous\u202F:"),
              pdf::plain(" " + phrase + " (OUI ou NON)\u202F: "), pdf::bold(majuscules(reponse))});
  };
  choix(
      "J'accepte la communication de mes résultats d'examen, en vue d'une publication par la "
      "presse ou sur les sites internet de sociétés de droit privé\u202F:",
      texte(c, "presse"));
  choix(
      "J'accepte la communication de mes résultats, de mon nom et de mon adresse aux "
      "collectivités territoriales en vue d'éventuelles félicitations\u202F:",
      texte(c, "collectivites"));
  paragraphe(
      doc,
      {pdf::plain("Pour information, si vous êtes admis à l'examen, votre résultat sera transmis "
                  "à la Caisse des Dépôts afin d'alimenter votre compte personnel de "
                  "formation.")});
  paragraphe(
      doc,
      {pdf::plain("Conformément à la « loi informatique et libertés » du 6 janvier 1978 "
                  "modifiée, vous bénéficiez d'un droit d'accès et de rectification aux "
                  "informations qui vous concernent\u202F: vous pouvez exercer ce droit en vous "
                  "adressant au service des examens et concours de votre académie "
                  "d'inscription. Vous pouvez également, pour des motifs légitimes, vous opposer "
                  "au traitement des données vous concernant.")});
}

}  // namespace

pdf::Document recapitulatif(const json::object& snapshot, const Entete& entete) {
  pdf::Document doc = document("Récapitulatif de votre candidature", snapshot, entete);
  situation(doc, snapshot);
  avertissements(doc, snapshot);
  qualification(doc, snapshot);
  epreuves(doc, snapshot);
  consentements(doc, snapshot);
  doc.blocks.push_back(
      pdf::Signature{{"CERTIFIE EXACT,", "Fait à ______________________, le ______________",
                      "Signature du candidat et du représentant légal si le candidat est mineur"}});
  doc.blocks.push_back(
      pdf::Paragraph{{pdf::red("Si les renseignements contenus dans ce document sont incorrects "
                               "ou incomplets, corrigez-les en ROUGE.")}});
  paragraphe(doc,
             {pdf::plain("Le jour de l'examen, une pièce d'identité avec photographie vous sera "
                         "demandée.")});
  return doc;
}

}  // namespace examens::documents
