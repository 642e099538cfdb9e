// The mail outbox on both backends: a mail queued with its cause, retried with
// back-off while the server is down, delivered once, never sent twice.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "integration/support.hpp"
#include "mail/retry.hpp"
#include "store/outbox.hpp"

namespace examens::testing {
namespace {

using std::chrono::seconds;

void queue_mails(store::Database& db, domain::Instant now, int n) {
  store::Tx tx(db);
  for (int i = 0; i < n; ++i) {
    store::OutboxMail m;
    m.destinataire = "candidat." + std::to_string(i) + "@example.fr";
    m.objet = "Objet";
    m.texte = "Texte";
    m.message_id = "<mail-" + std::to_string(i) + "@examens.test>";
    store::enqueue_mail(tx, m, now);
  }
  tx.commit();
}

// A relay answering each mail after `duree` of the manual clock (within SMTP's 20 s bound),
// recording what it accepted; `pendant` runs once, inside the first delivery that ends past
// `apres`: another instance's sender at that moment.
class Relais final : public mail::Transport {
 public:
  Relais(ManualClock& clock, seconds duree, std::vector<std::string>& acceptes)
      : clock_(clock), duree_(duree), acceptes_(acceptes) {}
  void pendant(domain::Instant apres, std::function<void()> f) {
    apres_ = apres;
    pendant_ = std::move(f);
  }
  mail::DeliveryResult deliver(const mail::Mail& mail) override {
    clock_.advance(duree_);
    acceptes_.push_back(mail.message_id);
    if (pendant_ && clock_.now() > apres_) std::exchange(pendant_, nullptr)();
    return {true, "250 2.0.0 Ok", false};
  }

 private:
  ManualClock& clock_;
  seconds duree_;
  std::vector<std::string>& acceptes_;
  domain::Instant apres_{};
  std::function<void()> pendant_;
};

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

// Two instances' senders at the same moment: the second claims while the first's claim is not
// committed yet (on PostgreSQL it reads the rows as unclaimed, then its guarded UPDATE waits
// for the first's locks and finds them taken).
TEST(Outbox, two_senders_claiming_at_once_take_each_mail_once) {
  TestDatabase base;
  ManualClock clock;
  queue_mails(base.db(), clock.now(), 3);
  std::vector<store::OutboxMail> first, second;
  store::Tx tx(base.db());
  first = store::claim_due_mails(tx, clock.now(), seconds(120), 10);
  std::thread other([&] {
    store::Tx tx2(base.db());
    second = store::claim_due_mails(tx2, clock.now(), seconds(120), 10);
    tx2.commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  tx.commit();
  other.join();
  EXPECT_EQ(first.size(), 3u);
  EXPECT_TRUE(second.empty()) << second.size() << " mails claimed twice";
}

// A relay slow enough that a batch outlasts its claim (8 mails of 20 s against a 120 s lease):
// another instance's sender, seeing the claim lapsed, must not send what the first is still
// going to send.
TEST(Outbox, a_batch_outlasting_its_claim_is_not_sent_by_two_senders) {
  TestDatabase base;
  ManualClock clock;
  queue_mails(base.db(), clock.now(), 8);
  std::vector<std::string> acceptes;
  mail::SenderOptions options;
  options.from_address = "ne-pas-repondre@examens.test";
  auto lent = std::make_unique<Relais>(clock, seconds(20), acceptes);
  auto* relais = lent.get();
  mail::Sender premier(base.db(), clock, std::move(lent), options);
  mail::Sender second(base.db(), clock, std::make_unique<Relais>(clock, seconds(0), acceptes),
                      options);
  relais->pendant(clock.now() + seconds(120), [&] { second.deliver_due(); });
  premier.deliver_due();
  second.deliver_due();

  std::map<std::string, int> envois;
  for (const auto& id : acceptes) ++envois[id];
  EXPECT_EQ(envois.size(), 8u);
  for (const auto& [id, n] : envois) EXPECT_EQ(n, 1) << id << " sent " << n << " times";
  store::Read read(base.db());
  long long envoyes = 0, tentatives = 0;
  store::sql_of(read) << "SELECT COUNT(envoye_le), SUM(tentatives) FROM messages",
      soci::into(envoyes), soci::into(tentatives);
  EXPECT_EQ(envoyes, 8);
  EXPECT_EQ(tentatives, 8);
}

// A relay that takes a millisecond a mail and counts them, read while the sender runs.
class Compteur final : public mail::Transport {
 public:
  explicit Compteur(std::atomic<int>& envoyes) : envoyes_(envoyes) {}
  mail::DeliveryResult deliver(const mail::Mail&) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ++envoyes_;
    return {true, "250 2.0.0 Ok", false};
  }

 private:
  std::atomic<int>& envoyes_;
};

// A stop waits for the batch being sent, not for the whole outbox (after the closing hour,
// thousands of mails through a relay: minutes); the rest goes at the next start.
TEST(Outbox, the_sender_stops_after_its_batch_not_after_the_outbox) {
  TestDatabase base;
  ManualClock clock;
  queue_mails(base.db(), clock.now(), 200);
  std::atomic<int> envoyes{0};
  mail::SenderOptions options;
  options.from_address = "ne-pas-repondre@examens.test";
  {
    mail::Sender sender(base.db(), clock, std::make_unique<Compteur>(envoyes), options);
    sender.start();
    for (int i = 0; i < 30000 && envoyes == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    sender.stop();
  }
  EXPECT_GT(envoyes, 0);
  EXPECT_LE(envoyes, 40);
  mail::Sender suite(base.db(), clock, std::make_unique<Compteur>(envoyes), options);
  while (suite.deliver_due() > 0) {
  }
  EXPECT_EQ(envoyes, 200);
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
