// Staff accounts and the office's space under /gestion/, on SQLite and on PostgreSQL: the
// `staff` command, activation, login, throttling, the staff cookie, and the wall between the
// candidates' sessions and the staff's.
#include <gtest/gtest.h>

#include "integration/bureau.hpp"
#include "store/agents.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;

class Gestion : public ::testing::Test {
 protected:
  Command staff(const std::vector<std::string>& args) { return testing::staff(portal, args); }

  // The activation link printed by `staff add`, as a path.
  std::string add(const std::string& email, const std::string& role = "gestionnaire") {
    return add_agent(portal, email, role);
  }

  HttpResult activate(const std::string& path, const std::string& password) {
    return activate_agent(client, path, password);
  }

  // A gestionnaire of Guyane, activated, and logged in on `client`.
  void active_agent() {
    ASSERT_EQ(activate(add(kEmail), kPassword).status, 303);
    ASSERT_EQ(staff_login(client, kEmail, kPassword).status, 303);
  }

  static constexpr const char* kEmail = "marie.defi@ac-guyane.fr";
  static constexpr const char* kPassword = "Gestion-2026!";
  TestPortal portal;
  Client client{portal.base_url()};
};

TEST_F(Gestion, staff_add_prints_an_activation_link_and_stores_a_pending_agent) {
  const auto added = staff({"add", "--academie", "guy", "--role", "gestionnaire", kEmail});
  ASSERT_EQ(added.status, 0) << added.err;
  EXPECT_TRUE(contains(added.out, portal.base_url() + "/gestion/activer?jeton="));
  EXPECT_TRUE(contains(added.out, "7 jours"));
  store::Read read(portal.db());
  const auto agent = store::find_agent_by_email(read, "Marie.Defi@AC-Guyane.fr");
  ASSERT_TRUE(agent);
  EXPECT_EQ(agent->academie, "GUY");
  EXPECT_EQ(agent->role, "gestionnaire");
  EXPECT_EQ(agent->etat, "en_attente");
  EXPECT_TRUE(agent->mot_de_passe.empty());
}

TEST_F(Gestion, adding_a_pending_agent_again_gives_a_new_link_and_voids_the_old) {
  const std::string first = add(kEmail);
  const std::string second = add(kEmail, "administrateur");
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(client.get(first).status, 410);
  ASSERT_EQ(activate(second, kPassword).status, 303);
  {
    store::Read read(portal.db());
    EXPECT_EQ(store::find_agent_by_email(read, kEmail)->role, "administrateur");
  }
  // Once active, the email is taken.
  const auto again = staff({"add", "--academie", "GUY", "--role", "gestionnaire", kEmail});
  EXPECT_EQ(again.status, 1);
  EXPECT_TRUE(contains(again.err, "Un agent existe déjà avec cette adresse mail"));
  store::Read read(portal.db());
  EXPECT_EQ(store::find_agent_by_email(read, kEmail)->role, "administrateur");
}

TEST_F(Gestion, staff_add_refuses_an_unknown_academie_or_role) {
  const auto academie = staff({"add", "--academie", "XYZ", "--role", "gestionnaire", kEmail});
  EXPECT_EQ(academie.status, 1);
  EXPECT_TRUE(contains(academie.err, "Académie inconnue")) << academie.err;
  const auto role = staff({"add", "--academie", "GUY", "--role", "directeur", kEmail});
  EXPECT_EQ(role.status, 1);
  EXPECT_TRUE(contains(role.err, "Rôle inconnu")) << role.err;
  const auto email = staff({"add", "--academie", "GUY", "--role", "gestionnaire", "marie"});
  EXPECT_EQ(email.status, 1);
  EXPECT_EQ(staff({"add", "--academie", "GUY", kEmail, "--role"}).status, 2);
  EXPECT_EQ(staff({"remove", kEmail}).status, 2);
  store::Read read(portal.db());
  EXPECT_TRUE(store::list_agents(read).empty());
}

TEST_F(Gestion, activation_sets_a_password_under_the_candidates_rule_once) {
  const std::string link = add(kEmail);
  ASSERT_FALSE(link.empty());
  const auto form = client.get(link);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "Activer mon compte"));
  const auto weak = activate(link, "court");
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(contains(weak.body, "id=\"mot_de_passe-messages\""));
  EXPECT_TRUE(contains(weak.body, "fr-message--error"));
  {
    store::Read read(portal.db());
    EXPECT_EQ(store::find_agent_by_email(read, kEmail)->etat, "en_attente");
  }
  const auto done = activate(link, kPassword);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), "/gestion/connexion?active=1");
  EXPECT_EQ(client.get(link).status, 410);
  const std::string jeton = link.substr(link.find("jeton=") + 6);
  EXPECT_EQ(client
                .post("/gestion/activer", {{"csrf", csrf_of(client.get("/gestion/connexion").body)},
                                           {"jeton", jeton},
                                           {"mot_de_passe", "Autre-2026!"},
                                           {"mot_de_passe_confirmation", "Autre-2026!"}})
                .status,
            410);
  store::Read read(portal.db());
  EXPECT_EQ(store::find_agent_by_email(read, kEmail)->etat, "actif");
}

TEST_F(Gestion, login_opens_the_office_home_with_a_cookie_of_its_own) {
  ASSERT_EQ(activate(add(kEmail), kPassword).status, 303);
  EXPECT_EQ(client.get("/gestion/").header("location"), "/gestion/connexion?expiree=1");
  const auto logged = staff_login(client, kEmail, kPassword);
  ASSERT_EQ(logged.status, 303);
  EXPECT_EQ(logged.header("location"), "/gestion/");
  std::string cookie;
  for (const auto& c : logged.set_cookies)
    if (c.starts_with("examens_gestion=")) cookie = c;
  EXPECT_TRUE(contains(cookie, "; Path=/gestion/")) << cookie;
  EXPECT_TRUE(contains(cookie, "; HttpOnly")) << cookie;
  EXPECT_TRUE(contains(cookie, "; SameSite=Strict")) << cookie;
  EXPECT_FALSE(contains(cookie, "Secure")) << cookie;  // http: the browser would drop it
  EXPECT_FALSE(client.cookie("examens_session"));
  const auto home = client.get("/gestion/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(contains(home.body, "Espace gestion — Académie de la Guyane"));
  EXPECT_TRUE(contains(home.body, "Marie Défi"));
  EXPECT_TRUE(contains(home.body, "Gestionnaire"));
  EXPECT_TRUE(contains(home.body, "action=\"/gestion/deconnexion\""));
  // Logout ends the session on the server, not only in the browser.
  const std::string token = *client.cookie("examens_gestion");
  const auto out = client.post("/gestion/deconnexion", {{"csrf", csrf_of(home.body)}});
  EXPECT_EQ(out.header("location"), "/gestion/connexion?deconnecte=1");
  Client replay(portal.base_url());
  replay.set_cookie("examens_gestion", token);
  EXPECT_EQ(replay.get("/gestion/").status, 303);
}

TEST_F(Gestion, wrong_passwords_are_throttled_like_candidates_and_unknown_emails_alike) {
  ASSERT_EQ(activate(add(kEmail), kPassword).status, 303);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(staff_login(client, kEmail, "Wrong-pass1").status, 422) << i;
  const auto blocked = staff_login(client, kEmail, kPassword);
  EXPECT_EQ(blocked.status, 429);
  EXPECT_TRUE(contains(blocked.body, "Trop de tentatives"));
  portal.clock().advance(1min);
  EXPECT_EQ(staff_login(client, kEmail, kPassword).status, 303);
  // An unknown email gets the wrong password's answer, and its own counter.
  Client other(portal.base_url());
  const auto unknown = staff_login(other, "personne@ac-guyane.fr", "Wrong-pass1");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(contains(unknown.body, "Adresse mail ou mot de passe incorrect."));
  // A pending staff member, who has no password yet, is not told apart either.
  add("autre@ac-guyane.fr");
  EXPECT_EQ(staff_login(other, "autre@ac-guyane.fr", "Wrong-pass1").status, 422);
  // Missing fields are named next to them.
  const auto empty = staff_login(other, "", "");
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, "Veuillez saisir votre adresse mail."));
  EXPECT_TRUE(contains(empty.body, "Veuillez saisir votre mot de passe."));
}

TEST_F(Gestion, a_candidate_session_gives_nothing_under_gestion) {
  activated_account(portal);
  ASSERT_EQ(login(client, "paul.lamy@example.fr", "Secret-2026").status, 303);
  ASSERT_EQ(client.get("/").status, 200);
  EXPECT_EQ(client.get("/gestion/").header("location"), "/gestion/connexion?expiree=1");
  // Its token under the staff cookie's name is looked for among staff sessions only.
  Client forged(portal.base_url());
  forged.set_cookie("examens_gestion", *client.cookie("examens_session"));
  EXPECT_EQ(forged.get("/gestion/").header("location"), "/gestion/connexion?expiree=1");
}

TEST_F(Gestion, a_staff_session_gives_nothing_on_the_candidate_pages) {
  active_agent();
  ASSERT_EQ(client.get("/gestion/").status, 200);
  EXPECT_EQ(client.get("/gestion").header("location"), "/gestion/");
  // The client sends its staff cookie everywhere (a browser would not): still anonymous.
  EXPECT_FALSE(contains(client.get("/").body, "Mon espace candidat"));
  EXPECT_EQ(client.get("/compte/modifier").header("location"), "/connexion?expiree=1");
  Client forged(portal.base_url());
  forged.set_cookie("examens_session", *client.cookie("examens_gestion"));
  EXPECT_EQ(forged.get("/compte/modifier").header("location"), "/connexion?expiree=1");
}

TEST_F(Gestion, a_desactive_agent_cannot_log_in_and_loses_his_sessions) {
  active_agent();
  ASSERT_EQ(client.get("/gestion/").status, 200);
  const auto off = staff({"desactiver", kEmail});
  ASSERT_EQ(off.status, 0) << off.err;
  EXPECT_EQ(client.get("/gestion/").header("location"), "/gestion/connexion?expiree=1");
  Client again(portal.base_url());
  const auto refused = staff_login(again, kEmail, kPassword);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(contains(refused.body, "Ce compte est désactivé"));
  EXPECT_FALSE(again.cookie("examens_gestion"));
  EXPECT_EQ(staff({"desactiver", "personne@ac-guyane.fr"}).status, 1);
}

TEST_F(Gestion, staff_list_shows_each_agent) {
  add(kEmail);
  add("admin@ac-guyane.fr", "administrateur");
  const auto listed = staff({"list"});
  EXPECT_EQ(listed.status, 0);
  EXPECT_TRUE(contains(listed.out, "GUY\tadministrateur\ten_attente\tadmin@ac-guyane.fr"));
  EXPECT_TRUE(contains(listed.out, "GUY\tgestionnaire\ten_attente\t" + std::string(kEmail)));
}

}  // namespace
}  // namespace examens::testing
