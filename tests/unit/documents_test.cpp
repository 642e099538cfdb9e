// Unit tests of the candidature's documents, rendered from a snapshot shaped as
// actions::recapitulatif stores it: the corner (numbers, version in Paris time, or
// "document provisoire"), the contact block, the QR code, the red line, the pieces by mode.
// The full seed example, from the real snapshot, is tests/integration/documents_test.cpp.
#include "documents/documents.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/temps.hpp"
#include "unit/pdf_tools.hpp"

namespace examens::documents {
namespace {

using namespace pdf::tools;

// A small snapshot: one obligatory épreuve with a child, an optional one, two piece groups.
boost::json::object snapshot() {
  return boost::json::parse(R"json({
    "examen": "BACCALAURÉAT PROFESSIONNEL", "session": "2027", "academie": "ACADÉMIE DE LA GUYANE",
    "specialite_long": "Aéronautique option Systèmes (25303)", "enseignements": "-",
    "identite": {"civilite": "MADAME", "nom_famille": "NGMB-DUPONT", "prenoms": "Ngmb-Jeanne",
                 "nom_usage": "-", "date_naissance": "06/05/2005", "commune_naissance": "BUGARACH",
                 "departement_naissance": "011", "pays_naissance": "FRANCE",
                 "nationalite": "Français"},
    "adresse": {"lignes": ["reu", "97300 CAYENNE", "FRANCE"], "telephone_mobile": "01 23 45 67 89",
                "telephone_fixe": "-", "email": "1948418953@mail.fr"},
    "candidature": {"categorie_long": "SCOLAIRE BACPRO 1 AN (133)", "vae": "Non VAE",
                    "etablissement": "CFA CEVEDOM CAYENNE - CAYENNE CEDEX 2 (9730538X)",
                    "handicap": "Non", "amenagement_duree": "Non", "forme_passage": "Globale",
                    "derogation": "Non", "forme_finale": "Globale", "presse": "Non",
                    "collectivites": "Oui", "situation": "Scolaire", "csp": "Employés"},
    "aucun_acquis": true, "acquis": [],
    "blocs": [{"groupe": "Session normale 1er groupe", "titre": "Epreuve(s) obligatoire(s)",
               "lignes": [{"code": "E1", "libelle": "E1 - Epreuve scientifique", "unite": "",
                           "niveau": 0, "position": "Inscrit", "mode": ""},
                          {"code": "E1-A", "libelle": "E1-A - Mathématiques", "unite": "U11",
                           "niveau": 1, "position": "Inscrit",
                           "mode": "Contrôle en cours de formation"}]}],
    "contact": {"lignes": ["RECTORAT DE GUYANE", "DIVISIONS EXAMENS ET CONCOURS", "DEC 2",
                           "PLACE LEOPOLD HEDER BP 6011", "97306 CAYENNE CEDEX"],
                "telephone": "05 94 27 22 43", "email": "dec.exapro@ac-guyane.fr"},
    "fermeture_service": "vendredi 29 janvier 2027 à 23:59",
    "pieces": [{"mode": "en_ligne",
                "phrase": "A déposer en ligne entre le lundi 19 octobre 2026 et le vendredi 26 février 2027 23:59 (heure/Paris)",
                "pieces": [{"code": "93475001", "libelle": "Document justifiant l'identité"}]},
               {"mode": "voie_postale",
                "phrase": "A envoyer par voie postale au plus tard le vendredi 5 mars 2027 23:59 (heure/Paris)",
                "pieces": [{"code": "93475003", "libelle": "Récapitulatif de candidature daté et signé"}]}]
  })json")
      .as_object();
}

// Version 2 registered on 23/11/2026 at 09:05 UTC, 10:05 in Paris (winter time).
Entete entete(int version = 2) {
  Entete e;
  e.numero_candidat = "01948418953";
  e.numero_inscription = "005";
  e.version = version;
  e.date = *domain::parse_paris_local("2026-11-23 10:05").instant;
  if (version > 0) {
    e.code_verification = "K7QF-2M9X-PT4W-8HZD";
    e.url_verification = "https://examens.example/verifier?code=K7QF-2M9X-PT4W-8HZD";
  }
  return e;
}

bool has(const std::string& text, const std::string& words) {
  return flattened(text).find(words) != std::string::npos;
}

TEST(DocumentsRecapitulatif, the_corner_shows_the_numbers_and_the_version_in_paris_time) {
  const auto doc = recapitulatif(snapshot(), entete());
  EXPECT_EQ(doc.corner,
            (std::vector<std::string>{"N° candidat\u202F: 01948418953", "N° inscription\u202F: 005",
                                      "Version\u202F: 2 du 23/11/2026 à 10:05"}));
  EXPECT_EQ(doc.created, entete().date);
  const std::string text = text_of(pdf::render(doc), true);
  EXPECT_TRUE(has(text, "N° candidat : 01948418953"));
  EXPECT_TRUE(has(text, "Version : 2 du 23/11/2026 à 10:05"));
  EXPECT_TRUE(has(text, "Session : 2027"));
}

TEST(DocumentsRecapitulatif, the_contact_block_is_the_offices_as_the_seed_prints_it) {
  const auto doc = recapitulatif(snapshot(), entete());
  ASSERT_EQ(doc.contact.size(), 7u);
  EXPECT_EQ(doc.contact[0], "RECTORAT DE GUYANE");
  EXPECT_EQ(doc.contact[5], "Tél\u202F: 05 94 27 22 43");
  EXPECT_EQ(doc.contact[6], "Mèl\u202F: dec.exapro@ac-guyane.fr");
}

TEST(DocumentsRecapitulatif, the_draft_is_a_provisional_document_without_qr) {
  Entete e = entete(0);
  e.numero_inscription.clear();
  const auto doc = recapitulatif(snapshot(), e);
  EXPECT_FALSE(doc.qr.has_value());
  const std::string bytes = pdf::render(doc);
  const std::string text = text_of(bytes, true);
  EXPECT_TRUE(has(text, "Document provisoire, non enregistré"));
  EXPECT_FALSE(has(text, "Version :"));
  EXPECT_FALSE(has(text, "N° inscription"));
  EXPECT_EQ(qr_codes_in(png_of(save(bytes), 1, 100), 4), "");
}

TEST(DocumentsRecapitulatif, the_qr_code_reads_as_the_verification_url_with_the_code_under_it) {
  const std::string bytes = pdf::render(recapitulatif(snapshot(), entete()));
  EXPECT_EQ(qr_codes_in(png_of(save(bytes), 1, 100)),
            "https://examens.example/verifier?code=K7QF-2M9X-PT4W-8HZD\n");
  EXPECT_TRUE(has(text_of(bytes, true), "K7QF-2M9X-PT4W-8HZD"));
}

TEST(DocumentsRecapitulatif, the_line_asking_to_correct_errors_is_red_after_the_signature) {
  const auto doc = recapitulatif(snapshot(), entete());
  std::size_t signature = 0, rouge = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (std::holds_alternative<pdf::Signature>(doc.blocks[i])) signature = i;
    if (const auto* p = std::get_if<pdf::Paragraph>(&doc.blocks[i]))
      for (const auto& span : p->spans)
        if (span.text.find("corrigez-les en ROUGE") != std::string::npos) {
          EXPECT_EQ(span.style, pdf::Span::Style::red);
          rouge = i;
        }
  }
  EXPECT_GT(signature, 0u);
  EXPECT_GT(rouge, signature);
  const std::string text = text_of(pdf::render(doc), true);
  EXPECT_TRUE(has(text, "Fait à"));
  EXPECT_TRUE(has(text, "Signature du candidat et du représentant légal"));
  EXPECT_TRUE(has(text, "corrigez-les en ROUGE."));
}

TEST(DocumentsRecapitulatif, prints_the_snapshot_values_and_the_consents) {
  const std::string text = text_of(pdf::render(recapitulatif(snapshot(), entete())), true);
  for (const char* words :
       {"MADAME NGMB-DUPONT Ngmb-Jeanne", "Né(e) le : 06/05/2005", "A : BUGARACH - 011",
        "Catégorie du Candidat : SCOLAIRE BACPRO 1 AN (133)",
        "Aménagement d'épreuve demandé au titre du handicap : NON",
        "Spécialité : Aéronautique option Systèmes (25303)", "Forme de passage : Globale",
        "Aucun acquis déclaré.", "EPREUVE(S) OBLIGATOIRE(S) - Session normale 1er groupe",
        ".... E1-A - Mathématiques U11 Inscrit Contrôle en cours de formation",
        "fixée le vendredi 29 janvier 2027 à 23:59.",
        "sociétés de droit privé : (OUI ou NON) : NON",
        "éventuelles félicitations : (OUI ou NON) : OUI"})
    EXPECT_TRUE(has(text, words)) << words;
}

TEST(DocumentsRecapitulatif, a_snapshot_missing_fields_still_renders) {
  const auto doc = recapitulatif(boost::json::object{}, entete());
  EXPECT_NO_THROW(pdf::render(doc));
}

TEST(DocumentsDemandePieces,
     lists_the_frozen_pieces_by_mode_with_their_windows_and_the_return_address) {
  const auto doc = demande_pieces(snapshot(), entete());
  EXPECT_EQ(doc.title, "Demande de pièces justificatives");
  EXPECT_EQ(doc.corner, recapitulatif(snapshot(), entete()).corner);
  const std::string text = text_of(pdf::render(doc), true);
  for (const char* words :
       {"A déposer en ligne entre le lundi 19 octobre 2026 et le vendredi 26 février 2027 23:59 "
        "(heure/Paris)",
        "93475001 Document justifiant l'identité",
        "A envoyer par voie postale au plus tard le vendredi 5 mars 2027 23:59 (heure/Paris)",
        "93475003 Récapitulatif de candidature daté et signé", "Adresse de retour des pièces",
        "PLACE LEOPOLD HEDER BP 6011 97306 CAYENNE CEDEX",
        "votre numéro de candidat (01948418953) et votre numéro d'inscription (005)"})
    EXPECT_TRUE(has(text, words)) << words;
}

TEST(DocumentsDemandePieces, without_postal_pieces_there_is_no_return_address) {
  auto s = snapshot();
  s["pieces"].as_array().pop_back();
  const std::string text = text_of(pdf::render(demande_pieces(s, entete())), true);
  EXPECT_TRUE(has(text, "93475001"));
  EXPECT_FALSE(has(text, "Adresse de retour"));
  s["pieces"].as_array().clear();
  EXPECT_TRUE(has(text_of(pdf::render(demande_pieces(s, entete())), true),
                  "Aucune pièce justificative n'est demandée pour cette candidature."));
}

}  // namespace
}  // namespace examens::documents
