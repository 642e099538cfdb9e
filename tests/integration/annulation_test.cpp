// The office's cancellation of the candidatures whose signed récapitulatif did not arrive, on
// SQLite and on PostgreSQL: which candidatures the rule lists (after the deadline, without the
// piece, in the agent's académie only), what the confirmed POST cancels (the ids listed and
// still cancellable), its audit entry and mail, what the candidate then sees and can no
// longer do, and who reaches the page.
#include "actions/annulation.hpp"

#include <gtest/gtest.h>

#include "actions/audit.hpp"
#include "actions/controle.hpp"
#include "domain/audit.hpp"
#include "domain/temps.hpp"
#include "integration/bureau.hpp"
#include "integration/justificatifs_support.hpp"
#include "store/agents.hpp"
#include "store/audit.hpp"
#include "store/candidatures.hpp"

namespace examens::testing {
namespace {

using std::chrono::days;

// The seed's example registered in Guyane, whose signed récapitulatif (93475003, by post) is
// due on 5 March 2027 23:59 (Paris); the clock starts on 18 November 2026.
class Annulation : public Justificatifs {
 protected:
  store::Agent agent(const std::string& academie) {
    const long long agent_id = ajouter_agent(academie);
    store::Read read(portal.db());
    return *store::find_agent(read, agent_id);
  }

  void apres_la_date_limite() { portal.clock().advance(days(110)); }  // 8 March 2027

  void statut(const store::Agent& a, domain::StatutPiece s) {
    const auto now = portal.clock().now();
    ASSERT_TRUE(std::holds_alternative<store::Justificatif>(actions::controler_piece(
        portal.services(), {a.id, a.academie, ""}, id, "93475003",
        {s, s == domain::StatutPiece::recue ? std::optional(now) : std::nullopt, "", 0}, now)));
  }

  std::vector<long long> a_annuler(const store::Agent& a) {
    std::vector<long long> out;
    for (const auto& c :
         actions::candidatures_a_annuler(portal.services(), a, portal.clock().now()))
      out.push_back(c.id);
    return out;
  }

  actions::BilanAnnulation annuler(const store::Agent& a, const std::vector<long long>& ids) {
    return actions::annuler_candidatures(portal.services(), a, ids, "192.0.2.7",
                                         portal.clock().now());
  }

  domain::EtatCandidature etat(long long candidature) {
    store::Read read(portal.db());
    return store::find_candidature_by_id(read, candidature)->etat;
  }

  std::vector<store::LigneAudit> annulations_journalisees() {
    store::Read read(portal.db());
    std::vector<store::LigneAudit> out;
    for (auto& l : store::lire_audit(read, {"GUY", id, std::nullopt, std::nullopt, 100}))
      if (l.entree.action == domain::kActionCandidatureAnnulee) out.push_back(std::move(l));
    return out;
  }

  // A gestionnaire of `academie` activated through the pages, then the deadline passed and
  // he logs in on `bureau`: his activation link is valid for days, not months.
  void connecter_apres_la_date_limite(Client& bureau, const std::string& email,
                                      const std::string& academie) {
    const std::string lien = add_agent(portal, email, "gestionnaire", academie);
    ASSERT_EQ(activate_agent(bureau, lien, kPasswordAgent).status, 303);
    apres_la_date_limite();
    ASSERT_EQ(staff_login(bureau, email, kPasswordAgent).status, 303);
  }

  static constexpr const char* kPasswordAgent = "Gestion-2026!";
};

TEST_F(Annulation, nothing_is_cancellable_before_the_deadline_nor_once_the_piece_arrived) {
  const auto guyane = agent("GUY");
  EXPECT_TRUE(a_annuler(guyane).empty());
  portal.clock().advance(days(107));  // 5 March 2027, before 23:59 in Paris
  EXPECT_TRUE(a_annuler(guyane).empty());
  portal.clock().advance(days(3));
  ASSERT_EQ(a_annuler(guyane), std::vector<long long>{id});
  const auto listee =
      actions::candidatures_a_annuler(portal.services(), guyane, portal.clock().now()).at(0);
  EXPECT_EQ(listee.nom, "LAMY Paul");
  EXPECT_EQ(listee.numero_inscription, "001");
  EXPECT_EQ(listee.examen, "BACCALAURÉAT PROFESSIONNEL");
  EXPECT_EQ(domain::format_paris_datetime(listee.date_limite), "05/03/2027 à 23:59");
  statut(guyane, domain::StatutPiece::recue);
  EXPECT_TRUE(a_annuler(guyane).empty());
  statut(guyane, domain::StatutPiece::non_conforme);
  EXPECT_EQ(a_annuler(guyane), std::vector<long long>{id});
  statut(guyane, domain::StatutPiece::nouvelle_pj);
  EXPECT_EQ(a_annuler(guyane), std::vector<long long>{id});
  statut(guyane, domain::StatutPiece::conforme);
  EXPECT_TRUE(a_annuler(guyane).empty());
  // Nothing to cancel: the confirmed id is left as it is.
  const auto bilan = annuler(guyane, {id});
  EXPECT_TRUE(bilan.annulees.empty());
  EXPECT_EQ(bilan.ignorees, 1);
  EXPECT_EQ(etat(id), domain::EtatCandidature::inscrit);
}

TEST_F(Annulation, another_academie_neither_lists_nor_cancels_it) {
  apres_la_date_limite();
  const auto aix = agent("AIX");
  EXPECT_TRUE(a_annuler(aix).empty());
  const auto bilan = annuler(aix, {id});
  EXPECT_TRUE(bilan.annulees.empty());
  EXPECT_EQ(bilan.ignorees, 1);
  EXPECT_EQ(etat(id), domain::EtatCandidature::inscrit);
  EXPECT_TRUE(annulations_journalisees().empty());
}

TEST_F(Annulation, cancelling_writes_the_state_its_audit_entry_and_the_mail_once) {
  apres_la_date_limite();
  const auto guyane = agent("GUY");
  const auto bilan = annuler(guyane, {id, id, id + 1000});
  ASSERT_EQ(bilan.annulees.size(), 1u);
  EXPECT_EQ(bilan.annulees[0].id, id);
  EXPECT_EQ(bilan.ignorees, 1);  // the unknown id; the twin counts once
  EXPECT_EQ(etat(id), domain::EtatCandidature::annulee);
  const auto entrees = annulations_journalisees();
  ASSERT_EQ(entrees.size(), 1u);
  const auto& e = entrees[0].entree;
  EXPECT_EQ(e.acteur, domain::kActeurAgent);
  EXPECT_EQ(e.acteur_id, guyane.id);
  EXPECT_EQ(e.avant, actions::etat_candidature(domain::EtatCandidature::inscrit, 1));
  EXPECT_EQ(e.apres, actions::etat_candidature(domain::EtatCandidature::annulee, 1));
  EXPECT_EQ(e.adresse, "192.0.2.7");
  {
    store::Read read(portal.db());
    std::string objet;
    store::sql_of(read) << "SELECT objet FROM messages ORDER BY id DESC", soci::into(objet);
    EXPECT_EQ(objet, "Annulation de votre candidature\u202F: BACCALAURÉAT PROFESSIONNEL");
  }
  const auto mails = portal.mails_to(spec.email);
  ASSERT_FALSE(mails.empty());
  EXPECT_TRUE(contains(mails.back(), "au plus tard le 05/03/2027 à 23:59 (heure de Paris)"));
  EXPECT_TRUE(contains(mails.back(), "daté et signé (pièce 93475003)"));
  // Cancelled already: a second confirmation changes nothing and mails nobody.
  const auto again = annuler(guyane, {id});
  EXPECT_TRUE(again.annulees.empty());
  EXPECT_EQ(again.ignorees, 1);
  EXPECT_EQ(annulations_journalisees().size(), 1u);
  EXPECT_EQ(portal.mails_to(spec.email).size(), mails.size());
}

TEST_F(Annulation, the_candidate_sees_annulee_and_can_change_nothing) {
  apres_la_date_limite();
  ASSERT_EQ(annuler(agent("GUY"), {id}).annulees.size(), 1u);
  login(client, spec.email, spec.password);  // the session expired meanwhile
  const std::string n = std::to_string(id);
  const auto accueil = client.get("/").body;
  EXPECT_TRUE(contains(accueil, "id=\"etat-" + n + "\">Annulée</span>")) << accueil;
  EXPECT_TRUE(contains(accueil, "id=\"annulation-" + n + "\""));
  EXPECT_FALSE(contains(accueil, "/inscription/" + n + "/desinscrire"));
  const auto activites = client.get("/inscription/" + n).body;
  EXPECT_TRUE(contains(activites, "Candidature annulée"));
  EXPECT_FALSE(contains(activites, "/inscription/" + n + "/desinscrire"));
  const auto modifier =
      client.submit("/inscription/" + n + "/recapitulatif", "/inscription/" + n + "/modifier", {});
  EXPECT_EQ(modifier.status, 409);
  EXPECT_TRUE(contains(modifier.body, "Annulée")) << modifier.body;
  const auto desinscrire =
      client.submit("/inscription/" + n + "/desinscrire", "/inscription/" + n + "/desinscrire", {});
  EXPECT_EQ(desinscrire.status, 409);
  EXPECT_EQ(deposer("93475001", "a.pdf", "%PDF-1.4\n%%EOF\n").status, 422);
  EXPECT_EQ(valider().status, 422);
  EXPECT_EQ(etat(id), domain::EtatCandidature::annulee);
}

TEST_F(Annulation, the_page_lists_them_and_its_form_cancels_only_those_listed_and_still_due) {
  // A second candidate of Guyane, whose récapitulatif the office received.
  Client autre{portal.base_url()};
  AccountSpec marie;
  marie.email = "marie.durand@example.fr";
  marie.nom = "DURAND";
  marie.prenoms = "Marie";
  create_account(portal, autre, marie, true);
  login(autre, marie.email, marie.password);
  const long long recue = Parcours{autre}.inscrire();
  Client bureau{portal.base_url()};
  connecter_apres_la_date_limite(bureau, "marie.defi@ac-guyane.fr", "GUY");
  const auto guyane = agent("GUY");
  ASSERT_TRUE(std::holds_alternative<store::Justificatif>(actions::controler_piece(
      portal.services(), {guyane.id, "GUY", ""}, recue, "93475003",
      {domain::StatutPiece::recue, portal.clock().now(), "", 0}, portal.clock().now())));

  EXPECT_TRUE(contains(bureau.get("/gestion/").body, "href=\"/gestion/annulations\""));
  const auto page = bureau.get("/gestion/annulations");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<strong>1 candidature est</strong>"));
  EXPECT_TRUE(contains(page.body, "LAMY Paul"));
  EXPECT_TRUE(contains(page.body, "05/03/2027 à 23:59"));
  EXPECT_FALSE(contains(page.body, "DURAND Marie"));
  EXPECT_TRUE(contains(page.body, "name=\"candidature\" value=\"" + std::to_string(id) + "\""));
  EXPECT_TRUE(contains(page.body, "Annuler cette candidature"));
  // The form as sent, plus an id the page did not list: only the listed one is cancelled.
  const auto posted =
      bureau.submit("/gestion/annulations", "/gestion/annulations",
                    {{"candidature", std::to_string(id)}, {"candidature", std::to_string(recue)}});
  ASSERT_EQ(posted.status, 303);
  EXPECT_EQ(posted.header("location"), "/gestion/annulations?annulees=1&ignorees=1");
  EXPECT_EQ(etat(id), domain::EtatCandidature::annulee);
  EXPECT_EQ(etat(recue), domain::EtatCandidature::inscrit);
  const auto bilan = bureau.get(posted.header("location")).body;
  EXPECT_TRUE(contains(bilan, "1 candidature annulée"));
  EXPECT_TRUE(contains(bilan, "1 candidature confirmée n&apos;a pas été annulée"));
  EXPECT_TRUE(contains(bilan, "Elle ne remplissait plus les conditions"));
  EXPECT_TRUE(contains(bilan, "id=\"annulation-vide\""));
  // Without its CSRF token the form is refused.
  EXPECT_EQ(bureau.post("/gestion/annulations", {{"candidature", std::to_string(recue)}}).status,
            403);
}

TEST_F(Annulation, neither_another_academie_nor_a_candidate_reaches_them) {
  Client bureau{portal.base_url()};
  connecter_apres_la_date_limite(bureau, "agent@ac-aix-marseille.fr", "AIX");
  EXPECT_TRUE(contains(bureau.get("/gestion/annulations").body, "id=\"annulation-vide\""));
  const auto posted = bureau.submit("/gestion/annulations", "/gestion/annulations",
                                    {{"candidature", std::to_string(id)}});
  EXPECT_EQ(posted.header("location"), "/gestion/annulations?annulees=0&ignorees=1");
  EXPECT_EQ(etat(id), domain::EtatCandidature::inscrit);
  // The candidate's cookie is no staff session.
  login(client, spec.email, spec.password);
  const auto candidat = client.get("/gestion/annulations");
  EXPECT_EQ(candidat.status, 303);
  EXPECT_EQ(candidat.header("location"), "/gestion/connexion?expiree=1");
  client.post("/gestion/annulations", {{"csrf", csrf()}, {"candidature", std::to_string(id)}});
  EXPECT_EQ(etat(id), domain::EtatCandidature::inscrit);
}

}  // namespace
}  // namespace examens::testing
