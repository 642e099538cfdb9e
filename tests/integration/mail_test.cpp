// The mail outbox on both backends: a mail queued with its cause, retried with
// back-off while the server is down, delivered once, never sent twice.
#include <gtest/gtest.h>

#include "integration/support.hpp"
#include "mail/retry.hpp"
#include "store/outbox.hpp"

namespace examens::testing {
namespace {

struct Row {
  int tentatives = 0;
  long long prochain_essai = 0;
  bool envoye = false;
  std::string chemin_eml;
};

Row row_of(store::Database& db) {
  store::Read read(db);
  Row r;
  long long envoye = 0;
  soci::indicator envoye_ind = soci::i_null;
  store::sql_of(read) << "SELECT tentatives, prochain_essai, envoye_le, chemin_eml FROM messages",
      soci::into(r.tentatives), soci::into(r.prochain_essai), soci::into(envoye, envoye_ind),
      soci::into(r.chemin_eml);
  r.envoye = envoye_ind == soci::i_ok;
  return r;
}

TEST(Outbox, retries_with_back_off_while_the_server_is_down_then_delivers_once) {
  TestPortal portal;
  Client client(portal.base_url());
  AccountSpec spec;
  create_account(portal, client, spec, false);

  // Nothing listens on port 1: the SMTP transport fails like a server that is down.
  mail::SenderOptions options;
  options.from_address = "ne-pas-repondre@examens.test";
  mail::Sender down(portal.db(), portal.clock(), mail::make_transport("smtp://127.0.0.1:1"),
                    options);
  EXPECT_EQ(down.deliver_due(), 0);
  Row r = row_of(portal.db());
  EXPECT_EQ(r.tentatives, 1);
  EXPECT_FALSE(r.envoye);
  const long long first_failure = portal.clock().now().time_since_epoch().count();
  EXPECT_EQ(r.prochain_essai, first_failure + mail::retry_delay(1).count());

  // Not due again before the back-off ends.
  EXPECT_EQ(down.deliver_due(), 0);
  EXPECT_EQ(row_of(portal.db()).tentatives, 1);

  portal.clock().advance(mail::retry_delay(1));
  EXPECT_EQ(portal.sender().deliver_due(), 1);
  r = row_of(portal.db());
  EXPECT_TRUE(r.envoye);
  EXPECT_TRUE(r.chemin_eml.ends_with(".eml"));
  EXPECT_TRUE(std::filesystem::exists(r.chemin_eml));

  // Delivered: never sent again, whatever happens later.
  portal.clock().advance(std::chrono::hours(24));
  EXPECT_EQ(portal.sender().deliver_due(), 0);
}

TEST(Outbox, a_claimed_mail_is_not_taken_by_a_second_sender) {
  TestPortal portal;
  Client client(portal.base_url());
  create_account(portal, client, AccountSpec{}, false);
  std::vector<store::OutboxMail> first, second;
  {
    store::Tx tx(portal.db());
    first = store::claim_due_mails(tx, portal.clock().now(), std::chrono::seconds(120), 10);
    tx.commit();
  }
  {
    store::Tx tx(portal.db());
    second = store::claim_due_mails(tx, portal.clock().now(), std::chrono::seconds(120), 10);
    tx.commit();
  }
  EXPECT_EQ(first.size(), 1u);
  EXPECT_TRUE(second.empty());
}

TEST(Outbox, a_refused_creation_queues_no_mail) {
  TestPortal portal;
  Client client(portal.base_url());
  AccountSpec spec;
  auto fields = creation_fields(spec);
  for (auto& [k, v] : fields)
    if (k == "mot_de_passe_confirmation") v = "Autre-2026";
  EXPECT_EQ(client.submit("/compte/creer", "/compte/creer", fields).status, 422);
  store::Read read(portal.db());
  long long n = -1;
  store::sql_of(read) << "SELECT COUNT(*) FROM messages", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST(Pages, footer_pages_exist) {
  TestPortal portal;
  Client client(portal.base_url());
  for (const char* path :
       {"/plan-du-site", "/mentions-legales", "/accessibilite", "/aide-connexion"})
    EXPECT_EQ(client.get(path).status, 200) << path;
  EXPECT_EQ(client.get("/nulle-part").status, 404);
}

}  // namespace
}  // namespace examens::testing
