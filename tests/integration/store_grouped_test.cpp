// Works handed to Database::grouped (docs/decisions/0028-group-commit.md), on both backends:
// alone, a work's transaction is its own; on SQLite, works handed in while a batch runs share
// the next transaction, and one that refuses or throws undoes its own writes only.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"
#include "store/statements.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;

class StoreGrouped : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Tx tx(db.db());
    compte.numero_candidat = "A0000001";
    compte.email = "paul.lamy@example.fr";
    compte.mot_de_passe = "$argon2id$v=19$m=65536,t=3,p=1$c2VsZ3JhbmQ$aGFjaMOp";
    compte.etat = std::string(store::kEtatActif);
    compte.identite.nom_naissance = "LAMY";
    compte.identite.prenoms = "Paul";
    store::reserve_numero_candidat(tx, "A0000001", now);
    compte_id = store::insert_compte(tx, compte, now);
    tx.commit();
  }

  // A second account under the first one's e-mail address: the unique index refuses it.
  void twin(store::Tx& tx) {
    auto c = compte;
    c.numero_candidat = "A0000002";
    store::reserve_numero_candidat(tx, c.numero_candidat, now);
    store::insert_compte(tx, c, now);
  }
  // A work that saves `donnees` under `cle` and says whether to keep it.
  std::function<bool(store::Tx&)> save(const std::string& cle, const std::string& donnees,
                                       bool keep = true) {
    return [=, this](store::Tx& tx) {
      store::save_brouillon(tx, compte_id, cle, donnees, now, now + 24h);
      return keep;
    };
  }
  std::optional<std::string> load(const std::string& cle) {
    store::Read read(db.db());
    return store::load_brouillon(read, compte_id, cle);
  }

  TestDatabase db;
  domain::Instant now{std::chrono::seconds(1795000000)};
  store::Compte compte;
  long long compte_id = 0;
};

TEST_F(StoreGrouped, a_work_alone_keeps_what_it_kept_and_undoes_what_it_refused) {
  const auto batches = db.db().grouped_batches();
  EXPECT_TRUE(db.db().grouped(save("cle", "gardé")));
  EXPECT_FALSE(db.db().grouped(save("cle", "refusé", false)));
  EXPECT_THROW(db.db().grouped([&](store::Tx& tx) {
    store::save_brouillon(tx, compte_id, "cle", "jeté", now, now + 24h);
    twin(tx);
    return true;
  }),
               store::Duplicate);
  EXPECT_EQ(load("cle"), "gardé");
  EXPECT_EQ(db.db().grouped_batches(), batches + 3);
}

TEST_F(StoreGrouped, sqlite_connections_sync_every_commit_and_keep_savepoints_in_memory) {
  if (db.postgresql()) GTEST_SKIP() << "PostgreSQL has no such settings per connection";
  // Each work of a batch runs in a savepoint, whose journal holds the pages it changes: on a
  // temporary file, every page costs a write system call (10.8 % of the server's samples
  // during Enregistrer alone; decision 0029).
  // Every connection of the pool has the settings, not only the first.
  std::vector<std::unique_ptr<store::Read>> reads;
  for (int i = 0; i < 3; ++i) reads.push_back(std::make_unique<store::Read>(db.db()));
  for (auto& read : reads) {
    EXPECT_EQ(store::query_one<std::string>(*read, "PRAGMA journal_mode"), std::optional("wal"));
    EXPECT_EQ(store::query_one<int>(*read, "PRAGMA synchronous"), std::optional(2));  // FULL
    EXPECT_EQ(store::query_one<int>(*read, "PRAGMA temp_store"), std::optional(2));   // MEMORY
  }
}

TEST_F(StoreGrouped, sqlite_batches_run_on_a_session_of_their_own) {
  if (db.postgresql()) GTEST_SKIP() << "PostgreSQL runs each work on a pooled session";
  // Its page cache stays valid from one batch to the next, which a pooled session's would
  // not: every other session's commit empties it. With every pooled session held, a batch
  // still runs.
  std::vector<std::unique_ptr<store::Read>> reads;
  for (std::size_t i = 0; i < db.db().pool_size(); ++i)
    reads.push_back(std::make_unique<store::Read>(db.db()));
  auto batch =
      std::async(std::launch::async, [&] { return db.db().grouped(save("cle", "à part")); });
  const bool ran = batch.wait_for(10s) == std::future_status::ready;
  reads.clear();
  EXPECT_TRUE(ran) << "the batch waited for a pooled session";
  EXPECT_TRUE(batch.get());
  EXPECT_EQ(load("cle"), "à part");
}

TEST_F(StoreGrouped, a_work_that_hands_in_another_is_refused_instead_of_waiting_for_itself) {
  EXPECT_THROW(db.db().grouped([&](store::Tx& tx) {
    store::save_brouillon(tx, compte_id, "cle", "dehors", now, now + 24h);
    return db.db().grouped(save("cle", "dedans"));
  }),
               std::logic_error);
  EXPECT_EQ(load("cle"), std::nullopt);
  EXPECT_TRUE(db.db().grouped(save("cle", "après")));  // the thread may hand in again
  EXPECT_EQ(load("cle"), "après");
}

TEST_F(StoreGrouped, works_handed_in_during_a_batch_share_the_next_and_fail_alone) {
  const auto batches = db.db().grouped_batches();
  std::promise<void> started, release;
  std::thread first([&] {
    db.db().grouped([&](store::Tx& tx) {
      store::save_brouillon(tx, compte_id, "a", "premier", now, now + 24h);
      started.set_value();
      release.get_future().wait();
      return true;
    });
  });
  started.get_future().wait();

  struct Outcome {
    bool kept = false;
    bool duplicate = false;
    bool commit_sent = false;
  };
  std::vector<Outcome> outcomes(4);
  std::vector<std::function<bool(store::Tx&)>> works{
      save("b", "gardé"),
      [&](store::Tx& tx) {
        store::save_brouillon(tx, compte_id, "c", "jeté", now, now + 24h);
        twin(tx);
        return true;
      },
      save("d", "refusé", false), save("e", "gardé aussi")};
  std::vector<std::thread> others;
  for (std::size_t i = 0; i < works.size(); ++i)
    others.emplace_back([&, i] {
      const store::Activity activity;
      try {
        outcomes[i].kept = db.db().grouped(works[i]);
      } catch (const store::Duplicate&) {
        outcomes[i].duplicate = true;
      }
      outcomes[i].commit_sent = activity.commit_sent();
    });
  if (db.postgresql()) {
    // Each work in a transaction of its own, beside the first's.
    for (auto& t : others) t.join();
    EXPECT_EQ(db.db().grouped_waiting(), 0u);
  } else {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (db.db().grouped_waiting() < works.size() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    ASSERT_EQ(db.db().grouped_waiting(), works.size());
  }
  release.set_value();
  first.join();
  for (auto& t : others)
    if (t.joinable()) t.join();

  // SQLite: the first, then the four together.
  EXPECT_EQ(db.db().grouped_batches(), batches + (db.postgresql() ? 5 : 2));
  EXPECT_TRUE(outcomes[0].kept);
  EXPECT_TRUE(outcomes[1].duplicate);
  EXPECT_FALSE(outcomes[2].kept);
  EXPECT_FALSE(outcomes[2].duplicate);
  EXPECT_TRUE(outcomes[3].kept);
  // Whichever thread ran the batch, each caller knows whether a COMMIT was sent for it (on
  // SQLite, the batch's, for them all).
  for (const auto& o : outcomes) EXPECT_EQ(o.commit_sent, o.kept || !db.postgresql());
  EXPECT_EQ(load("a"), "premier");
  EXPECT_EQ(load("b"), "gardé");
  EXPECT_EQ(load("c"), std::nullopt);
  EXPECT_EQ(load("d"), std::nullopt);
  EXPECT_EQ(load("e"), "gardé aussi");
  store::Read read(db.db());
  EXPECT_EQ(store::query_one<int>(read, "SELECT COUNT(*) FROM comptes"), std::optional(1));
}

TEST_F(StoreGrouped, eight_threads_each_find_every_work_they_handed_in) {
  constexpr int kThreads = 8, kWorks = 40;
  const auto batches = db.db().grouped_batches();
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWorks; ++i) {
        const std::string cle = std::to_string(t) + "/" + std::to_string(i);
        if (!db.db().grouped(save(cle, "fil " + cle))) ++refused;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refused, 0);
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kWorks; ++i) {
      const std::string cle = std::to_string(t) + "/" + std::to_string(i);
      EXPECT_EQ(load(cle), "fil " + cle);
    }
  const auto ran = db.db().grouped_batches() - batches;
  EXPECT_GE(ran, 1u);
  EXPECT_LE(ran, static_cast<std::uint64_t>(kThreads * kWorks));
}

}  // namespace
}  // namespace examens::testing
