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
#include "store/annulation.hpp"
#include "store/audit.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"
#include "store/justificatifs.hpp"

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

  actions::PageAnnulations liste(const store::Agent& a, const std::string& apres = "") {
    return actions::candidatures_a_annuler(portal.services(), a, apres, portal.clock().now());
  }

  // The ids of the first page.
  std::vector<long long> a_annuler(const store::Agent& a) { return ids(liste(a).lignes); }

  static std::vector<long long> ids(const std::vector<actions::CandidatureAAnnuler>& lignes) {
    std::vector<long long> out;
    for (const auto& c : lignes) out.push_back(c.id);
    return out;
  }

  // `n` candidates of Guyane registered to `session` with the fixture's snapshot (or with
  // `donnees`), written straight into the database (accounts without a password nobody logs
  // in to): the ids of their candidatures, oldest first.
  std::vector<long long> inscrits(int n, const std::string& session = "2027",
                                  std::string donnees = "") {
    const auto now = portal.clock().now();
    if (donnees.empty()) {
      store::Read read(portal.db());
      donnees = store::find_candidature_by_id(read, id)->donnees;
    }
    std::vector<long long> out;
    store::Tx tx(portal.db());
    for (int i = 0; i < n; ++i) {
      const std::string rang = std::to_string(premier_inscrit_ + i);
      store::Compte compte;
      compte.numero_candidat = "9" + std::string(10 - rang.size(), '0') + rang;
      compte.email = "inscrit." + rang + "@example.fr";
      compte.etat = std::string(store::kEtatActif);
      compte.identite.nom_naissance = "INSCRIT";
      compte.identite.prenoms = "Numéro " + rang;
      compte.identite.date_naissance = std::chrono::year_month_day{
          std::chrono::year(2000), std::chrono::January, std::chrono::day(1)};
      EXPECT_TRUE(store::reserve_numero_candidat(tx, compte.numero_candidat, now));
      const long long compte_id = store::insert_compte(tx, compte, now);
      out.push_back(
          store::insert_candidature(tx, compte_id, "BCP", session, "GUY", donnees, now).id);
    }
    tx.commit();
    premier_inscrit_ += n;
    return out;
  }

  int premier_inscrit_ = 1;

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
  const auto listee = liste(guyane).lignes.at(0);
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
  EXPECT_TRUE(contains(page.body, "À annuler\u202F: <strong>1 candidature</strong>."));
  EXPECT_FALSE(contains(page.body, "id=\"page-suivante\""));
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

TEST_F(Annulation, the_list_is_paged_fifty_at_a_time_oldest_first_across_sessions) {
  // 55 candidatures: the fixture's, 53 more of BCP 2027 and, among them, one of the November
  // 2026 VAE session, whose postal deadline (6 November 2026) has already passed.
  auto attendus = inscrits(20);
  attendus.insert(attendus.begin(), id);
  const long long vae = inscrits(1, "NOV2026VAE").front();
  attendus.push_back(vae);
  for (const long long autre : inscrits(33)) attendus.push_back(autre);
  const auto guyane = agent("GUY");
  // Before Guyane's deadline for 2027, only the VAE session is looked in.
  const auto avant = liste(guyane);
  EXPECT_EQ(ids(avant.lignes), std::vector<long long>{vae});
  EXPECT_EQ(avant.nombre, 1);
  EXPECT_FALSE(avant.suivante);

  Client bureau{portal.base_url()};
  connecter_apres_la_date_limite(bureau, "marie.defi@ac-guyane.fr", "GUY");
  const auto premiere = liste(guyane);
  EXPECT_EQ(premiere.nombre, 55);
  EXPECT_EQ(ids(premiere.lignes), std::vector<long long>(attendus.begin(), attendus.begin() + 50));
  ASSERT_TRUE(premiere.suivante);
  EXPECT_EQ(*premiere.suivante, attendus[49]);
  const auto seconde = liste(guyane, std::to_string(*premiere.suivante));
  EXPECT_EQ(ids(seconde.lignes), std::vector<long long>(attendus.begin() + 50, attendus.end()));
  EXPECT_FALSE(seconde.suivante);
  // A malformed cursor is the first page.
  EXPECT_EQ(ids(liste(guyane, "-3").lignes), ids(premiere.lignes));

  // The pages, as the office reads them.
  const std::string un = bureau.get("/gestion/annulations").body;
  EXPECT_EQ(count(un, "name=\"candidature\""), 50);
  EXPECT_EQ(count(un, "<tr>") - 1, 50);  // the header's row
  EXPECT_TRUE(contains(un, "À annuler\u202F: <strong>55 candidatures</strong>."));
  EXPECT_TRUE(contains(un, "id=\"annulation-pages\""));
  EXPECT_TRUE(contains(un, "Annuler ces 50 candidatures"));
  EXPECT_TRUE(contains(un, "NOVEMBRE 2026 VAE"));
  EXPECT_TRUE(contains(un, "06/11/2026 à 23:59"));
  EXPECT_FALSE(contains(un, "Première page"));
  const std::string lien =
      "href=\"/gestion/annulations?apres=" + std::to_string(attendus[49]) + "\"";
  ASSERT_TRUE(contains(un, "id=\"page-suivante\" " + lien)) << un;
  const std::string deux =
      bureau.get("/gestion/annulations?apres=" + std::to_string(attendus[49])).body;
  EXPECT_EQ(count(deux, "name=\"candidature\""), 5);
  EXPECT_TRUE(contains(deux, "name=\"candidature\" value=\"" + std::to_string(attendus[54])));
  EXPECT_TRUE(contains(deux, "Annuler ces 5 candidatures"));
  EXPECT_TRUE(contains(deux, "Première page"));
  EXPECT_FALSE(contains(deux, "id=\"page-suivante\""));
}

TEST_F(Annulation, a_page_reads_past_the_snapshots_that_no_longer_ask_the_piece) {
  auto attendus = inscrits(10);
  attendus.insert(attendus.begin(), id);
  // Versions whose snapshot asks no piece (a catalogue changed since): SQL cannot tell them.
  const auto sans_piece = inscrits(3, "2027", "{}");
  for (const long long autre : inscrits(40)) attendus.push_back(autre);
  apres_la_date_limite();
  const auto guyane = agent("GUY");
  const auto premiere = liste(guyane);
  EXPECT_EQ(ids(premiere.lignes), std::vector<long long>(attendus.begin(), attendus.begin() + 50));
  ASSERT_TRUE(premiere.suivante);
  EXPECT_EQ(ids(liste(guyane, std::to_string(*premiere.suivante)).lignes),
            std::vector<long long>{attendus.back()});
  // The count is SQL's reading of the rule: it holds them.
  EXPECT_EQ(premiere.nombre, 54);
  // Confirmed anyway, they are checked again and left as they are.
  const auto bilan = annuler(guyane, sans_piece);
  EXPECT_TRUE(bilan.annulees.empty());
  EXPECT_EQ(bilan.ignorees, 3);
}

TEST_F(Annulation, a_page_is_cancelled_in_one_transaction_of_its_ids_at_most) {
  const auto autres = inscrits(54);
  const auto guyane = agent("GUY");
  Client bureau{portal.base_url()};
  connecter_apres_la_date_limite(bureau, "marie.defi@ac-guyane.fr", "GUY");
  // The form of the first page, as the browser sends it.
  const std::string page = bureau.get("/gestion/annulations").body;
  std::vector<std::pair<std::string, std::string>> champs{{"csrf", csrf_of(page)}};
  for (const auto& c : liste(guyane).lignes)
    champs.emplace_back("candidature", std::to_string(c.id));
  ASSERT_EQ(champs.size(), 51u);
  const auto posted = bureau.post("/gestion/annulations", champs);
  ASSERT_EQ(posted.status, 303);
  EXPECT_EQ(posted.header("location"), "/gestion/annulations?annulees=50&ignorees=0");
  EXPECT_EQ(etat(id), domain::EtatCandidature::annulee);
  EXPECT_EQ(etat(autres[48]), domain::EtatCandidature::annulee);
  EXPECT_EQ(etat(autres[49]), domain::EtatCandidature::inscrit);
  // The rest is the first page now.
  const std::string reste = bureau.get(posted.header("location")).body;
  EXPECT_TRUE(contains(reste, "50 candidatures annulées"));
  // A cursor past the last of them (a link kept from before): an empty page leading back.
  const std::string vide =
      bureau.get("/gestion/annulations?apres=" + std::to_string(autres[53])).body;
  EXPECT_TRUE(contains(vide, "id=\"annulation-page-vide\""));
  EXPECT_TRUE(contains(vide, "Première page"));
  EXPECT_FALSE(contains(vide, "id=\"annulation-vide\""));
  EXPECT_TRUE(contains(reste, "À annuler\u202F: <strong>5 candidatures</strong>."));
  EXPECT_EQ(count(reste, "name=\"candidature\""), 5);
  EXPECT_FALSE(contains(reste, "id=\"page-suivante\""));

  // A forged form naming more than a page: the lowest ids of a page's worth are looked at,
  // the others are counted out and left as they are.
  const auto suite = inscrits(50);
  std::vector<long long> tous(autres.begin() + 49, autres.end());
  tous.insert(tous.end(), suite.begin(), suite.end());
  ASSERT_EQ(tous.size(), 55u);
  const auto bilan = annuler(guyane, tous);
  EXPECT_EQ(bilan.annulees.size(), 50u);
  EXPECT_EQ(bilan.ignorees, 5);
  EXPECT_EQ(etat(suite[44]), domain::EtatCandidature::annulee);
  EXPECT_EQ(etat(suite[45]), domain::EtatCandidature::inscrit);
  EXPECT_EQ(annulations_journalisees().size(), 1u);  // the fixture's own, once
}

TEST_F(Annulation, the_store_reads_the_rule_as_the_catalogue_asks_the_piece) {
  inscrits(4);
  const auto now = portal.clock().now();
  store::SessionSansRecapitulatif session{"GUY", "BCP", "2027", "93475003", false};
  auto en_ligne = session;
  en_ligne.en_ligne = true;
  const auto compter = [&](const store::SessionSansRecapitulatif& s, long long plafond = 10) {
    store::Read read(portal.db());
    return store::compter_sans_recapitulatif(read, s, plafond);
  };
  EXPECT_EQ(compter(session), 5);
  // Counted up to the ceiling, plus one: "plus de …".
  EXPECT_EQ(compter(session, 2), 3);
  EXPECT_EQ(compter(session, 4), 5);
  EXPECT_EQ(compter({"AIX", "BCP", "2027", "93475003", false}), 0);
  EXPECT_EQ(compter({"GUY", "BCP", "NOV2026VAE", "93475003", false}), 0);
  // The fixture's piece validated by the candidate, then with a file: arrived when the piece
  // is asked online, never by post.
  {
    store::Tx tx(portal.db());
    store::valider_piece(tx, store::ensure_justificatif(tx, id, "93475003", now), now);
    tx.commit();
  }
  EXPECT_EQ(compter(en_ligne), 5);  // validated without a file
  {
    store::Tx tx(portal.db());
    store::insert_depot(tx, store::ensure_justificatif(tx, id, "93475003", now),
                        {std::string(64, 'a'), "application/pdf", 10, "recapitulatif.pdf"}, now);
    tx.commit();
  }
  EXPECT_EQ(compter(en_ligne), 4);
  EXPECT_EQ(compter(session), 5);
  {
    store::Read read(portal.db());
    EXPECT_EQ(store::sans_recapitulatif(read, en_ligne, 0, 10).size(), 4u);
    const auto lus = store::sans_recapitulatif(read, session, 0, 10);
    ASSERT_EQ(lus.size(), 5u);
    EXPECT_EQ(lus[0].candidature.id, id);
    EXPECT_EQ(lus[0].piece.depots, 1);
    EXPECT_TRUE(lus[0].piece.valide_le);
    EXPECT_EQ(store::sans_recapitulatif(read, session, id, 2).size(), 2u);
  }
  // Sent back by the office: missing again; received: arrived whatever the mode.
  const auto guyane = agent("GUY");
  statut(guyane, domain::StatutPiece::non_conforme);
  EXPECT_EQ(compter(en_ligne), 5);
  statut(guyane, domain::StatutPiece::recue);
  EXPECT_EQ(compter(en_ligne), 4);
  EXPECT_EQ(compter(session), 4);
}

TEST_F(Annulation, the_page_counts_up_to_its_ceiling_only) {
  inscrits(static_cast<int>(actions::kDecomptePlafond));
  Client bureau{portal.base_url()};
  connecter_apres_la_date_limite(bureau, "marie.defi@ac-guyane.fr", "GUY");
  EXPECT_EQ(liste(agent("GUY")).nombre, actions::kDecomptePlafond + 1);
  const std::string page = bureau.get("/gestion/annulations").body;
  EXPECT_TRUE(contains(page, "À annuler\u202F: <strong>plus de 999 candidatures</strong>."));
  EXPECT_EQ(count(page, "name=\"candidature\""), 50);
}

}  // namespace
}  // namespace examens::testing
