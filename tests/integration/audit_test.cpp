// The audit trail on SQLite and on PostgreSQL: each state change of a candidature and each
// staff action recorded once, with its author, before and after, in the change's own
// transaction; the table refusing UPDATE and DELETE; and the administrateur's view, scoped to
// his académie, filtered and paged.
#include "actions/audit.hpp"

#include <gtest/gtest.h>

#include <map>

#include "domain/audit.hpp"
#include "integration/bureau.hpp"
#include "integration/parcours.hpp"
#include "store/agents.hpp"
#include "store/audit.hpp"
#include "store/candidatures.hpp"

namespace examens::testing {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A text as the page escapes it (mustache: the apostrophe too).
std::string html(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("&apos;") : std::string(1, c);
  return out;
}

// A link's href as the page escapes it, as the browser follows it.
std::string unescape_amp(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    const bool amp = html.substr(i, 5) == "&amp;";
    out += html[i];
    i += amp ? 5 : 1;
  }
  return out;
}

constexpr const char* kAdmin = "admin@ac-guyane.fr";
constexpr const char* kGestionnaire = "marie.defi@ac-guyane.fr";
constexpr const char* kPassword = "Gestion-2026!";

class Audit : public ::testing::Test {
 protected:
  // Every entry of `academie`, oldest first.
  std::vector<store::EntreeAudit> entrees(const std::string& academie = "GUY") {
    store::Read read(portal.db());
    std::vector<store::EntreeAudit> out;
    for (auto& l :
         store::lire_audit(read, {academie, std::nullopt, std::nullopt, std::nullopt, 1000}))
      out.insert(out.begin(), std::move(l.entree));
    return out;
  }

  std::map<std::string, int> actions_comptees(const std::string& academie = "GUY") {
    std::map<std::string, int> n;
    for (const auto& e : entrees(academie)) ++n[e.action];
    return n;
  }

  long long agent_id(const std::string& email) {
    store::Read read(portal.db());
    return store::find_agent_by_email(read, email)->id;
  }

  // A staff member of `academie`, active and logged in on `c`.
  void agent_connecte(Client& c, const std::string& email, const std::string& role,
                      const std::string& academie = "GUY") {
    ASSERT_EQ(activate_agent(c, add_agent(portal, email, role, academie), kPassword).status, 303);
    ASSERT_EQ(staff_login(c, email, kPassword).status, 303);
  }

  // The example registers a school's category, whose candidate does not unregister himself:
  // made an individual candidate's, as by a correction of the office.
  void individuel(long long id) {
    store::Tx tx(portal.db());
    store::sql_of(tx) << "UPDATE candidatures SET donnees = REPLACE(donnees, "
                         "'\"categorie\":[\"133\"]', '\"categorie\":[\"IND\"]') WHERE id = "
                      << id;
    tx.commit();
  }

  // A candidate registered in `academie` through the wizard; the candidature's id.
  long long candidature_inscrite(Client& c, const AccountSpec& spec, const std::string& academie,
                                 const std::string& etablissement) {
    create_account(portal, c, spec, true);
    login(c, spec.email, spec.password);
    return Parcours{c}.inscrire(academie, etablissement);
  }

  TestPortal portal;
  Client candidat{portal.base_url()};
  Client bureau{portal.base_url()};
};

TEST_F(Audit, each_change_of_a_candidature_is_recorded_once_with_its_versions) {
  const long long id = candidature_inscrite(candidat, {}, "GUY", "9730538X");
  const std::string base = "/inscription/" + std::to_string(id);
  ASSERT_EQ(candidat.submit(base + "/recapitulatif", base + "/modifier", {}).status, 303);
  const std::string cle = "C-" + std::to_string(id);
  ASSERT_EQ(Parcours{candidat}.envoyer(cle, 8, exemple().at(8), "enregistrer").status, 303);
  const std::string path = base + "/desinscrire";
  individuel(id);
  ASSERT_EQ(candidat.submit(path, path, {}).status, 303);
  // Refused the second time: nothing changes, nothing is recorded.
  candidat.submit(path, path, {});

  store::Read read(portal.db());
  const auto compte = store::find_compte_by_email(read, AccountSpec{}.email);
  const auto all = entrees();
  ASSERT_EQ(all.size(), 3u);
  const std::vector<std::tuple<std::string_view, std::string, std::string>> attendu = {
      {domain::kActionCandidatureInscrite, "", R"({"etat":"inscrit","version":1})"},
      {domain::kActionCandidatureModifiee, R"({"etat":"inscrit","version":1})",
       R"({"etat":"inscrit","version":2})"},
      {domain::kActionCandidatureDesinscrite, R"({"etat":"inscrit","version":2})",
       R"({"etat":"desinscrit_candidat","version":2})"}};
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& [action, avant, apres] = attendu[i];
    EXPECT_EQ(all[i].action, action) << i;
    EXPECT_EQ(all[i].acteur, "candidat");
    EXPECT_EQ(all[i].acteur_id, compte->id);
    EXPECT_EQ(all[i].candidature_id, id);
    EXPECT_FALSE(all[i].agent_id);
    EXPECT_EQ(all[i].academie, "GUY");
    EXPECT_EQ(all[i].avant, avant) << i;
    EXPECT_EQ(all[i].apres, apres) << i;
    EXPECT_EQ(all[i].quand, portal.clock().now());
    EXPECT_EQ(all[i].adresse, "127.0.0.1");
  }
}

TEST_F(Audit, a_registration_rolled_back_leaves_no_entry) {
  create_account(portal, candidat, {}, true);
  login(candidat, AccountSpec{}.email, AccountSpec{}.password);
  Parcours parcours{candidat};
  parcours.jusqu_aux_conditions("GUY", "9730538X");
  // The documents' row is written after the entry, in the same transaction: it fails.
  {
    store::Tx tx(portal.db());
    store::sql_of(tx) << "ALTER TABLE documents RENAME TO documents_ailleurs";
    tx.commit();
  }
  const auto refused = parcours.envoyer("N-BCP-2027-GUY", 8, exemple().at(8), "enregistrer");
  EXPECT_GE(refused.status, 500);
  EXPECT_TRUE(entrees().empty());
  {
    store::Tx tx(portal.db());
    store::sql_of(tx) << "ALTER TABLE documents_ailleurs RENAME TO documents";
    tx.commit();
  }
  // The draft was kept: Enregistrer again registers, and is recorded once.
  const auto done = parcours.envoyer("N-BCP-2027-GUY", 8, exemple().at(8), "enregistrer");
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(actions_comptees(), (std::map<std::string, int>{{"candidature.inscrite", 1}}));
}

TEST_F(Audit, each_staff_action_is_recorded_with_its_author_and_never_a_secret) {
  const std::string first = add_agent(portal, kGestionnaire);
  const std::string link = add_agent(portal, kGestionnaire, "administrateur");
  ASSERT_EQ(activate_agent(bureau, link, kPassword).status, 303);
  ASSERT_EQ(staff_login(bureau, kGestionnaire, "Mauvais-2026!").status, 422);
  ASSERT_EQ(staff_login(bureau, kGestionnaire, kPassword).status, 303);
  const auto home = bureau.get("/gestion/");
  ASSERT_EQ(bureau.post("/gestion/deconnexion", {{"csrf", csrf_of(home.body)}}).status, 303);
  ASSERT_EQ(staff(portal, {"desactiver", kGestionnaire}).status, 0);
  ASSERT_EQ(staff(portal, {"desactiver", kGestionnaire}).status, 0);  // already: no change
  EXPECT_EQ(staff_login(bureau, kGestionnaire, kPassword).status, 403);
  // An unknown email has no académie to be filed under: nothing is recorded.
  EXPECT_EQ(staff_login(bureau, "personne@ac-guyane.fr", kPassword).status, 422);

  const long long id = agent_id(kGestionnaire);
  const auto all = entrees();
  struct Attendu {
    std::string_view action, acteur;
    std::optional<long long> acteur_id;
    std::string avant, apres;
    bool adresse;
  };
  const std::string gestionnaire =
      R"({"etat":"en_attente","role":"gestionnaire","academie":"GUY"})";
  const std::string attente = R"({"etat":"en_attente","role":"administrateur","academie":"GUY"})";
  const std::string actif = R"({"etat":"actif","role":"administrateur","academie":"GUY"})";
  const std::vector<Attendu> attendu = {
      {domain::kActionAgentAjoute, "commande", std::nullopt, "", gestionnaire, false},
      {domain::kActionAgentReinvite, "commande", std::nullopt, gestionnaire, attente, false},
      {domain::kActionAgentActive, "agent", id, attente, actif, true},
      {domain::kActionAgentConnexionRefusee, "agent", std::nullopt, "",
       R"({"motif":"mot_de_passe_incorrect"})", true},
      {domain::kActionAgentConnecte, "agent", id, "", "", true},
      {domain::kActionAgentDeconnecte, "agent", id, "", "", true},
      {domain::kActionAgentDesactive, "commande", std::nullopt, actif,
       R"({"etat":"desactive","role":"administrateur","academie":"GUY"})", false},
      {domain::kActionAgentConnexionRefusee, "agent", id, "", R"({"motif":"compte_desactive"})",
       true},
  };
  ASSERT_EQ(all.size(), attendu.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].action, attendu[i].action) << i;
    EXPECT_EQ(all[i].acteur, attendu[i].acteur) << i;
    EXPECT_EQ(all[i].acteur_id, attendu[i].acteur_id) << i;
    EXPECT_EQ(all[i].agent_id, id) << i;
    EXPECT_FALSE(all[i].candidature_id) << i;
    EXPECT_EQ(all[i].avant, attendu[i].avant) << i;
    EXPECT_EQ(all[i].apres, attendu[i].apres) << i;
    EXPECT_EQ(all[i].adresse, attendu[i].adresse ? "127.0.0.1" : "") << i;
    for (const std::string& secret :
         {std::string(kPassword), std::string("Mauvais-2026!"), first.substr(first.find('=') + 1),
          link.substr(link.find('=') + 1)})
      EXPECT_FALSE(contains(all[i].avant + all[i].apres + all[i].adresse, secret)) << i;
  }
}

TEST_F(Audit, the_failure_that_suspends_logins_says_so_and_blocked_attempts_add_nothing) {
  ASSERT_EQ(activate_agent(bureau, add_agent(portal, kGestionnaire), kPassword).status, 303);
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(staff_login(bureau, kGestionnaire, "Faux-2026!").status, 422);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(staff_login(bureau, kGestionnaire, kPassword).status, 429);
  std::vector<std::string> refus;
  for (const auto& e : entrees())
    if (e.action == domain::kActionAgentConnexionRefusee) refus.push_back(e.apres);
  ASSERT_EQ(refus.size(), 5u);
  EXPECT_EQ(refus.front(), R"({"motif":"mot_de_passe_incorrect"})");
  EXPECT_EQ(refus.back(), R"({"motif":"mot_de_passe_incorrect","suspendue":true})");
  // A pending staff member's refusal says why.
  add_agent(portal, "autre@ac-guyane.fr");
  ASSERT_EQ(staff_login(bureau, "autre@ac-guyane.fr", "Faux-2026!").status, 422);
  EXPECT_EQ(entrees().back().apres, R"({"motif":"compte_en_attente"})");
}

TEST_F(Audit, the_table_refuses_update_delete_and_truncate) {
  {
    store::Tx tx(portal.db());
    actions::journaliser_candidature(
        tx, actions::auteur_candidat(7, "192.0.2.1"), domain::kActionCandidatureInscrite, 12, "GUY",
        "", actions::etat_candidature(domain::EtatCandidature::inscrit, 1), portal.clock().now());
    tx.commit();
  }
  std::vector<std::string> attempts = {"UPDATE audit SET action = 'candidature.desinscrite'",
                                       "UPDATE audit SET avant = NULL WHERE id > 0",
                                       "DELETE FROM audit", "DELETE FROM audit WHERE id > 0"};
  if (portal.postgresql()) attempts.push_back("TRUNCATE audit");
  for (const auto& sql : attempts) {
    store::Tx tx(portal.db());
    EXPECT_THROW(store::sql_of(tx) << sql, std::exception) << sql;
  }
  const auto all = entrees();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].action, "candidature.inscrite");
  EXPECT_EQ(all[0].apres, R"({"etat":"inscrit","version":1})");
}

TEST_F(Audit, only_an_administrateur_reads_the_trail_and_only_his_academies) {
  EXPECT_EQ(bureau.get("/gestion/audit").header("location"), "/gestion/connexion?expiree=1");
  const long long guyane = candidature_inscrite(candidat, {}, "GUY", "9730538X");
  Client grenoble_candidat(portal.base_url());
  AccountSpec autre;
  autre.email = "lea.martin@example.fr";
  candidature_inscrite(grenoble_candidat, autre, "GRE", "0382029Z");
  Client gestionnaire(portal.base_url());
  agent_connecte(gestionnaire, kGestionnaire, "gestionnaire");
  EXPECT_EQ(gestionnaire.get("/gestion/audit").status, 404);
  EXPECT_FALSE(contains(gestionnaire.get("/gestion/").body, "href=\"/gestion/audit\""));
  agent_connecte(bureau, kAdmin, "administrateur");
  EXPECT_TRUE(contains(bureau.get("/gestion/").body, "href=\"/gestion/audit\""));
  const auto page = bureau.get("/gestion/audit");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Journal d'audit — Académie de la Guyane"));
  EXPECT_TRUE(contains(page.body, "<table id=\"audit\">"));
  // Newest first: his own login above the gestionnaire's addition.
  EXPECT_LT(page.body.find(html("Connexion d'un agent")), page.body.find("Agent ajouté"));
  EXPECT_TRUE(contains(page.body, "Agent " + std::string(kGestionnaire)));
  EXPECT_TRUE(contains(page.body, "Ligne de commande"));
  EXPECT_TRUE(contains(page.body, html("En attente d'activation, Gestionnaire, GUY")));
  EXPECT_TRUE(contains(page.body, "18/11/2026 à "));  // Paris time
  store::Read read(portal.db());
  const auto compte = store::find_compte_by_email(read, AccountSpec{}.email);
  EXPECT_TRUE(contains(page.body, "Candidature " + compte->numero_candidat + "-001"));
  EXPECT_TRUE(contains(page.body, "Candidat n° " + compte->numero_candidat));
  EXPECT_TRUE(contains(page.body, "Inscrit, version 1"));
  // Grenoble's candidature is not his académie's.
  const auto lea = store::find_compte_by_email(read, autre.email);
  EXPECT_FALSE(contains(page.body, lea->numero_candidat));
  // An administrateur of Grenoble sees Grenoble's entries and none of Guyane's.
  Client grenoble(portal.base_url());
  agent_connecte(grenoble, "admin@ac-grenoble.fr", "administrateur", "GRE");
  const auto sien = grenoble.get("/gestion/audit");
  ASSERT_EQ(sien.status, 200);
  EXPECT_TRUE(contains(sien.body, "Candidature " + lea->numero_candidat + "-001"));
  EXPECT_FALSE(contains(sien.body, compte->numero_candidat));
  EXPECT_FALSE(contains(sien.body, kGestionnaire));
  const auto filtre = grenoble.get("/gestion/audit?candidature=" + std::to_string(guyane));
  EXPECT_EQ(filtre.status, 422);
  EXPECT_TRUE(contains(filtre.body, "Aucune candidature de votre académie ne correspond."));
  const auto agent = grenoble.get("/gestion/audit?agent=marie.defi%40ac-guyane.fr");
  EXPECT_EQ(agent.status, 422);
  EXPECT_TRUE(contains(agent.body, html("Aucun agent de votre académie n'a cette adresse mail.")));
}

TEST_F(Audit, the_trail_is_filtered_by_candidature_or_by_staff_member) {
  const long long id = candidature_inscrite(candidat, {}, "GUY", "9730538X");
  const std::string path = "/inscription/" + std::to_string(id) + "/desinscrire";
  individuel(id);
  ASSERT_EQ(candidat.submit(path, path, {}).status, 303);
  Client gestionnaire(portal.base_url());
  agent_connecte(gestionnaire, kGestionnaire, "gestionnaire");
  agent_connecte(bureau, kAdmin, "administrateur");
  store::Read read(portal.db());
  const std::string numero =
      store::find_compte_by_email(read, AccountSpec{}.email)->numero_candidat;
  for (const std::string& valeur : {std::to_string(id), numero + "-001", numero + "%20%2F%201"}) {
    const auto page = bureau.get("/gestion/audit?candidature=" + valeur);
    ASSERT_EQ(page.status, 200) << valeur;
    EXPECT_TRUE(contains(page.body, "Candidature enregistrée")) << valeur;
    EXPECT_TRUE(contains(page.body, "Désinscription par le candidat")) << valeur;
    EXPECT_FALSE(contains(page.body, "Agent ajouté")) << valeur;
  }
  // By staff member: what concerns him and what he did, nothing of the others.
  const auto marie = bureau.get("/gestion/audit?agent=Marie.Defi%40AC-Guyane.fr");
  ASSERT_EQ(marie.status, 200);
  EXPECT_TRUE(contains(marie.body, "Agent ajouté"));
  EXPECT_TRUE(contains(marie.body, html("Connexion d'un agent")));
  EXPECT_FALSE(contains(marie.body, kAdmin));
  EXPECT_FALSE(contains(marie.body, "Candidature enregistrée"));
  // Each bad value is named next to its field, and nothing is listed.
  const std::vector<std::tuple<std::string, std::string, std::string>> mauvais = {
      {"candidature=abc", "candidature", "Saisissez l'identifiant de la candidature"},
      {"candidature=" + numero, "candidature", "Ajoutez le N° d'inscription"},
      {"candidature=99999", "candidature", "Aucune candidature de votre académie ne correspond."},
      {"candidature=" + numero + "-002", "candidature",
       "Aucune candidature de votre académie ne correspond."},
      {"agent=marie", "agent", "Saisissez l'adresse mail d'un agent"},
      {"agent=personne%40ac-guyane.fr", "agent",
       "Aucun agent de votre académie n'a cette adresse mail."},
      {"agent=marie%01%40ac-guyane.fr", "agent",
       "Ce champ contient des caractères non autorisés."}};
  for (const auto& [query, champ, message] : mauvais) {
    const auto page = bureau.get("/gestion/audit?" + query);
    EXPECT_EQ(page.status, 422) << query;
    const auto messages = page.body.find("id=\"" + champ + "-messages\"");
    ASSERT_NE(messages, std::string::npos) << query;
    EXPECT_NE(page.body.find(html(message), messages), std::string::npos) << query;
    EXPECT_FALSE(contains(page.body, "<table id=\"audit\">")) << query;
  }
}

TEST_F(Audit, the_trail_is_paged_fifty_entries_at_a_time_newest_first) {
  agent_connecte(bureau, kAdmin, "administrateur");
  const long long id = agent_id(kAdmin);
  store::Agent sujet;
  sujet.id = 999;
  sujet.academie = "GUY";
  {
    store::Tx tx(portal.db());
    for (int i = 1; i <= 110; ++i) {
      sujet.email = "agent" + std::to_string(i);
      actions::journaliser_agent(tx, actions::auteur_agent(id, "192.0.2." + std::to_string(i)),
                                 domain::kActionAgentConnecte, sujet, "", "", portal.clock().now());
    }
    tx.commit();
  }
  std::vector<std::string> pages;
  std::string next = "/gestion/audit?agent=admin%40ac-guyane.fr";
  while (!next.empty() && pages.size() < 5) {
    const auto page = bureau.get(next);
    ASSERT_EQ(page.status, 200) << next;
    pages.push_back(page.body);
    next.clear();
    const auto link = page.body.find("id=\"plus-anciennes\" href=\"");
    if (link == std::string::npos) continue;
    const auto start = link + std::string("id=\"plus-anciennes\" href=\"").size();
    next = unescape_amp(page.body.substr(start, page.body.find('"', start) - start));
    EXPECT_TRUE(contains(next, "agent=admin%40ac-guyane.fr")) << next;
  }
  // 110 + his addition, activation and login: 50, 50 and 13.
  ASSERT_EQ(pages.size(), 3u);
  const auto rows = [](const std::string& body) {
    int n = 0;
    for (auto p = body.find("<tr>"); p != std::string::npos; p = body.find("<tr>", p + 1)) ++n;
    return n - 1;  // the header's
  };
  EXPECT_EQ(rows(pages[0]), 50);
  EXPECT_EQ(rows(pages[1]), 50);
  EXPECT_EQ(rows(pages[2]), 13);
  EXPECT_TRUE(contains(pages[0], "192.0.2.110"));
  EXPECT_LT(pages[0].find("192.0.2.110<"), pages[0].find("192.0.2.61<"));
  EXPECT_TRUE(contains(pages[1], "192.0.2.60<"));
  EXPECT_TRUE(contains(pages[1], "192.0.2.11<"));
  EXPECT_TRUE(contains(pages[2], "192.0.2.10<"));
  EXPECT_TRUE(contains(pages[2], "Agent ajouté"));
  EXPECT_FALSE(contains(pages[0], "Entrées les plus récentes"));
  EXPECT_TRUE(contains(pages[2], "Entrées les plus récentes"));
}

}  // namespace
}  // namespace examens::testing
