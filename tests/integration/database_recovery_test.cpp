// Surviving a database restart (issue 11, item 7): a cut connection is replaced and the
// request retried, an unreachable database answers 503 until it is back, and a restart of
// the server under load loses and doubles nothing. PostgreSQL only: an embedded SQLite file
// has no connection to lose.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "crypto/secrets.hpp"
#include "integration/support.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kNoServer = "an embedded SQLite file has no server connection to lose";

long long count(store::Database& db, const std::string& sql) {
  store::Read read(db);
  long long n = 0;
  store::sql_of(read) << sql, soci::into(n);
  return n;
}

std::string database_name(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

// The cluster's own database, to act on the test's database from outside it.
soci::session admin_session(const std::string& url) {
  return soci::session(
      *soci::factory_postgresql(),
      store::postgres_connection_string(url.substr(0, url.rfind('/') + 1) + "postgres"));
}

// Ends every server process of the portal's database, as a failover or an administrator
// would: the pooled connections all break, unknown to the portal until it uses them.
void cut_connections(const std::string& url) {
  auto admin = admin_session(url);
  const std::string name = database_name(url);
  long long cut = 0;
  admin << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :d",
      soci::use(name), soci::into(cut);
  for (long long left = cut; left > 0; std::this_thread::sleep_for(20ms))
    admin << "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = :d", soci::use(name),
        soci::into(left);
}

// True once `path` answers 200, polling until `bound` has passed.
bool answers_within(Client& client, const std::string& path, std::chrono::seconds bound) {
  const auto end = std::chrono::steady_clock::now() + bound;
  for (;;) {
    if (client.get(path).status == 200) return true;
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(100ms);
  }
}

class DatabaseRecovery : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!portal.postgresql()) GTEST_SKIP() << kNoServer;
    create_account(portal, client, spec, true);
    ASSERT_EQ(login(client, spec.email, spec.password).status, 303);
    ASSERT_EQ(client.get("/").status, 200);
  }

  TestPortal portal;
  Client client{portal.base_url()};
  AccountSpec spec;
};

TEST_F(DatabaseRecovery, a_cut_connection_is_replaced_and_the_reading_request_retried) {
  cut_connections(portal.db_url());
  const auto home = client.get("/");
  EXPECT_EQ(home.status, 200) << home.body;
  EXPECT_TRUE(contains(home.body, spec.nom));
}

TEST_F(DatabaseRecovery, a_write_that_meets_a_cut_connection_is_retried_and_done_once) {
  Client visitor(portal.base_url());
  AccountSpec other;
  other.email = "marie.curie@example.fr";
  auto fields = creation_fields(other);
  fields.emplace_back("csrf", csrf_of(visitor.get("/compte/creer").body));
  cut_connections(portal.db_url());
  const auto created = visitor.post("/compte/creer", fields);
  EXPECT_EQ(created.status, 200) << created.body;
  EXPECT_TRUE(contains(created.body, "Votre compte est en cours de création"));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes WHERE email = '" + other.email + "'"),
            1);
  EXPECT_EQ(count(portal.db(),
                  "SELECT COUNT(*) FROM messages WHERE destinataire = '" + other.email + "'"),
            1);
}

TEST_F(DatabaseRecovery, an_unreachable_database_answers_503_until_it_is_back) {
  const std::string name = database_name(portal.db_url());
  HttpResult down;
  {
    auto admin = admin_session(portal.db_url());
    admin << "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false";
    cut_connections(portal.db_url());
    down = client.get("/");
    admin << "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true";
  }
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_FALSE(down.header("retry-after").empty());
  EXPECT_TRUE(contains(down.body, "momentanément indisponible"));
  EXPECT_TRUE(contains(down.body, "Rien de ce que vous aviez enregistré"));
  EXPECT_TRUE(answers_within(client, "/", 10s));
}

// Delivers, and during the first delivery cuts the portal's database connections, so that
// its outcome is to be written on a lost connection.
class CuttingTransport : public mail::Transport {
 public:
  explicit CuttingTransport(std::string url) : url_(std::move(url)) {}
  mail::DeliveryResult deliver(const mail::Mail&) override {
    if (++deliveries == 1) cut_connections(url_);
    return {true, "250 OK", false};
  }
  int deliveries = 0;

 private:
  std::string url_;
};

TEST_F(DatabaseRecovery, a_mail_delivered_while_the_connection_is_cut_is_not_sent_again) {
  Client visitor(portal.base_url());
  AccountSpec other;
  other.email = "marie.curie@example.fr";
  ASSERT_EQ(visitor.submit("/compte/creer", "/compte/creer", creation_fields(other)).status, 200);
  auto transport = std::make_unique<CuttingTransport>(portal.db_url());
  CuttingTransport& cutting = *transport;
  mail::SenderOptions options;
  options.from_address = "ne-pas-repondre@examens.test";
  mail::Sender sender(portal.db(), portal.clock(), std::move(transport), options);

  EXPECT_THROW(sender.deliver_due(), store::Unavailable);
  // Past the claim's lease, when a mail whose outcome was never written is due again.
  portal.clock().advance(std::chrono::minutes(10));
  sender.deliver_due();
  EXPECT_EQ(cutting.deliveries, 1);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM messages WHERE destinataire = '" +
                                   other.email + "' AND envoye_le IS NOT NULL"),
            1);
}

// A PostgreSQL cluster of this test alone (tests/support/pg.sh): restarting the shared one
// would cut the tests running beside it.
class OwnCluster {
 public:
  OwnCluster()
      : dir_(std::filesystem::temp_directory_path() /
             ("examens-restart-" + crypto::random_token(8))) {
    run("start");
  }
  ~OwnCluster() {
    // Whatever the outcome: a cluster left running would outlive the test run.
    pg_sh("stop");
    std::filesystem::remove_all(dir_);
  }
  bool restart() { return pg_sh("restart") == 0; }
  std::string backend() const { return "postgresql:" + dir_.string(); }

 private:
  int pg_sh(const std::string& action) {
    const std::string command = std::string(EXAMENS_SOURCE_DIR) + "/tests/support/pg.sh " + action +
                                " " + dir_.string() + " >/dev/null";
    return std::system(command.c_str());
  }
  void run(const std::string& action) {
    if (pg_sh(action) != 0) throw std::runtime_error("pg.sh " + action + " failed");
  }
  std::filesystem::path dir_;
};

TEST(DatabaseRestart, under_load_every_page_answers_again_and_no_account_is_lost_or_doubled) {
  const char* backend = std::getenv("EXAMENS_TEST_DB");
  if (!backend || !std::string(backend).starts_with("postgresql:")) GTEST_SKIP() << kNoServer;
  OwnCluster cluster;
  TestPortal portal(cluster.backend());

  // Readers: logged-in candidates reloading their home page.
  std::vector<std::unique_ptr<Client>> readers;
  for (int i = 0; i < 2; ++i) {
    AccountSpec spec;
    spec.email = "lecteur" + std::to_string(i) + "@example.fr";
    readers.push_back(std::make_unique<Client>(portal.base_url()));
    create_account(portal, *readers.back(), spec, true);
    ASSERT_EQ(login(*readers.back(), spec.email, spec.password).status, 303);
  }
  // Writers: visitors creating accounts, each a row and a queued mail in one transaction.
  std::atomic<bool> stop{false};
  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<std::string> created;   // the accounts whose creation was answered as done
  std::vector<std::string> failures;  // answers neither done nor "come back later"
  auto record = [&](long status, const std::string& what) {
    if (status == 200 || status == 503) return;
    std::lock_guard lock(mutex);
    failures.push_back(what);
  };
  std::vector<std::thread> threads;
  for (auto& reader : readers)
    threads.emplace_back([&, client = reader.get()] {
      while (!stop) try {
          const auto r = client->get("/");
          record(r.status, "GET / " + std::to_string(r.status));
        } catch (const std::exception& e) {
          record(0, e.what());
        }
    });
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&] {
      Client visitor(portal.base_url());
      while (!stop) try {
          AccountSpec spec;
          spec.email = "charge" + std::to_string(next++) + "@example.fr";
          const auto r = visitor.submit("/compte/creer", "/compte/creer", creation_fields(spec));
          record(r.status, "POST /compte/creer " + std::to_string(r.status));
          if (r.status == 200 && contains(r.body, "Votre compte est en cours de création")) {
            std::lock_guard lock(mutex);
            created.push_back(spec.email);
          }
        } catch (const std::exception& e) {
          record(0, e.what());
        }
    });

  std::this_thread::sleep_for(1s);
  const bool restarted = cluster.restart();
  std::this_thread::sleep_for(1s);
  stop = true;
  for (auto& t : threads) t.join();
  ASSERT_TRUE(restarted);

  for (auto& reader : readers) EXPECT_TRUE(answers_within(*reader, "/", 10s));
  Client late(portal.base_url());
  AccountSpec last;
  last.email = "charge-apres@example.fr";
  ASSERT_EQ(late.submit("/compte/creer", "/compte/creer", creation_fields(last)).status, 200);
  created.push_back(last.email);

  EXPECT_TRUE(failures.empty()) << failures.front();
  std::set<std::string> rows;
  {
    store::Read read(portal.db());
    std::string email;
    soci::statement st =
        (store::sql_of(read).prepare << "SELECT email FROM comptes WHERE email LIKE 'charge%'",
         soci::into(email));
    st.execute();
    while (st.fetch()) rows.insert(email);
  }
  EXPECT_EQ(rows, std::set<std::string>(created.begin(), created.end()));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes WHERE email LIKE 'charge%'"),
            static_cast<long long>(created.size()));

  // The mail sender works again too: every activation mail goes out once.
  while (portal.sender().deliver_due() > 0) {
  }
  EXPECT_EQ(count(portal.db(),
                  "SELECT COUNT(*) FROM messages WHERE destinataire LIKE 'charge%' AND envoye_le "
                  "IS NOT NULL"),
            static_cast<long long>(created.size()));
}

}  // namespace
}  // namespace examens::testing
