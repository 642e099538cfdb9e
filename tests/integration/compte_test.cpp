// The account life cycle over HTTP, on SQLite and on PostgreSQL (SPEC §3):
// creation, activation, login, throttling, reset, modification lock, deletion, messages.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"
#include "store/sessions.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;

std::string path_of(const std::string& link) {
  return link.substr(link.find('/', 8));
}
std::string token_of(const std::string& link) {
  return link.substr(link.find("jeton=") + 6);
}

// The form's error block (partials/resume_erreurs), empty when the page has none.
std::string error_summary(const std::string& body) {
  const auto start = body.find("role=\"alert\" id=\"resume-erreurs\"");
  if (start == std::string::npos) return "";
  return body.substr(start, body.find("</div>", start) - start);
}

// Whether field `id` shows `message` with the DSFR error markup: its group and input in error,
// the input described by its messages block, and the message in that block.
bool shows_field_error(const std::string& body, const std::string& id, const std::string& message) {
  const std::string within_group = "(?:(?!fr-input-group)[\\s\\S])*?";
  return std::regex_search(
      body,
      std::regex("fr-input-group fr-input-group--error\">\\s*<label class=\"fr-label\" "
                 "for=\"" +
                 id + "\">" + within_group + "<input class=\"[^\"]*fr-input--error\"[^>]* id=\"" +
                 id + "\"[^>]* aria-describedby=\"" + id + "-messages\">" + within_group +
                 "<div class=\"fr-messages-group\" id=\"" + id +
                 "-messages\" aria-live=\"polite\">\\s*<p class=\"fr-message "
                 "fr-message--error\">" +
                 message + "</p>"));
}

long long count(store::Database& db, const std::string& sql) {
  store::Read read(db);
  long long n = 0;
  store::sql_of(read) << sql, soci::into(n);
  return n;
}

void add_candidature(store::Database& db, const std::string& email) {
  store::Tx tx(db);
  auto compte = store::find_compte_by_email(tx, email);
  ASSERT_TRUE(compte);
  store::insert_candidature(tx, compte->id, "BCP", "2027", "GUY", "{}",
                            domain::Instant(std::chrono::seconds(1795000000)));
  tx.commit();
}

class Compte : public ::testing::Test {
 protected:
  TestPortal portal;
  Client client{portal.base_url()};
  AccountSpec spec;
};

TEST_F(Compte, creation_leaves_account_pending_and_mails_activation_link) {
  const auto created = client.submit("/compte/creer", "/compte/creer", creation_fields(spec));
  ASSERT_EQ(created.status, 200);
  EXPECT_TRUE(contains(created.body, "Votre compte est en cours de création"));
  EXPECT_TRUE(contains(created.body, spec.email));

  const auto refused = login(client, spec.email, spec.password);
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(contains(refused.body, "pas encore activé"));

  const std::string link = portal.link_in_mail(spec.email, "/compte/activer?jeton=");
  ASSERT_FALSE(link.empty());
  EXPECT_TRUE(link.starts_with(portal.base_url()));
  const auto page = client.get(path_of(link));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Activer mon compte"));
  const auto activated =
      client.submit(path_of(link), "/compte/activer", {{"jeton", token_of(link)}});
  EXPECT_EQ(activated.status, 303);
  EXPECT_EQ(activated.header("location"), "/connexion?active=1");

  const auto logged = login(client, spec.email, spec.password);
  EXPECT_EQ(logged.status, 303);
  const auto home = client.get("/");
  EXPECT_TRUE(std::regex_search(home.body, std::regex("N°Candidat: <strong>[0-9]{11}</strong>")));
  EXPECT_TRUE(contains(home.body, "LAMY Paul"));
  EXPECT_TRUE(contains(home.body, "Vous n'avez aucune candidature active."));
}

TEST_F(Compte, activation_mail_has_the_seed_subject_and_48h_warning) {
  create_account(portal, client, spec, false);
  const auto mails = portal.mails_to(spec.email);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(contains(mails[0], "Ce lien n'est valable que pour une durée de 48h"));
  store::Read read(portal.db());
  std::string objet, eml;
  store::sql_of(read) << "SELECT objet, chemin_eml FROM messages", soci::into(objet),
      soci::into(eml);
  EXPECT_EQ(objet, "[Examens] Activer mon compte");
  EXPECT_TRUE(std::filesystem::exists(eml)) << eml;
}

TEST_F(Compte, refuses_a_post_without_csrf_token) {
  client.get("/compte/creer");
  const auto r = client.post("/compte/creer", creation_fields(spec));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
  auto fields = creation_fields(spec);
  fields.emplace_back("csrf", "forged-token");
  EXPECT_EQ(client.post("/compte/creer", fields).status, 403);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
}

TEST_F(Compte, refuses_an_email_already_held_whatever_its_case) {
  create_account(portal, client, spec, false);
  AccountSpec twin = spec;
  twin.email = "Paul.LAMY@Example.fr";
  Client other(portal.base_url());
  const auto r = other.submit("/compte/creer", "/compte/creer", creation_fields(twin));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "Cette adresse mail existe déjà dans l&apos;application"));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 1);
}

TEST_F(Compte, control_characters_are_refused_next_to_the_field_and_nothing_is_stored) {
  auto fields = creation_fields(spec);
  for (auto& [name, value] : fields) {
    if (name == "pays_naissance") value = "MA";
    if (name == "departement_naissance" || name == "commune_naissance_code") value = "";
    if (name == "commune_naissance") value = "Bâle\r\nX\a";
  }
  const auto r = client.submit("/compte/creer", "/compte/creer", fields);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body,
                       "id=\"commune_naissance-messages\" aria-live=\"polite\">\n    <p "
                       "class=\"fr-message fr-message--error\">Ce champ contient des caractères "
                       "non autorisés.</p>"))
      << r.body;
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
  EXPECT_TRUE(portal.mails_to(spec.email).empty());
}

TEST_F(Compte, refused_form_keeps_what_was_typed_but_not_passwords) {
  AccountSpec weak = spec;
  weak.password = "motdepasse";
  const auto r = client.submit("/compte/creer", "/compte/creer", creation_fields(weak));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "value=\"LAMY\""));
  EXPECT_TRUE(contains(r.body, "value=\"paul.lamy@example.fr\""));
  EXPECT_FALSE(contains(r.body, "motdepasse"));
  EXPECT_TRUE(contains(r.body, "fr-input-group--error"));
  EXPECT_TRUE(contains(r.body, "au moins une minuscule, une majuscule et un caractère spécial"));
}

TEST_F(Compte, a_date_typed_with_single_digits_is_taken_as_the_seed_writes_it) {
  auto fields = creation_fields(spec);
  for (auto& [name, value] : fields) {
    if (name == "date_naissance" || name == "date_naissance_confirmation") value = "6/5/2005";
    if (name == "mot_de_passe_confirmation") value = "Autre-2026!";
  }
  const auto r = client.submit("/compte/creer", "/compte/creer", fields);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(
      contains(r.body, "id=\"date_naissance\" name=\"date_naissance\" value=\"06/05/2005\""));
  EXPECT_FALSE(contains(r.body, "La date de naissance doit être une date valide"));
  // The département list reads as the seed's.
  EXPECT_TRUE(contains(r.body, "<option value=\"35\" selected>035 - ILLE-ET-VILAINE</option>"));
}

TEST_F(Compte, activation_link_is_single_use) {
  create_account(portal, client, spec, false);
  const std::string link = portal.link_in_mail(spec.email, "/compte/activer?jeton=");
  EXPECT_EQ(client.submit(path_of(link), "/compte/activer", {{"jeton", token_of(link)}}).status,
            303);
  const auto again = client.submit("/connexion", "/compte/activer", {{"jeton", token_of(link)}});
  EXPECT_EQ(again.status, 410);
  EXPECT_TRUE(contains(again.body, "déjà été utilisé"));
}

TEST_F(Compte, tampered_activation_token_is_refused) {
  create_account(portal, client, spec, false);
  std::string token = token_of(portal.link_in_mail(spec.email, "/compte/activer?jeton="));
  token[3] = token[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(client.get("/compte/activer?jeton=" + token).status, 410);
  EXPECT_EQ(client.submit("/connexion", "/compte/activer", {{"jeton", token}}).status, 410);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 403);
}

TEST_F(Compte, unactivated_account_is_refused_then_purged_after_48_hours) {
  create_account(portal, client, spec, false);
  const std::string link = portal.link_in_mail(spec.email, "/compte/activer?jeton=");
  portal.clock().advance(48h);
  const auto late = client.submit("/connexion", "/compte/activer", {{"jeton", token_of(link)}});
  EXPECT_EQ(late.status, 410);
  EXPECT_TRUE(contains(late.body, "expiré"));
  {
    store::Tx tx(portal.db());
    EXPECT_EQ(store::purge_pending_comptes(tx, portal.clock().now() - 48h), 1);
    tx.commit();
  }
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM messages"), 0);
  // The numéro stays reserved: never given again.
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM numeros_candidat"), 1);
}

TEST_F(Compte, activated_account_survives_the_purge) {
  create_account(portal, client, spec, true);
  portal.clock().advance(72h);
  store::Tx tx(portal.db());
  EXPECT_EQ(store::purge_pending_comptes(tx, portal.clock().now() - 48h), 0);
}

TEST_F(Compte, logs_in_with_email_or_numero_candidat) {
  create_account(portal, client, spec, true);
  std::string numero;
  {
    store::Read read(portal.db());
    store::sql_of(read) << "SELECT numero_candidat FROM comptes", soci::into(numero);
  }
  ASSERT_EQ(numero.size(), 11u);
  Client by_numero(portal.base_url());
  EXPECT_EQ(login(by_numero, numero, spec.password).status, 303);
  Client by_email(portal.base_url());
  EXPECT_EQ(login(by_email, "  PAUL.Lamy@example.fr ", spec.password).status, 303);
  Client wrong(portal.base_url());
  const auto r = login(wrong, numero, "Wrong-2026");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "Identifiant ou mot de passe incorrect."));
}

TEST_F(Compte, an_empty_login_shows_each_error_next_to_its_field_and_in_the_summary) {
  const auto r = login(client, "", "");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(
      shows_field_error(r.body, "identifiant", "Veuillez saisir votre identifiant de connexion."))
      << r.body;
  EXPECT_TRUE(shows_field_error(r.body, "mot_de_passe", "Veuillez saisir votre mot de passe."))
      << r.body;
  const std::string summary = error_summary(r.body);
  EXPECT_TRUE(contains(summary,
                       "<a href=\"#identifiant\">Veuillez saisir votre identifiant de "
                       "connexion.</a>"))
      << r.body;
  EXPECT_TRUE(
      contains(summary, "<a href=\"#mot_de_passe\">Veuillez saisir votre mot de passe.</a>"))
      << r.body;
}

TEST_F(Compte, wrong_credentials_are_told_in_the_summary_and_no_field_is_marked) {
  create_account(portal, client, spec, true);
  const auto r = login(client, spec.email, "Wrong-2026");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(error_summary(r.body), "<p>Identifiant ou mot de passe incorrect.</p>"))
      << r.body;
  EXPECT_FALSE(contains(r.body, "fr-input-group--error"));
  EXPECT_TRUE(contains(r.body, "value=\"paul.lamy@example.fr\""));
}

TEST_F(Compte, login_issues_a_new_session_id_so_a_planted_one_is_useless) {
  create_account(portal, client, spec, true);
  const std::string planted = "attacker-chosen-session-id-0123456789";
  client.set_cookie("examens_session", planted);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 303);
  ASSERT_TRUE(client.cookie("examens_session"));
  EXPECT_NE(*client.cookie("examens_session"), planted);
  EXPECT_EQ(client.get("/compte/modifier").status, 200);

  Client attacker(portal.base_url());
  attacker.set_cookie("examens_session", planted);
  const auto r = attacker.get("/compte/modifier");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connexion?expiree=1");
}

std::string numero_of(store::Database& db, const std::string& email) {
  store::Read read(db);
  return store::find_compte_by_email(read, email)->numero_candidat;
}

TEST_F(Compte, throttles_failures_per_account_whatever_identifier_is_typed) {
  create_account(portal, client, spec, true);
  const std::string numero = numero_of(portal.db(), spec.email);
  // The email and the numéro de candidat name one account: five guesses in all.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login(client, i % 2 ? numero : spec.email, "Wrong-pass1").status, 422) << i;
  // Blocked even with the right password, and the answer does not say which part was wrong.
  const auto blocked = login(client, spec.email, spec.password);
  EXPECT_EQ(blocked.status, 429);
  EXPECT_TRUE(contains(blocked.body, "Trop de tentatives"));
  EXPECT_EQ(login(client, numero, spec.password).status, 429);
  portal.clock().advance(1min);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 303);
}

TEST_F(Compte, each_failure_after_the_limit_blocks_longer) {
  create_account(portal, client, spec, true);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login(client, spec.email, "Wrong-pass1").status, 422);
  portal.clock().advance(1min);
  EXPECT_EQ(login(client, spec.email, "Wrong-pass1").status, 422);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 429);
  portal.clock().advance(1min);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 429);  // 2 minutes this time
  portal.clock().advance(1min);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 303);
}

TEST_F(Compte, parallel_guesses_get_no_more_checks_than_allowed) {
  create_account(portal, client, spec, true);
  std::vector<long> statuses(40);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < statuses.size(); ++i)
    threads.emplace_back([&, i] {
      Client guesser(portal.base_url());
      statuses[i] = login(guesser, spec.email, "Wrong-pass" + std::to_string(i)).status;
    });
  for (auto& t : threads) t.join();
  // 422: the password was checked (and wrong); 429: refused before any check.
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 422), 5);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 35);
}

TEST_F(Compte, the_purge_forgets_counters_idle_for_a_day) {
  create_account(portal, client, spec, true);
  EXPECT_EQ(login(client, "personne@example.fr", "Wrong-pass1").status, 422);
  portal.clock().advance(12h);
  EXPECT_EQ(login(client, spec.email, "Wrong-pass1").status, 422);
  portal.clock().advance(12h);
  {
    // The unknown identifier's counter goes; the account's and the address's are 12 h old.
    store::Tx tx(portal.db());
    EXPECT_EQ(store::purge_throttles(tx, portal.clock().now() - 24h), 1);
    tx.commit();
  }
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM tentatives_connexion"), 2);
}

TEST_F(Compte, a_new_password_lifts_the_block_at_once) {
  create_account(portal, client, spec, true);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login(client, spec.email, "Wrong-pass1").status, 422);
  ASSERT_EQ(login(client, spec.email, spec.password).status, 429);
  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  const std::string link = portal.link_in_mail(spec.email, "/mot-de-passe/nouveau?jeton=");
  ASSERT_FALSE(link.empty());
  ASSERT_EQ(client
                .submit(path_of(link), "/mot-de-passe/nouveau",
                        {{"jeton", token_of(link)},
                         {"mot_de_passe", "Nouveau-2026"},
                         {"mot_de_passe_confirmation", "Nouveau-2026"}})
                .status,
            303);
  EXPECT_EQ(login(client, spec.email, "Nouveau-2026").status, 303);
}

TEST_F(Compte, throttles_repeated_failures_from_one_address) {
  create_account(portal, client, spec, true);
  for (int i = 0; i < 30; ++i)
    EXPECT_EQ(login(client, "inconnu" + std::to_string(i) + "@example.fr", "Wrong-pass1").status,
              422);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 429);
}

TEST_F(Compte, forgotten_password_answers_the_same_whether_or_not_the_account_exists) {
  create_account(portal, client, spec, true);
  const auto known =
      client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  const auto unknown = client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie",
                                     {{"identifiant", "personne@example.fr"}});
  EXPECT_EQ(known.status, unknown.status);
  EXPECT_EQ(known.body, unknown.body);
  // The request did the same work both ways: it recorded a request, and built no mail.
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM demandes_mot_de_passe"), 2);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM jetons WHERE usage = 'mot_de_passe'"), 0);
  EXPECT_EQ(portal.mails_to(spec.email).size(), 2u);  // activation, then reset
  EXPECT_TRUE(portal.mails_to("personne@example.fr").empty());
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM demandes_mot_de_passe"), 0);
}

TEST_F(Compte, an_empty_forgotten_password_request_shows_the_error_next_to_the_field) {
  const auto r =
      client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", ""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(
      shows_field_error(r.body, "identifiant", "Veuillez saisir votre identifiant de connexion."))
      << r.body;
  EXPECT_TRUE(contains(error_summary(r.body),
                       "<a href=\"#identifiant\">Veuillez saisir votre identifiant de "
                       "connexion.</a>"))
      << r.body;
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM demandes_mot_de_passe"), 0);
}

TEST_F(Compte, forgotten_password_records_no_over_long_identifier) {
  const auto unknown = client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie",
                                     {{"identifiant", "personne@example.fr"}});
  const auto long_one = client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie",
                                      {{"identifiant", std::string(100'000, 'a')}});
  EXPECT_EQ(long_one.status, unknown.status);
  EXPECT_EQ(long_one.body, unknown.body);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM demandes_mot_de_passe"), 1);
}

TEST_F(Compte, forgotten_password_mails_an_account_at_most_three_times_an_hour) {
  create_account(portal, client, spec, true);
  const std::string numero = numero_of(portal.db(), spec.email);
  for (int i = 0; i < 5; ++i)
    client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie",
                  {{"identifiant", i % 2 ? numero : spec.email}});
  EXPECT_EQ(portal.mails_to(spec.email).size(), 1u + 3u);
  portal.clock().advance(1h);
  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  EXPECT_EQ(portal.mails_to(spec.email).size(), 1u + 4u);
}

TEST_F(Compte, no_live_link_is_kept_or_shown_in_the_messages) {
  create_account(portal, client, spec, true);
  ASSERT_EQ(login(client, spec.email, spec.password).status, 303);
  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  portal.prepare_mails();
  // Queued, not delivered yet: the page already shows the kept text only.
  auto list = client.get("/messages");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.body, m, std::regex("href=\"(/messages/[0-9]+)\"")));
  const std::string reset_page = m[1];
  auto shown = client.get(reset_page);
  EXPECT_TRUE(contains(shown.body, "Modifier mon mot de passe"));
  EXPECT_FALSE(contains(shown.body, "jeton=")) << shown.body;
  EXPECT_TRUE(contains(shown.body, "[lien envoyé par mail, valable 2 heures]"));

  const std::string link = portal.link_in_mail(spec.email, "/mot-de-passe/nouveau?jeton=");
  ASSERT_FALSE(link.empty());  // the mail delivered has it
  const std::string token = token_of(link);
  shown = client.get(reset_page);
  EXPECT_FALSE(contains(shown.body, "jeton=")) << shown.body;
  EXPECT_FALSE(contains(shown.body, token));
  // Delivered: no stored text keeps the reset link or the activation link.
  EXPECT_EQ(count(portal.db(),
                  "SELECT COUNT(*) FROM messages WHERE texte LIKE '%jeton=%' OR "
                  "html LIKE '%jeton=%' OR texte_conserve <> '' OR html_conserve <> ''"),
            0);
  EXPECT_EQ(count(portal.db(),
                  "SELECT COUNT(*) FROM messages WHERE texte LIKE "
                  "'%[lien envoyé par mail, valable 48 heures]%' AND html LIKE "
                  "'%[lien envoyé par mail, valable 48 heures]%'"),
            1);
  list = client.get("/messages");
  EXPECT_FALSE(contains(list.body, "jeton="));
  // The link itself still works for the mailbox's owner.
  EXPECT_EQ(client.get(path_of(link)).status, 200);
}

TEST_F(Compte, mail_text_parts_are_plain_text_and_html_parts_escaped) {
  spec.email = "o'neil&co@example.fr";
  spec.nom = "O'NEIL";
  create_account(portal, client, spec, true);
  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  portal.mails_to(spec.email);
  store::Read read(portal.db());
  std::string texte, html;
  store::sql_of(read)
      << "SELECT texte, html FROM messages WHERE objet = '[Examens] Modifier mon mot de "
         "passe'",
      soci::into(texte), soci::into(html);
  EXPECT_TRUE(contains(texte, "votre compte (o'neil&co@example.fr)")) << texte;
  EXPECT_FALSE(contains(texte, "&apos;")) << texte;
  EXPECT_TRUE(contains(html, "votre compte (o&apos;neil&amp;co@example.fr)")) << html;
}

TEST_F(Compte, reset_link_changes_the_password_once_and_ends_other_sessions) {
  create_account(portal, client, spec, true);
  Client elsewhere(portal.base_url());
  ASSERT_EQ(login(elsewhere, spec.email, spec.password).status, 303);

  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  const std::string link = portal.link_in_mail(spec.email, "/mot-de-passe/nouveau?jeton=");
  ASSERT_FALSE(link.empty());
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"jeton", token_of(link)},
      {"mot_de_passe", "Nouveau-2026"},
      {"mot_de_passe_confirmation", "Nouveau-2026"}};
  const auto done = client.submit(path_of(link), "/mot-de-passe/nouveau", fields);
  EXPECT_EQ(done.status, 303);
  // Reused: the form page itself is gone (410), so post from another page's token.
  EXPECT_EQ(client.get(path_of(link)).status, 410);
  EXPECT_EQ(client.submit("/connexion", "/mot-de-passe/nouveau", fields).status, 410);

  EXPECT_EQ(elsewhere.get("/compte/modifier").status, 303);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 422);
  EXPECT_EQ(login(client, spec.email, "Nouveau-2026").status, 303);
}

TEST_F(Compte, reset_link_expires_and_a_tampered_one_is_refused) {
  create_account(portal, client, spec, true);
  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  const std::string link = portal.link_in_mail(spec.email, "/mot-de-passe/nouveau?jeton=");
  std::string tampered = token_of(link);
  tampered.back() = tampered.back() == 'x' ? 'y' : 'x';
  EXPECT_EQ(client.get("/mot-de-passe/nouveau?jeton=" + tampered).status, 410);
  portal.clock().advance(2h);
  EXPECT_EQ(client.get(path_of(link)).status, 410);
  const auto late = client.submit("/connexion", "/mot-de-passe/nouveau",
                                  {{"jeton", token_of(link)},
                                   {"mot_de_passe", "Nouveau-2026"},
                                   {"mot_de_passe_confirmation", "Nouveau-2026"}});
  EXPECT_EQ(late.status, 410);
  EXPECT_EQ(login(client, spec.email, spec.password).status, 303);
}

std::vector<std::pair<std::string, std::string>> modification(const AccountSpec& s,
                                                              const std::string& nom) {
  auto fields = creation_fields(s);
  for (auto& [k, v] : fields) {
    if (k == "nom_naissance" || k == "nom_naissance_confirmation") v = nom;
    if (k == "mot_de_passe" || k == "mot_de_passe_confirmation") v.clear();
  }
  return fields;
}

TEST_F(Compte, everything_can_change_before_any_candidature) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  const auto r =
      client.submit("/compte/modifier", "/compte/modifier", modification(spec, "DUBOIS"));
  EXPECT_EQ(r.status, 303);
  store::Read read(portal.db());
  EXPECT_EQ(store::find_compte_by_email(read, spec.email)->identite.nom_naissance, "DUBOIS");
}

TEST_F(Compte, once_a_candidature_exists_only_email_and_password_change) {
  create_account(portal, client, spec, true);
  add_candidature(portal.db(), spec.email);
  login(client, spec.email, spec.password);
  const auto page = client.get("/compte/modifier");
  EXPECT_TRUE(contains(page.body,
                       "id=\"nom_naissance\" name=\"nom_naissance\" value=\"LAMY\" "
                       "autocomplete=\"family-name\" required disabled"));
  const auto refused =
      client.submit("/compte/modifier", "/compte/modifier", modification(spec, "DUBOIS"));
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(
      contains(refused.body, "seuls l&apos;adresse mail et le mot de passe sont modifiables"));

  // The email still changes (with the current password), the identity does not.
  auto fields = modification(spec, "LAMY");
  for (auto& [k, v] : fields)
    if (k == "email" || k == "email_confirmation") v = "paul.nouveau@example.fr";
  fields.emplace_back("mot_de_passe_actuel", spec.password);
  EXPECT_EQ(client.submit("/compte/modifier", "/compte/modifier", fields).status, 303);
  store::Read read(portal.db());
  auto compte = store::find_compte_by_email(read, "paul.nouveau@example.fr");
  ASSERT_TRUE(compte);
  EXPECT_EQ(compte->identite.nom_naissance, "LAMY");
}

TEST_F(Compte, changing_the_email_needs_the_current_password) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  auto fields = modification(spec, "LAMY");
  for (auto& [k, v] : fields)
    if (k == "email" || k == "email_confirmation") v = "autre@example.fr";
  const auto r = client.submit("/compte/modifier", "/compte/modifier", fields);
  EXPECT_EQ(r.status, 422);
  store::Read read(portal.db());
  EXPECT_TRUE(store::find_compte_by_email(read, spec.email));
}

TEST_F(Compte, deletion_is_refused_while_a_candidature_is_attached) {
  create_account(portal, client, spec, true);
  add_candidature(portal.db(), spec.email);
  login(client, spec.email, spec.password);
  const auto r = client.submit("/compte/supprimer", "/compte/supprimer", {});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body,
                       "Le compte ne peut pas être supprimé car une ou plusieurs "
                       "candidatures y sont attachées"));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 1);
}

TEST_F(Compte, deletion_erases_the_account_and_ends_the_session) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  const auto confirm = client.get("/compte/supprimer");
  EXPECT_TRUE(contains(confirm.body, "vous vous apprêtez à supprimer votre compte"));
  const auto r = client.submit("/compte/supprimer", "/compte/supprimer", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM sessions"), 0);
  EXPECT_EQ(client.get("/compte/modifier").status, 303);
}

TEST_F(Compte, messages_list_every_mail_sent_newest_first) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  client.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", {{"identifiant", spec.email}});
  portal.mails_to(spec.email);
  const auto list = client.get("/messages");
  ASSERT_EQ(list.status, 200);
  const auto reset = list.body.find("Modifier mon mot de passe");
  const auto activation = list.body.find("Activer mon compte");
  ASSERT_NE(reset, std::string::npos);
  ASSERT_NE(activation, std::string::npos);
  EXPECT_LT(reset, activation);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.body, m, std::regex("href=\"(/messages/[0-9]+)\"")));
  const auto detail = client.get(m[1]);
  EXPECT_EQ(detail.status, 200);
  EXPECT_TRUE(contains(detail.body, "Le Service Gestionnaire"));
}

TEST_F(Compte, another_account_cannot_read_my_messages) {
  create_account(portal, client, spec, true);
  long long id = 0;
  {
    store::Read read(portal.db());
    store::sql_of(read) << "SELECT MIN(id) FROM messages", soci::into(id);
  }
  AccountSpec other_spec;
  other_spec.email = "autre@example.fr";
  Client other(portal.base_url());
  create_account(portal, other, other_spec, true);
  login(other, other_spec.email, other_spec.password);
  EXPECT_EQ(other.get("/messages/" + std::to_string(id)).status, 404);
}

TEST_F(Compte, logout_ends_the_session_on_the_server) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  const std::string cookie = *client.cookie("examens_session");
  const auto r = client.submit("/", "/deconnexion", {});
  EXPECT_EQ(r.status, 303);
  Client replay(portal.base_url());
  replay.set_cookie("examens_session", cookie);
  EXPECT_EQ(replay.get("/compte/modifier").status, 303);
}

TEST_F(Compte, session_expires_after_inactivity_and_can_be_extended) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  portal.clock().advance(25min);
  const auto page = client.get("/compte/modifier");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(client.post("/session/prolonger", {{"csrf", csrf_of(page.body)}}).status, 204);
  portal.clock().advance(25min);
  EXPECT_EQ(client.get("/compte/modifier").status, 200);
  portal.clock().advance(31min);
  EXPECT_EQ(client.get("/compte/modifier").status, 303);
}

TEST_F(Compte, an_active_session_still_ends_after_12_hours) {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  for (int i = 0; i < 24; ++i) {  // 11 h 59 min 36 s, never idle for 30 minutes
    portal.clock().advance(30min - 1s);
    ASSERT_EQ(client.get("/compte/modifier").status, 200) << i;
  }
  portal.clock().advance(29min);  // within the idle timeout, past the absolute limit
  EXPECT_EQ(client.get("/compte/modifier").status, 303);
}

TEST_F(Compte, concurrent_pages_refreshing_their_sessions_do_not_exhaust_the_pool) {
  create_account(portal, client, spec, true);
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<Client>(portal.base_url()));
    ASSERT_EQ(login(*clients.back(), spec.email, spec.password).status, 303);
  }
  portal.clock().advance(2min);  // every session is due for its refresh
  std::vector<long> statuses(clients.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < clients.size(); ++i)
    threads.emplace_back([&, i] { statuses[i] = clients[i]->get("/compte/modifier").status; });
  for (auto& t : threads) t.join();
  for (long status : statuses) EXPECT_EQ(status, 200);
}

TEST_F(Compte, the_user_can_end_his_other_sessions) {
  create_account(portal, client, spec, true);
  Client phone(portal.base_url());
  login(phone, spec.email, spec.password);
  login(client, spec.email, spec.password);
  const auto page = client.get("/compte/modifier");
  EXPECT_TRUE(contains(page.body, "Fermer mes autres sessions"));
  EXPECT_EQ(client.submit("/compte/modifier", "/compte/sessions/fermer", {}).status, 303);
  EXPECT_EQ(phone.get("/compte/modifier").status, 303);
  EXPECT_EQ(client.get("/compte/modifier").status, 200);
}

TEST_F(Compte, commune_search_finds_communes_of_the_chosen_departement) {
  const auto r = client.get("/referentiel/communes?departement=35&q=cesson");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"([{"code":"35051","nom":"Cesson-Sévigné"}])");
  EXPECT_EQ(client.get("/referentiel/communes?departement=75&q=ren").body, "[]");
  EXPECT_EQ(client.get("/referentiel/communes?departement=999&q=ren").status, 404);
}

TEST_F(Compte, commune_search_works_without_javascript) {
  auto fields = creation_fields(spec);
  for (auto& [k, v] : fields) {
    if (k == "commune_naissance") v = "saint";
    if (k == "commune_naissance_code") v.clear();
    if (k == "action") v = "chercher-commune";
  }
  const auto r = client.submit("/compte/creer", "/compte/creer", fields);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "value=\"35288\""));
  EXPECT_TRUE(contains(r.body, "Saint-Malo"));
  EXPECT_TRUE(contains(r.body, "value=\"LAMY\""));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
}

TEST_F(Compte, pages_carry_the_security_headers) {
  const auto r = client.get("/connexion");
  EXPECT_TRUE(contains(r.header("content-security-policy"), "script-src 'self'"));
  EXPECT_TRUE(contains(r.header("content-security-policy"), "frame-ancestors 'none'"));
  EXPECT_FALSE(contains(r.header("content-security-policy"), "script-src 'self' 'unsafe"));
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  // The stylesheet's name carries its content's hash: cached for a year.
  static const std::regex stylesheet(
      R"re(<link rel="stylesheet" href="(/assets/pages\.[0-9a-f]{10}\.css)">)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, stylesheet));
  const auto css = client.get(m[1]);
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_TRUE(contains(css.body, ".fr-btn{"));
  const auto own = client.get("/static/css/examens.css");
  EXPECT_EQ(own.status, 200);
  EXPECT_EQ(own.header("cache-control"), "public, max-age=3600");
  EXPECT_EQ(client.get("/dsfr/dsfr.min.css").status, 404);
}

}  // namespace
}  // namespace examens::testing
