// The candidature's documents on both backends (issue 14): queued a_preparer by Enregistrer
// and rendered by the preparer, version 1 kept as it was after version 2, "Mes documents",
// downloads served to their owner only, the provisional récapitulatif of tab 7, /verifier,
// and documents a crash left behind.
#include <gtest/gtest.h>

#include "actions/documents.hpp"
#include "actions/preparateur.hpp"
#include "integration/parcours.hpp"
#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"
#include "store/documents.hpp"
#include "unit/pdf_tools.hpp"

namespace examens::testing {
namespace {

namespace tools = pdf::tools;

struct Ligne {
  long long id = 0;
  std::string nature;
  int version = 0;
  std::string code;
  std::string etat;
  std::optional<std::string> pdf;
};

class MesDocuments : public ::testing::Test {
 protected:
  void SetUp() override {
    create_account(portal, client, spec, true);
    login(client, spec.email, spec.password);
  }

  std::vector<Ligne> lignes() {
    std::vector<Ligne> out;
    store::Read read(portal.db());
    soci::rowset<soci::row> rows =
        (store::sql_of(read).prepare << "SELECT id, nature, version, code, etat, pdf_base64 FROM "
                                        "documents ORDER BY version, nature DESC");
    for (const auto& r : rows) {
      Ligne l;
      l.id = r.get_properties(0).get_data_type() == soci::dt_integer ? r.get<int>(0)
                                                                     : r.get<long long>(0);
      l.nature = r.get<std::string>(1);
      l.version = r.get<int>(2);
      l.code = r.get<std::string>(3);
      l.etat = r.get<std::string>(4);
      if (r.get_indicator(5) == soci::i_ok) l.pdf = r.get<std::string>(5);
      out.push_back(std::move(l));
    }
    return out;
  }

  int preparer() { return actions::preparer_documents(portal.services(), portal.clock().now()); }

  // The text of a downloaded PDF, kept under build/pdf-samples/ with the backend in its name
  // (both backends run the same test at once).
  std::string texte_pdf(const std::string& bytes, const std::string& nom) {
    const std::string suffix = (portal.postgresql() ? ".postgresql." : ".sqlite.") + nom;
    return tools::run("pdftotext -enc UTF-8 '" + tools::save(bytes, suffix) + "' -");
  }

  // Registers the example over HTTP and renders its documents; returns the candidature's id.
  long long inscrit_et_prepare() {
    const long long id = parcours.inscrire();
    EXPECT_EQ(preparer(), 2);
    return id;
  }

  // Each of `urls` is a 404 for a visitor and for another account, as for no document at all.
  void interdits(const std::vector<std::string>& urls) {
    Client anonyme(portal.base_url());
    Client autre(portal.base_url());
    AccountSpec other{"marie.curie@example.fr", "Secret-2026", "CURIE", "Marie"};
    create_account(portal, autre, other, true);
    login(autre, other.email, other.password);
    for (const auto& url : urls) {
      EXPECT_EQ(anonyme.get(url).status, 404) << url;
      const auto r = autre.get(url);
      EXPECT_EQ(r.status, 404) << url;
      EXPECT_FALSE(contains(r.body, "%PDF"));
    }
  }

  // Modifies the registered candidature (the press consent) into its next version.
  void modifier(long long id) {
    const std::string base = "/inscription/" + std::to_string(id);
    ASSERT_EQ(client.submit(base + "/recapitulatif", base + "/modifier", {}).status, 303);
    const std::string cle = "C-" + std::to_string(id);
    Fields tab3 = exemple().at(3);
    for (auto& f : tab3)
      if (f.first == "diffusion_presse") f.second = "oui";
    ASSERT_EQ(parcours.envoyer(cle, 3, tab3).status, 303);
    ASSERT_EQ(parcours.envoyer(cle, 8, exemple().at(8), "enregistrer").status, 303);
  }

  TestPortal portal;
  Client client{portal.base_url()};
  Parcours parcours{client};
  AccountSpec spec;
};

TEST_F(MesDocuments, enregistrer_queues_both_documents_and_the_preparer_renders_them) {
  const long long id = parcours.inscrire();
  auto rows = lignes();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].nature, "recapitulatif");
  EXPECT_EQ(rows[1].nature, "demande_pieces");
  for (const auto& r : rows) {
    EXPECT_EQ(r.version, 1);
    EXPECT_EQ(r.etat, "a_preparer");
    EXPECT_FALSE(r.pdf);
    EXPECT_EQ(domain::normaliser_code(r.code), r.code) << "16 characters of the alphabet";
  }
  EXPECT_NE(rows[0].code, rows[1].code);

  // Before the preparer runs, the pages say so and link to no PDF.
  auto page = client.get("/documents");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(count(page.body, "en cours de préparation</span>"), 2);
  EXPECT_FALSE(contains(page.body, "href=\"/documents/"));
  EXPECT_TRUE(contains(client.get("/inscription/" + std::to_string(id) + "/numero").body,
                       "id=\"visualiser-en-preparation\""));

  EXPECT_EQ(preparer(), 2);
  EXPECT_EQ(preparer(), 0) << "nothing is rendered twice";
  rows = lignes();
  for (const auto& r : rows) {
    EXPECT_EQ(r.etat, "pret");
    EXPECT_TRUE(r.pdf && !r.pdf->empty());
  }

  page = client.get("/documents");
  EXPECT_FALSE(contains(page.body, "en cours de préparation</span>"));
  // Paris time: the test clock's 2026-11-18 11:06:40 UTC.
  EXPECT_TRUE(contains(page.body, "Version n°1 mis à jour le 18/11/2026 12:06")) << page.body;
  const std::string recap = "/documents/" + std::to_string(rows[0].id);
  EXPECT_TRUE(contains(page.body, "href=\"" + recap + "\""));

  const auto pdf = client.get(recap);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.header("content-disposition"),
            "inline; filename=\"recapitulatif-candidature-001-version-1.pdf\"");
  EXPECT_TRUE(contains(pdf.header("cache-control"), "no-store"));
  EXPECT_TRUE(contains(pdf.header("cache-control"), "private"));
  ASSERT_TRUE(pdf.body.starts_with("%PDF-"));
  const std::string texte = texte_pdf(pdf.body, "recapitulatif");
  EXPECT_TRUE(contains(texte, "Récapitulatif de")) << texte;
  EXPECT_TRUE(contains(texte, "1 du 18/11/2026 à 12:06")) << texte;
  EXPECT_TRUE(contains(texte, domain::code_affiche(rows[0].code))) << texte;

  // The QR code holds the address of /verifier with the document's code.
  const std::string png = tools::png_of(
      tools::save(pdf.body, portal.postgresql() ? ".postgresql.qr" : ".sqlite.qr"), 1, 150);
  EXPECT_EQ(tools::qr_codes_in(png), portal.base_url() + "/verifier?code=" + rows[0].code + "\n");

  const auto pieces = client.get("/documents/" + std::to_string(rows[1].id));
  ASSERT_EQ(pieces.status, 200);
  EXPECT_TRUE(contains(texte_pdf(pieces.body, "pieces"), "Demande de pièces justificatives"));

  // Tab 9 (N° Inscription) prints the registered version's récapitulatif.
  page = client.get("/inscription/" + std::to_string(id) + "/numero");
  EXPECT_TRUE(contains(page.body, "id=\"visualiser\""));
  EXPECT_TRUE(contains(page.body, "href=\"" + recap + "\" id=\"visualiser\""));
  EXPECT_TRUE(contains(page.body, "href=\"/documents#candidature-" + std::to_string(id) + "\""));
}

TEST_F(MesDocuments, a_modification_makes_version_2_and_version_1_stays_as_it_was) {
  const long long id = inscrit_et_prepare();
  const auto v1 = lignes();
  modifier(id);
  auto rows = lignes();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].version, 2);
  EXPECT_EQ(rows[2].etat, "a_preparer");
  EXPECT_EQ(rows[3].etat, "a_preparer");

  // Only the latest version is listed, in preparation.
  auto page = client.get("/documents");
  EXPECT_EQ(count(page.body, "Version n°2 <span class=\"examens-en-preparation\">"), 2);
  EXPECT_FALSE(contains(page.body, "Version n°1"));

  EXPECT_EQ(preparer(), 2);
  rows = lignes();
  EXPECT_EQ(rows[0].pdf, v1[0].pdf) << "version 1's bytes are unchanged";
  EXPECT_EQ(rows[1].pdf, v1[1].pdf);
  page = client.get("/documents");
  EXPECT_EQ(count(page.body, "Version n°2 mis à jour le"), 2);
  EXPECT_FALSE(contains(page.body, "Version n°1"));
  EXPECT_FALSE(contains(page.body, "href=\"/documents/" + std::to_string(rows[0].id) + "\""));

  const auto v2 = client.get("/documents/" + std::to_string(rows[2].id));
  ASSERT_EQ(v2.status, 200);
  EXPECT_EQ(v2.header("content-disposition"),
            "inline; filename=\"recapitulatif-candidature-001-version-2.pdf\"");
  EXPECT_TRUE(contains(texte_pdf(v2.body, "v2"), "2 du 18/11/2026"));
  // The owner still reaches version 1 by its address: it stays what it was.
  const auto old = client.get("/documents/" + std::to_string(rows[0].id));
  ASSERT_EQ(old.status, 200);
  EXPECT_TRUE(contains(texte_pdf(old.body, "v1"), "1 du 18/11/2026"));
}

TEST_F(MesDocuments, every_document_url_is_a_404_for_anyone_but_its_owner) {
  const long long id = inscrit_et_prepare();
  modifier(id);
  std::vector<std::string> urls;
  for (const auto& r : lignes()) urls.push_back("/documents/" + std::to_string(r.id));
  ASSERT_EQ(urls.size(), 4u);
  EXPECT_EQ(client.get(urls[0]).status, 200);
  EXPECT_EQ(client.get(urls[2]).status, 503) << "in preparation, said to its owner only";
  EXPECT_EQ(preparer(), 2);
  for (const auto& url : urls) ASSERT_EQ(client.get(url).status, 200) << url;
  interdits(urls);
  EXPECT_EQ(client.get("/documents/99999").status, 404);
  EXPECT_EQ(client.get("/documents/abc").status, 404);
}

TEST_F(MesDocuments, tab_7_prints_the_draft_as_a_provisional_document) {
  parcours.jusqu_aux_conditions("GUY", "9730538X");
  const auto tab7 = client.get(onglet("N-BCP-2027-GUY", 7));
  EXPECT_TRUE(
      contains(tab7.body, "href=\"/inscription/saisie/N-BCP-2027-GUY/7/recapitulatif.pdf\""));
  const auto pdf = client.get("/inscription/saisie/N-BCP-2027-GUY/7/recapitulatif.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.header("content-disposition"),
            "inline; filename=\"recapitulatif-candidature-provisoire.pdf\"");
  const std::string texte = texte_pdf(pdf.body, "provisoire");
  EXPECT_TRUE(contains(texte, "Récapitulatif de"));
  EXPECT_TRUE(contains(texte, "provisoire")) << texte;
  EXPECT_TRUE(lignes().empty()) << "a preview stores nothing";
  interdits({"/inscription/saisie/N-BCP-2027-GUY/7/recapitulatif.pdf"});
}

TEST_F(MesDocuments, mes_activites_shows_the_four_entries_and_no_dead_link) {
  const long long id = inscrit_et_prepare();
  const auto page = client.get("/inscription/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  for (const char* entry : {"Mon inscription", "Mes documents", "Mes justificatifs", "Mes notes"})
    EXPECT_TRUE(contains(page.body, entry)) << entry;
  EXPECT_EQ(count(page.body, "Pas encore disponible"), 1);
  EXPECT_TRUE(contains(page.body, "href=\"/documents#candidature-" + std::to_string(id) + "\""));
  EXPECT_TRUE(
      contains(page.body, "href=\"/inscription/" + std::to_string(id) + "/justificatifs\""));
  // Every link of the page and of the home page leads somewhere.
  for (const auto& path : {"/inscription/" + std::to_string(id), std::string("/")}) {
    const auto body = client.get(path).body;
    for (auto at = body.find("href=\"/"); at != std::string::npos;
         at = body.find("href=\"/", at + 1)) {
      std::string href = body.substr(at + 6, body.find('"', at + 6) - at - 6);
      href = href.substr(0, href.find('#'));
      if (href.starts_with("/static/") || href.starts_with("/dsfr/")) continue;
      const auto r = client.get(href);
      EXPECT_TRUE(r.status == 200 || r.status == 303) << href << " " << r.status;
    }
  }
  EXPECT_TRUE(contains(client.get("/").body, "href=\"/documents#candidature-"));
  EXPECT_TRUE(contains(client.get("/").body, "/justificatifs\">Mes justificatifs"));
}

// Documents stored straight, without the wizard: the checks of /verifier.
class Verifier : public ::testing::Test {
 protected:
  // A candidature of Paul LAMY with `versions` versions, their documents rendered.
  long long candidature(int versions) {
    store::Tx tx(portal.db());
    store::Compte c;
    c.email = "paul.lamy@example.fr";
    c.identite.nom_naissance = "LAMY";
    c.identite.prenoms = "Paul";
    c.identite.date_naissance = std::chrono::year(2002) / std::chrono::January / 1;
    c.numero_candidat = "02427247586";
    c.etat = store::kEtatActif;
    EXPECT_TRUE(store::reserve_numero_candidat(tx, c.numero_candidat, portal.clock().now()));
    c.id = store::insert_compte(tx, c, portal.clock().now());
    const std::string snapshot =
        R"({"numero_candidat":"02427247586","identite":{"prenoms":"Paul","nom_famille":"LAMY"}})";
    const auto cand =
        store::insert_candidature(tx, c.id, "BCP", "2027", "GUY", snapshot, portal.clock().now());
    actions::demander_documents(tx, cand.id, 1, portal.clock().now());
    for (int v = 2; v <= versions; ++v) {
      portal.clock().advance(std::chrono::hours(24));
      store::save_modification(tx, cand.id, snapshot, portal.clock().now());
      actions::demander_documents(tx, cand.id, v, portal.clock().now());
    }
    tx.commit();
    return cand.id;
  }
  std::string code(int version) {
    store::Read read(portal.db());
    std::string out;
    store::sql_of(read) << "SELECT code FROM documents WHERE version = :v AND nature = "
                           "'recapitulatif'",
        soci::use(version), soci::into(out);
    return out;
  }

  TestPortal portal;
  Client client{portal.base_url()};
};

TEST_F(Verifier, tells_genuine_superseded_unknown_and_malformed_codes) {
  candidature(2);
  const auto form = client.get("/verifier");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "name=\"code\""));

  // The latest version, typed in lower case with spaces: authentic and current.
  std::string typed;
  for (const char ch : domain::code_affiche(code(2)))
    typed += ch == '-' ? std::string("%20") : std::string(1, static_cast<char>(std::tolower(ch)));
  auto r = client.get("/verifier?code=" + typed);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, "Document authentique"));
  EXPECT_TRUE(contains(r.body, "P. L."));
  EXPECT_FALSE(contains(r.body, "LAMY"));
  EXPECT_FALSE(contains(r.body, "Paul"));
  EXPECT_TRUE(contains(r.body, "BACCALAURÉAT PROFESSIONNEL"));
  EXPECT_TRUE(contains(r.body, "Récapitulatif de candidature, version n°2 du 19/11/2026"));
  EXPECT_TRUE(contains(r.body, "id=\"version-a-jour\""));

  // Version 1: authentic, and superseded by version 2.
  r = client.get("/verifier?code=" + domain::code_affiche(code(1)));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "version n°1 du 18/11/2026"));
  EXPECT_TRUE(contains(r.body, "id=\"version-remplacee\""));
  EXPECT_TRUE(contains(r.body, "remplacé par la version n°2 du 19/11/2026"));

  r = client.get("/verifier?code=ABCD-EFGH-JKMN-PQRS");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(contains(r.body, "Aucun document ne porte ce code"));

  for (const char* malformed : {"ABCD", "ABCD-EFGH-JKMN-PQRU", "%3Cscript%3E"}) {
    r = client.get(std::string("/verifier?code=") + malformed);
    EXPECT_EQ(r.status, 400) << malformed;
    EXPECT_TRUE(contains(r.body, "fr-input-group--error"));
    EXPECT_TRUE(contains(r.body, "pas la forme d&apos;un code de vérification")) << r.body;
  }
}

TEST_F(Verifier, is_rate_limited_per_address) {
  candidature(1);
  const std::string genuine = "/verifier?code=" + code(1);
  for (int i = 0; i < 19; ++i)
    ASSERT_EQ(client.get("/verifier?code=ABCD-EFGH-JKMN-PQR" + std::string(1, "0123456789"[i % 10]))
                  .status,
              404);
  EXPECT_EQ(client.get(genuine).status, 200) << "the 20th check is answered";
  const auto blocked = client.get(genuine);
  EXPECT_EQ(blocked.status, 429);
  EXPECT_TRUE(contains(blocked.body, "Vous avez vérifié trop de codes en peu de temps"));
  // Retry-After tells the time left: the first block is a minute.
  EXPECT_EQ(blocked.header("retry-after"), "60");
  portal.clock().advance(std::chrono::seconds(25));
  const auto malformed = client.get("/verifier?code=ABCD");
  EXPECT_EQ(malformed.status, 429);
  EXPECT_EQ(malformed.header("retry-after"), "35");
  // The block lapses; the next check of the streak blocks twice as long.
  portal.clock().advance(std::chrono::minutes(2));
  EXPECT_EQ(client.get(genuine).status, 200);
  const auto again = client.get(genuine);
  EXPECT_EQ(again.status, 429);
  EXPECT_EQ(again.header("retry-after"), "120");
}

TEST_F(Verifier, documents_a_crash_left_a_preparer_are_rendered_by_a_later_round) {
  candidature(1);
  {
    // A preparer claims the two documents, then dies before storing them.
    store::Tx tx(portal.db());
    ASSERT_EQ(store::claim_documents(tx, portal.clock().now(), std::chrono::seconds(60), 20).size(),
              2u);
    tx.commit();
  }
  const auto& services = portal.services();
  EXPECT_EQ(actions::preparer_documents(services, portal.clock().now()), 0)
      << "another instance skips a live claim";
  portal.clock().advance(std::chrono::seconds(61));
  EXPECT_EQ(actions::preparer_documents(services, portal.clock().now()), 2);
  store::Read read(portal.db());
  int pret = 0;
  store::sql_of(read) << "SELECT COUNT(*) FROM documents WHERE etat = 'pret'", soci::into(pret);
  EXPECT_EQ(pret, 2);
}

// A stop (SIGTERM, a deployment) waits for the round in progress, not for the whole queue:
// after the closing hour's rush that queue holds thousands of documents, minutes of work.
// What is left is rendered by the next start, here or on another instance.
TEST_F(Verifier, the_preparer_stops_after_its_round_not_after_the_queue) {
  candidature(60);  // 120 documents, 20 a round
  const auto pret = [this] {
    store::Read read(portal.db());
    int n = 0;
    store::sql_of(read) << "SELECT COUNT(*) FROM documents WHERE etat = 'pret'", soci::into(n);
    return n;
  };
  {
    actions::Preparateur preparateur(portal.services(), portal.clock());
    preparateur.start();
    for (int i = 0; i < 30000 && pret() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    preparateur.stop();
  }
  const int rendus = pret();
  EXPECT_GT(rendus, 0);
  EXPECT_LE(rendus, 40);
  while (actions::preparer_documents(portal.services(), portal.clock().now()) > 0) {
  }
  EXPECT_EQ(pret(), 120);
}

}  // namespace
}  // namespace examens::testing
