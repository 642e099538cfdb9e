// The statement cache on both backends (docs/decisions/0008-statement-cache.md): each
// statement is prepared once per pooled session, gives the right rows run after run, across
// rollbacks, after it threw and from several threads, leaves no SQLite read transaction open,
// and is prepared again on the new connection after a lost one.
#include <gtest/gtest.h>

#include <thread>

#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"
#include "store/sessions.hpp"
#include "store/statements.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kEmpreinte = "empreinte-de-la-session";
constexpr const char* kCle = "BCP/2027/GUY";

store::Compte compte(const std::string& numero, const std::string& email) {
  store::Compte c;
  c.numero_candidat = numero;
  c.email = email;
  c.mot_de_passe = "$argon2id$v=19$m=65536,t=3,p=1$c2VsZ3JhbmQ$aGFjaMOp";
  c.etat = std::string(store::kEtatActif);
  c.identite.nom_naissance = "LAMY";
  c.identite.prenoms = "Paul";
  return c;
}

// Statements the test sends itself, outside the cache.
long long count(store::Database& db, const std::string& sql) {
  store::Read read(db);
  long long n = 0;
  store::sql_of(read) << sql, soci::into(n);
  return n;
}

class StoreStatements : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Tx tx(db.db());
    store::reserve_numero_candidat(tx, "A0000001", now);
    compte_id = store::insert_compte(tx, compte("A0000001", "paul.lamy@example.fr"), now);
    store::insert_session(tx, store::SessionRow{kEmpreinte, compte_id, "csrf", now, now, now + 1h},
                          now, "127.0.0.1", "test");
    tx.commit();
  }

  void save(store::Database& on, const std::string& donnees) {
    store::Tx tx(on);
    store::save_brouillon(tx, compte_id, kCle, donnees, now, now + 24h);
    tx.commit();
  }
  std::optional<std::string> load(store::Database& on) {
    store::Read read(on);
    return store::load_brouillon(read, compte_id, kCle);
  }
  bool session_found(store::Database& on) {
    store::Read read(on);
    const auto session = store::find_session(read, kEmpreinte);
    return session && session->compte_id == compte_id && session->csrf == "csrf";
  }

  // Whether an SQLite checkpoint could copy the whole write-ahead log into the database,
  // which a read transaction left open on any connection prevents (PostgreSQL: no such log).
  bool checkpoint_complete() {
    if (db.postgresql()) return true;
    store::Read read(db.db());
    int busy = 0, log = 0, checkpointed = 0;
    store::sql_of(read) << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(log),
        soci::into(checkpointed);
    return busy == 0 && log == checkpointed;
  }

  TestDatabase db;
  domain::Instant now{std::chrono::seconds(1795000000)};
  long long compte_id = 0;
};

TEST_F(StoreStatements, a_hundred_requests_prepare_each_statement_once) {
  store::Database one(db.url(), 1);
  EXPECT_EQ(one.statements_prepared(), 0u);
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(session_found(one)) << i;
    EXPECT_EQ(load(one), i == 0 ? std::nullopt : std::optional("tour " + std::to_string(i - 1)));
    save(one, "tour " + std::to_string(i));
  }
  EXPECT_EQ(one.statements_prepared(), 3u);
  if (db.postgresql()) {  // prepared on the server once each, none left behind
    EXPECT_EQ(count(one, "SELECT COUNT(*) FROM pg_prepared_statements"), 3);
  }
}

TEST_F(StoreStatements, a_rolled_back_transaction_leaves_the_statements_right) {
  store::Database one(db.url(), 1);
  save(one, "gardé");
  for (int i = 0; i < 5; ++i) {
    store::Tx tx(one);
    store::save_brouillon(tx, compte_id, kCle, "annulé", now, now + 24h);
    EXPECT_EQ(store::load_brouillon(tx, compte_id, kCle), "annulé");
  }
  EXPECT_EQ(load(one), "gardé");
  EXPECT_TRUE(session_found(one));
  save(one, "enfin");
  EXPECT_EQ(load(one), "enfin");
  EXPECT_EQ(one.statements_prepared(), 3u);
}

TEST_F(StoreStatements, an_insert_that_threw_is_prepared_again_without_the_failed_values) {
  store::Database one(db.url(), 1);
  auto twin = compte("A0000002", "PAUL.LAMY@example.fr");  // the e-mail address is taken
  twin.identifiant = "paul.lamy";
  {
    store::Tx tx(one);
    store::reserve_numero_candidat(tx, "A0000002", now);
    EXPECT_THROW(store::insert_compte(tx, twin, now), store::Duplicate);
  }
  const auto prepared = one.statements_prepared();
  long long id = 0;
  {
    // The same INSERT with other values, among them a NULL where the failed run had text.
    store::Tx tx(one);
    store::reserve_numero_candidat(tx, "A0000002", now);
    id = store::insert_compte(tx, compte("A0000002", "marie.curie@example.fr"), now);
    tx.commit();
  }
  EXPECT_EQ(one.statements_prepared(), prepared + 1);  // the INSERT only
  {
    store::Read read(one);
    const auto saved = store::find_compte(read, id);
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->email, "marie.curie@example.fr");
    EXPECT_EQ(saved->identifiant, "");
  }
  EXPECT_EQ(count(one, "SELECT COUNT(*) FROM comptes WHERE identifiant IS NULL"), 2);
  if (db.postgresql()) {  // the failed statement was deallocated after the rollback
    EXPECT_EQ(count(one, "SELECT COUNT(*) FROM pg_prepared_statements"), 3);
  }
}

TEST_F(StoreStatements, a_read_leaves_no_transaction_open_on_its_connection) {
  store::Database one(db.url(), 1);
  save(one, "avant");
  // A single-row read stops at its row: left there, SQLite would keep its snapshot.
  ASSERT_TRUE(session_found(one));
  save(db.db(), "après");
  EXPECT_EQ(load(one), "après");
  EXPECT_TRUE(checkpoint_complete());
  save(one, "écrit par la première");
  EXPECT_EQ(load(db.db()), "écrit par la première");
}

TEST_F(StoreStatements, a_run_that_threw_at_its_row_leaves_no_transaction_open) {
  store::Database one(db.url(), 1);
  const std::string null_text = "SELECT NULLIF(csrf, csrf) FROM sessions WHERE empreinte = :e";
  {
    store::Read read(one);
    // A NULL read into a column not declared optional: SOCI throws with the row fetched.
    EXPECT_THROW(store::query_one<std::string>(read, null_text, kEmpreinte), soci::soci_error);
  }
  save(db.db(), "après l'erreur");
  EXPECT_EQ(load(one), "après l'erreur");
  EXPECT_TRUE(checkpoint_complete());
  store::Read read(one);
  const auto row = store::query_one<std::optional<std::string>>(read, null_text, kEmpreinte);
  ASSERT_TRUE(row);
  EXPECT_FALSE(*row);
}

TEST_F(StoreStatements, threads_sharing_the_pool_each_read_their_own_rows) {
  const auto prepared = db.db().statements_prepared();
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      const std::string cle = "fil " + std::to_string(t);
      for (int i = 0; i < 50; ++i) {
        const std::string donnees = cle + " tour " + std::to_string(i);
        {
          store::Tx tx(db.db());
          store::save_brouillon(tx, compte_id, cle, donnees, now, now + 24h);
          tx.commit();
        }
        store::Read read(db.db());
        if (!store::find_session(read, kEmpreinte) ||
            store::load_brouillon(read, compte_id, cle) != donnees)
          ++wrong;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
  // At most each of the three statements on each of the four pooled sessions.
  EXPECT_LE(db.db().statements_prepared() - prepared, 12u);
  store::Read read(db.db());
  EXPECT_EQ(store::query_one<int>(read, "SELECT COUNT(*) FROM brouillons WHERE compte_id = :c",
                                  compte_id),
            8);
}

TEST_F(StoreStatements, an_idempotent_statement_commits_by_itself_and_may_run_again) {
  const store::Activity activity;
  for (int run = 0; run < 2; ++run) {
    store::Idempotent upsert(db.db());
    store::save_brouillon(upsert, compte_id, kCle, "seul", now, now + 24h);
  }
  EXPECT_EQ(load(db.db()), "seul");
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM brouillons"), 1);
  // Nothing tells a request that met a lost connection not to run it again.
  EXPECT_FALSE(activity.commit_sent());
}

TEST_F(StoreStatements, statements_are_prepared_again_on_a_new_connection) {
  if (!db.postgresql()) GTEST_SKIP() << "an embedded SQLite file has no connection to lose";
  store::Database two(db.url(), 2);
  const auto warm = [&] {
    // Both pooled sessions at once, so each prepares its statements.
    store::Read first(two), second(two);
    for (store::Read* read : {&first, &second}) {
      ASSERT_TRUE(store::find_session(*read, kEmpreinte));
      ASSERT_EQ(store::load_brouillon(*read, compte_id, kCle), "gardé");
    }
  };
  save(two, "gardé");
  warm();
  const auto prepared = two.statements_prepared();
  {
    // The server ends the connection, forgetting its prepared statements with it.
    store::Read read(two);
    EXPECT_THROW(store::sql_of(read) << "SELECT pg_terminate_backend(pg_backend_pid())",
                 soci::soci_error);
  }
  warm();
  // Both sessions were connected again (the other one was suspect) and prepared anew.
  EXPECT_EQ(two.statements_prepared(), prepared + 4);
  save(two, "encore");
  EXPECT_EQ(load(two), "encore");
}

}  // namespace
}  // namespace examens::testing
