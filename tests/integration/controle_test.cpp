// The office's pièces control under /gestion/candidatures, on SQLite and on PostgreSQL: the
// list by the state of the pieces and its paging, a candidature's pieces and files, the
// control form and its refusals, reopening, the audit of every change, and the wall between
// académies and between candidates and staff.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "actions/audit.hpp"
#include "integration/bureau.hpp"
#include "integration/justificatifs_support.hpp"
#include "store/audit.hpp"
#include "store/candidatures.hpp"
#include "store/dossiers.hpp"

namespace examens::testing {
namespace {

class Controle : public Justificatifs {
 protected:
  void SetUp() override {
    Justificatifs::SetUp();
    ASSERT_NO_FATAL_FAILURE(logged_in_agent(portal, bureau, kAgent, kMotDePasse));
  }

  std::string dossier() const { return "/gestion/candidatures/" + std::to_string(id); }

  // The office's control form of piece `code`, as the page sends it.
  HttpResult controler(const std::string& code, const std::string& statut,
                       const std::string& date = "", const std::string& commentaire = "") {
    const std::string jeton = csrf_of(bureau.get(dossier()).body);
    return bureau.post(dossier() + "/pieces/" + code, {{"csrf", jeton},
                                                       {"statut", statut},
                                                       {"date_reception", date},
                                                       {"commentaire", commentaire}});
  }

  // The numéros shown in the list filtered by `pieces` (first page).
  std::string liste(const std::string& pieces) {
    return bureau.get("/gestion/candidatures?pieces=" + pieces).body;
  }

  bool listee(const std::string& pieces) { return contains(liste(pieces), dossier() + "\""); }

  std::vector<std::string> pieces_du_dossier() {
    const std::string page = bureau.get(dossier()).body;
    std::vector<std::string> codes;
    const std::regex piece("id=\"piece-([0-9]+)\"");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), piece);
         it != std::sregex_iterator(); ++it)
      codes.push_back((*it)[1]);
    return codes;
  }

  std::vector<std::string> actions_auditees() {
    store::Read read(portal.db());
    store::RechercheAudit r;
    r.academie = "GUY";
    r.candidature_id = id;
    std::vector<std::string> out;
    for (const auto& l : store::lire_audit(read, r)) out.push_back(l.entree.action);
    return out;
  }

  static constexpr const char* kAgent = "marie.defi@ac-guyane.fr";
  static constexpr const char* kMotDePasse = "Gestion-2026!";
  Client bureau{portal.base_url()};
};

TEST_F(Controle, a_candidature_moves_through_the_lists_as_its_pieces_are_deposited_and_controlled) {
  EXPECT_TRUE(listee("en_attente"));
  EXPECT_FALSE(listee("a_controler"));
  for (const auto& code : en_ligne()) ASSERT_EQ(deposer(code, code + ".pdf", kPdf).status, 303);
  EXPECT_TRUE(listee("en_attente"));  // deposited, not yet validated
  ASSERT_EQ(valider().status, 303);
  const std::string a_controler = liste("a_controler");
  EXPECT_TRUE(contains(a_controler, dossier() + "\""));
  EXPECT_TRUE(contains(a_controler, "À contrôler (1)"));
  EXPECT_TRUE(contains(a_controler, "aria-current=\"page\">À contrôler (1)"));
  // The default list is the office's work: what waits for a control.
  EXPECT_TRUE(contains(bureau.get("/gestion/candidatures").body, dossier() + "\""));

  // One piece Non conforme, with a comment the candidate reads.
  const auto r = controler("93475001", "non_conforme", "",
                           "Document illisible, merci de\r\n"
                           "le déposer de nouveau.");
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), dossier() + "?controle=93475001#piece-93475001");
  EXPECT_TRUE(contains(bureau.get(r.header("location")).body,
                       "Le statut de la pièce 93475001 est enregistré."));
  // The other validated piece still waits for its control.
  EXPECT_TRUE(listee("a_controler"));
  ASSERT_EQ(controler("93475007", "conforme").status, 303);
  EXPECT_TRUE(listee("non_conforme"));
  const std::string vue = client.get(page()).body;
  EXPECT_TRUE(contains(vue, "Non conforme"));
  EXPECT_TRUE(contains(vue, "Document illisible, merci de le déposer de nouveau."));

  // The candidate deposits again and validates: back to the office.
  ASSERT_EQ(deposer("93475001", "nette.pdf", kPdf + " ").status, 303);
  EXPECT_TRUE(listee("en_attente"));
  ASSERT_EQ(valider().status, 303);
  EXPECT_TRUE(listee("a_controler"));

  // Every piece Conforme, the postal ones received first: the candidature is complete.
  for (const auto& code : pieces_du_dossier()) {
    if (code != "93475001" && code != "93475007") {
      ASSERT_EQ(controler(code, "recue", "2026-11-18").status, 303) << code;
      EXPECT_TRUE(listee("a_controler")) << code;  // received, not yet decided
    }
    ASSERT_EQ(controler(code, "conforme").status, 303) << code;
  }
  EXPECT_TRUE(listee("complet"));
  EXPECT_FALSE(listee("a_controler"));
  EXPECT_TRUE(contains(liste("complet"), "Complètes (1)"));
  EXPECT_TRUE(listee("toutes"));
}

TEST_F(Controle, the_office_opens_the_files_and_reads_the_candidates_validation) {
  for (const auto& code : en_ligne())
    ASSERT_EQ(deposer(code, code == "93475001" ? "carte.pdf" : "autre.pdf", kPdf).status, 303);
  const std::string page = bureau.get(dossier()).body;
  EXPECT_TRUE(contains(page, "Pas encore validée par le candidat"));
  EXPECT_TRUE(contains(page, ">carte.pdf<"));
  const std::string fichier = dossier() + "/fichiers/" + std::to_string(depots()[0].id);
  EXPECT_TRUE(contains(page, "href=\"" + fichier + "\""));
  const auto f = bureau.get(fichier);
  ASSERT_EQ(f.status, 200);
  EXPECT_EQ(f.body, kPdf);
  EXPECT_EQ(f.header("content-type"), "application/pdf");
  EXPECT_EQ(f.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(contains(f.header("content-disposition"), "inline; filename=\"93475001-"));
  ASSERT_EQ(valider().status, 303);
  EXPECT_TRUE(contains(bureau.get(dossier()).body, "Validée par le candidat le 18/11/2026"));
  // Postal pieces wait for their reception.
  EXPECT_TRUE(contains(bureau.get(dossier()).body, "En attente de contrôle"));
}

TEST_F(Controle, a_refused_control_says_why_next_to_the_field_and_changes_nothing) {
  const auto sans_statut = controler("93475001", "");
  EXPECT_EQ(sans_statut.status, 422);
  EXPECT_TRUE(contains(sans_statut.body, "Choisissez le statut de la pièce."));
  const auto inconnu = controler("93475001", "aucun");
  EXPECT_EQ(inconnu.status, 422);
  const auto sans_date = controler("93475003", "recue", "", "Reçue au guichet");
  EXPECT_EQ(sans_date.status, 422);
  EXPECT_TRUE(contains(sans_date.body, "Indiquez la date de réception de la pièce."));
  // What was typed is given back.
  EXPECT_TRUE(contains(sans_date.body, ">Reçue au guichet</textarea>"));
  const auto future = controler("93475003", "recue", "2026-11-19");
  EXPECT_EQ(future.status, 422);
  EXPECT_TRUE(contains(future.body, "La date de réception ne peut pas être dans le futur."));
  const auto fausse = controler("93475003", "recue", "31/02/2026");
  EXPECT_EQ(fausse.status, 422);
  EXPECT_TRUE(contains(fausse.body, "une date réelle au format JJ/MM/AAAA"));
  const auto long_ = controler("93475001", "non_conforme", "", std::string(1001, 'x'));
  EXPECT_EQ(long_.status, 422);
  EXPECT_TRUE(contains(long_.body, "Le commentaire ne doit pas dépasser 1000 caractères."));
  const auto binaire = controler("93475001", "non_conforme", "", std::string("a\x01z"));
  EXPECT_EQ(binaire.status, 422);
  // A piece the candidature does not require is unknown.
  EXPECT_EQ(controler("93475099", "conforme").status, 404);
  for (const auto& action : actions_auditees()) EXPECT_NE(action, "piece.controlee");
  EXPECT_FALSE(contains(client.get(page()).body, "Non conforme"));
  // A date typed by hand (JJ/MM/AAAA) is accepted.
  ASSERT_EQ(controler("93475003", "recue", "17/11/2026").status, 303);
  EXPECT_TRUE(contains(client.get(page()).body, "Date de réception 17/11/2026"));
}

TEST_F(Controle, the_office_reopens_the_validated_pieces_from_the_page) {
  for (const auto& code : en_ligne()) ASSERT_EQ(deposer(code, code + ".pdf", kPdf).status, 303);
  EXPECT_FALSE(contains(bureau.get(dossier()).body, "id=\"rouvrir\""));
  ASSERT_EQ(valider().status, 303);
  const std::string page = bureau.get(dossier()).body;
  ASSERT_TRUE(contains(page, "id=\"rouvrir\""));
  const auto r = bureau.post(dossier() + "/rouvrir", {{"csrf", csrf_of(page)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), dossier() + "?rouvertes=2");
  EXPECT_TRUE(
      contains(bureau.get(r.header("location")).body, "Les pièces validées sont rouvertes"));
  EXPECT_EQ(en_ligne(), (std::vector<std::string>{"93475001", "93475007"}));
  EXPECT_TRUE(listee("en_attente"));
}

TEST_F(Controle, reopening_when_nothing_is_validated_says_there_was_nothing_to_reopen) {
  for (const auto& code : en_ligne()) ASSERT_EQ(deposer(code, code + ".pdf", kPdf).status, 303);
  ASSERT_EQ(valider().status, 303);
  // The page of before the first reopening, sent twice (a second agent, a double click).
  const std::string jeton = csrf_of(bureau.get(dossier()).body);
  ASSERT_EQ(bureau.post(dossier() + "/rouvrir", {{"csrf", jeton}}).header("location"),
            dossier() + "?rouvertes=2");
  const auto encore = bureau.post(dossier() + "/rouvrir", {{"csrf", jeton}});
  ASSERT_EQ(encore.status, 303);
  EXPECT_EQ(encore.header("location"), dossier() + "?rouvertes=0");
  const std::string page = bureau.get(encore.header("location")).body;
  EXPECT_TRUE(
      contains(page, "Aucune pièce n&apos;était validée\u202F: il n&apos;y avait rien à rouvrir."))
      << page;
  EXPECT_FALSE(contains(page, "Les pièces validées sont rouvertes"));
  // Nothing reopened, nothing audited a second time.
  const auto actions = actions_auditees();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "pieces.rouvertes"), 1);
}

TEST_F(Controle, every_change_of_a_piece_is_in_the_audit_trail) {
  ASSERT_EQ(deposer("93475001", "a.pdf", kPdf).status, 303);
  ASSERT_EQ(deposer("93475007", "b.pdf", kPdf).status, 303);
  ASSERT_EQ(deposer("93475007", "c.pdf", kPdf + " ").status, 303);
  ASSERT_EQ(supprimer(depots()[2].id).status, 303);
  ASSERT_EQ(valider().status, 303);
  ASSERT_EQ(controler("93475001", "non_conforme", "", "Illisible").status, 303);
  ASSERT_EQ(deposer("93475001", "d.pdf", kPdf + "  ").status, 303);
  ASSERT_EQ(valider().status, 303);
  ASSERT_EQ(
      bureau.post(dossier() + "/rouvrir", {{"csrf", csrf_of(bureau.get(dossier()).body)}}).status,
      303);
  EXPECT_EQ(actions_auditees(),
            (std::vector<std::string>{"pieces.rouvertes", "pieces.validees", "piece.deposee",
                                      "piece.controlee", "pieces.validees", "piece.depot_supprime",
                                      "piece.deposee", "piece.deposee", "piece.deposee",
                                      "candidature.inscrite"}));
  store::Read read(portal.db());
  store::RechercheAudit r;
  r.academie = "GUY";
  r.candidature_id = id;
  const auto lignes = store::lire_audit(read, r);
  const auto& controle = lignes[3].entree;
  EXPECT_EQ(controle.acteur, "agent");
  EXPECT_EQ(controle.adresse, "127.0.0.1");
  EXPECT_EQ(actions::decrire_etat(controle.avant),
            "pièce 93475001, sans statut, validée par le candidat");
  EXPECT_EQ(actions::decrire_etat(controle.apres),
            "pièce 93475001, Non conforme, commentaire «\u00A0Illisible\u00A0», non validée");
  EXPECT_EQ(lignes[5].entree.acteur, "candidat");
  EXPECT_EQ(actions::decrire_etat(lignes[5].entree.avant), "pièce 93475007, fichier c.pdf");
}

TEST_F(Controle, another_academies_staff_and_the_candidates_reach_nothing) {
  ASSERT_EQ(deposer("93475001", "a.pdf", kPdf).status, 303);
  const std::string fichier = dossier() + "/fichiers/" + std::to_string(depots()[0].id);
  Client aix(portal.base_url());
  ASSERT_NO_FATAL_FAILURE(
      logged_in_agent(portal, aix, "paul.sud@ac-aix-marseille.fr", kMotDePasse, "AIX"));
  EXPECT_FALSE(contains(aix.get("/gestion/candidatures?pieces=toutes").body, dossier() + "\""));
  EXPECT_EQ(aix.get(dossier()).status, 404);
  EXPECT_EQ(aix.get(fichier).status, 404);
  const std::string jeton = csrf_of(aix.get("/gestion/").body);
  EXPECT_EQ(
      aix.post(dossier() + "/pieces/93475001", {{"csrf", jeton}, {"statut", "conforme"}}).status,
      404);
  EXPECT_EQ(aix.post(dossier() + "/rouvrir", {{"csrf", jeton}}).status, 404);
  EXPECT_FALSE(contains(client.get(page()).body, "Conforme"));
  // The candidate's own session opens nothing of the office's.
  EXPECT_EQ(client.get("/gestion/candidatures").header("location"), "/gestion/connexion?expiree=1");
  EXPECT_EQ(client.get(fichier).header("location"), "/gestion/connexion?expiree=1");
  EXPECT_EQ(bureau.get("/gestion/candidatures/abc").status, 404);
}

TEST_F(Controle, a_candidature_is_found_by_its_numeros_within_the_academie) {
  const std::string numero = [&] {
    store::Read read(portal.db());
    return store::find_dossier(read, id)->numero_candidat;
  }();
  const auto trouvee = bureau.get("/gestion/candidatures?recherche=" + numero + "-001");
  EXPECT_EQ(trouvee.status, 303);
  EXPECT_EQ(trouvee.header("location"), dossier());
  const auto inconnue = bureau.get("/gestion/candidatures?recherche=" + numero + "-002");
  EXPECT_EQ(inconnue.status, 422);
  EXPECT_TRUE(contains(inconnue.body, "Aucune candidature de votre académie ne correspond."));
  EXPECT_TRUE(contains(inconnue.body, "value=\"" + numero + "-002\""));
  const auto incomplete = bureau.get("/gestion/candidatures?recherche=" + numero);
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_TRUE(contains(incomplete.body, "Ajoutez le N° d&apos;inscription"));
  Client aix(portal.base_url());
  ASSERT_NO_FATAL_FAILURE(
      logged_in_agent(portal, aix, "paul.sud@ac-aix-marseille.fr", kMotDePasse, "AIX"));
  EXPECT_EQ(aix.get("/gestion/candidatures?recherche=" + numero + "-001").status, 422);
}

TEST_F(Controle, the_tabs_count_up_to_their_ceiling_only) {
  const auto c = [&] {
    store::Read read(portal.db());
    return store::find_candidature_by_id(read, id).value();
  }();
  for (int i = 0; i < 3; ++i) {
    const auto autre = activated_account(
        portal, {"autre" + std::to_string(i) + "@example.fr", "Secret-2026", "AUTRE", "Anne"});
    store::Tx tx(portal.db());
    store::insert_candidature(tx, autre.id, c.domaine, c.session, "GUY", c.donnees,
                              portal.clock().now());
    tx.commit();
  }
  store::Read read(portal.db());
  const auto compter = [&](long long plafond) {
    return store::compter_dossiers(read, "GUY", domain::EtatDossierPieces::en_attente, plafond);
  };
  EXPECT_EQ(compter(10), 4);
  EXPECT_EQ(compter(2), 3);  // "plus de 2"
  EXPECT_EQ(store::compter_dossiers(read, "AIX", domain::EtatDossierPieces::en_attente, 10), 0);
  EXPECT_TRUE(contains(liste("en_attente"), "En attente du candidat (4)"));
}

TEST_F(Controle, the_list_is_paged_fifty_at_a_time_oldest_first) {
  // 54 earlier candidatures of the same candidate, unregistered one after the other.
  const auto now = portal.clock().now();
  const auto c = [&] {
    store::Read read(portal.db());
    return store::find_candidature_by_id(read, id).value();
  }();
  {
    store::Tx tx(portal.db());
    ASSERT_TRUE(store::mark_desinscrite(tx, id, now));
    for (int i = 0; i < 54; ++i) {
      const auto autre =
          store::insert_candidature(tx, c.compte_id, c.domaine, c.session, "GUY", c.donnees, now);
      if (i < 53) {
        ASSERT_TRUE(store::mark_desinscrite(tx, autre.id, now));
      }
    }
    tx.commit();
  }
  const auto premiere = bureau.get("/gestion/candidatures?pieces=toutes").body;
  EXPECT_EQ(count(premiere, "<tr>") - 1, 50);         // the header's row
  EXPECT_TRUE(contains(premiere, dossier() + "\""));  // the oldest comes first
  const std::regex suivante("id=\"page-suivante\" href=\"([^\"]+)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(premiere, m, suivante));
  const std::string url = std::regex_replace(m[1].str(), std::regex("&amp;"), "&");
  const auto seconde = bureau.get(url).body;
  EXPECT_EQ(count(seconde, "<tr>") - 1, 5);
  EXPECT_FALSE(contains(seconde, "id=\"page-suivante\""));
  EXPECT_TRUE(contains(seconde, "Première page"));
  // Only the last one is Inscrit: the filtered list counts it alone.
  EXPECT_TRUE(contains(seconde, "En attente du candidat (1)"));
}

}  // namespace
}  // namespace examens::testing
