// What the pages of the closing-hour rush cost in statements sent to the database (each a
// round trip on PostgreSQL), on both backends: each reads the session in the same statement
// as what it shows (the route says what: portail::RouteHandler::lecture).
#include <gtest/gtest.h>

#include "integration/parcours.hpp"
#include "integration/support.hpp"
#include "portail/portal.hpp"

namespace examens::testing {
namespace {

const std::string kCle = "N-BCP-2027-GUY";

class StatementsPerPage : public ::testing::Test {
 protected:
  void SetUp() override {
    create_account(portal, client, spec, true);
    ASSERT_EQ(login(client, spec.email, spec.password).status, 303);
    ASSERT_EQ(parcours.demarrer("GUY").status, 303);
  }

  struct Answer {
    http::Response response;
    std::uint64_t statements = 0;
  };

  // The request as the server hands it to the portal, with the client's session cookie,
  // answered on this thread so that its statements are counted.
  Answer handle(http::Method method, const std::string& path, Fields form = {}) {
    http::Request request;
    request.method = method;
    request.target = request.path = path;
    request.remote_address = "127.0.0.1";
    request.cookies[std::string(portail::kSessionCookie)] =
        client.cookie(std::string(portail::kSessionCookie)).value_or("");
    request.form = std::move(form);
    const store::Activity activity;
    auto response = portal.portal().handle(request);
    return {std::move(response), activity.statements_sent()};
  }

  TestPortal portal;
  Client client{portal.base_url()};
  Parcours parcours{client};
  AccountSpec spec;
};

TEST_F(StatementsPerPage, the_logged_in_home_page_costs_one_statement_get_or_head) {
  for (const auto method : {http::Method::get, http::Method::head}) {
    const auto home = handle(method, "/");
    EXPECT_EQ(home.response.status, 200);
    EXPECT_TRUE(contains(home.response.body, "Mon espace candidat"));
    // Its list of drafts, read in that statement.
    EXPECT_TRUE(contains(home.response.body, onglet(kCle, 1)));
    EXPECT_EQ(home.statements, 1u);
  }
}

TEST_F(StatementsPerPage, a_wizard_tab_costs_one_statement_and_saving_it_two_round_trips) {
  const auto tab = handle(http::Method::get, onglet(kCle, 1));
  ASSERT_EQ(tab.response.status, 200);
  EXPECT_EQ(tab.statements, 1u);

  // The draft read with the session, then kept by one upsert: committed by itself on
  // PostgreSQL; on SQLite, where no statement is a round trip, between the BEGIN and COMMIT
  // of a batch shared with the other writers of the moment (here alone).
  Fields fields = exemple().at(1);
  fields.emplace_back("action", "suivant");
  fields.emplace_back("csrf", csrf_of(tab.response.body));
  const auto saved = handle(http::Method::post, onglet(kCle, 1), fields);
  EXPECT_EQ(saved.response.status, 303);
  EXPECT_EQ(saved.response.header("Location").value_or(""), onglet(kCle, 2));
  EXPECT_EQ(saved.statements, portal.db().backend() == store::Backend::postgresql ? 2u : 4u);
  // What was saved is what the next tab reads, in its one statement.
  const auto next = handle(http::Method::get, onglet(kCle, 2));
  EXPECT_EQ(next.response.status, 200);
  EXPECT_EQ(next.statements, 1u);
}

TEST_F(StatementsPerPage, enregistrer_costs_eleven_statements) {
  parcours.jusqu_aux_conditions("GUY", "9730538X");
  const auto tab = handle(http::Method::get, onglet(kCle, 8));
  ASSERT_EQ(tab.response.status, 200);
  Fields fields = exemple().at(8);
  fields.emplace_back("action", "enregistrer");
  fields.emplace_back("csrf", csrf_of(tab.response.body));
  const auto saved = handle(http::Method::post, onglet(kCle, 8), fields);
  EXPECT_EQ(saved.response.status, 303);
  EXPECT_TRUE(saved.response.header("Location").value_or("").ends_with("/numero"));
  // The session with the draft; then BEGIN, the draft deleted (the ticket), the numéro, the
  // candidature (its unique index keeps one active per exam and session), its version 1,
  // the journal, its two documents, the mail, COMMIT.
  EXPECT_EQ(saved.statements, 11u);
}

TEST_F(StatementsPerPage, the_tabs_posts_run_on_the_pool_of_shared_commits_on_sqlite) {
  http::ServerOptions options;
  portal.portal().serve_with(options);
  const auto pool = [&](http::Method method, const std::string& path) {
    http::Request request;
    request.method = method;
    request.target = request.path = path;
    return options.pool_for(request);
  };
  // Grouped on SQLite only: PostgreSQL commits side by side.
  const auto writes = portal.db().backend() == store::Backend::postgresql ? http::Pool::general
                                                                          : http::Pool::commits;
  EXPECT_EQ(pool(http::Method::post, onglet(kCle, 8)), writes);  // Enregistrer
  EXPECT_EQ(pool(http::Method::post, onglet(kCle, 2)), writes);
  EXPECT_EQ(pool(http::Method::get, onglet(kCle, 8)), http::Pool::general);
  EXPECT_EQ(pool(http::Method::post, "/inscription/nouvelle"), http::Pool::general);
  EXPECT_EQ(pool(http::Method::post, "/connexion"), http::Pool::hashing);
}

TEST_F(StatementsPerPage, another_accounts_draft_under_the_same_key_is_not_read) {
  Client other{portal.base_url()};
  AccountSpec autre{"anne.durand@example.fr", "Secret-2026", "DURAND", "Anne"};
  create_account(portal, other, autre, true);
  ASSERT_EQ(login(other, autre.email, autre.password).status, 303);
  // The same key, with no draft of his own: nothing to show him.
  const auto tab = other.get(onglet(kCle, 1));
  EXPECT_EQ(tab.status, 404);
  EXPECT_EQ(client.get(onglet(kCle, 1)).status, 200);
}

TEST_F(StatementsPerPage, head_of_the_logged_in_home_page_over_http_has_get_headers_no_body) {
  const auto get = client.get("/");
  ASSERT_EQ(get.status, 200);
  const auto head = client.head("/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("content-type"), get.header("content-type"));
  EXPECT_EQ(head.header("cache-control"), "no-store");
}

}  // namespace
}  // namespace examens::testing
