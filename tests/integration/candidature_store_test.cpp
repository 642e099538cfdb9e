// Candidature storage on both backends: racing registrations get distinct numbers,
// racing modifications consecutive versions, drafts survive, nothing is deleted.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"
#include "store/sessions.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;

class CandidatureStore : public ::testing::Test {
 protected:
  void SetUp() override { compte_id = activated_account(portal).id; }
  TestPortal portal;
  long long compte_id = 0;
};

TEST_F(CandidatureStore, fifty_concurrent_registrations_get_fifty_distinct_numbers) {
  std::vector<std::string> numeros(50);
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&, i] {
      store::Tx tx(portal.db());
      // One session each: a candidate holds one active candidature per exam and session.
      numeros[i] =
          store::insert_candidature(tx, compte_id, "BCP", std::to_string(2027 + i), "GUY",
                                    "{\"i\":" + std::to_string(i) + "}", portal.clock().now())
              .numero_inscription;
      tx.commit();
    });
  for (auto& t : threads) t.join();
  const std::set<std::string> distinct(numeros.begin(), numeros.end());
  EXPECT_EQ(distinct.size(), 50u);
  EXPECT_EQ(*distinct.begin(), "001");
  EXPECT_EQ(*distinct.rbegin(), "050");
  store::Read read(portal.db());
  EXPECT_EQ(store::candidatures_of(read, compte_id).size(), 50u);
}

TEST_F(CandidatureStore, fifty_concurrent_modifications_make_consecutive_versions) {
  long long id = 0;
  {
    store::Tx tx(portal.db());
    id = store::insert_candidature(tx, compte_id, "BCP", "2027", "GUY", "{\"v\":1}",
                                   portal.clock().now())
             .id;
    tx.commit();
  }
  std::vector<int> versions(50);
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&, i] {
      store::Tx tx(portal.db());
      versions[i] = store::save_modification(tx, id, "{\"m\":" + std::to_string(i) + "}",
                                             portal.clock().now())
                        .value_or(0);
      tx.commit();
    });
  for (auto& t : threads) t.join();
  std::sort(versions.begin(), versions.end());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(versions[i], i + 2);
  store::Read read(portal.db());
  EXPECT_EQ(store::find_candidature(read, compte_id, id)->version, 51);
  for (int v = 1; v <= 51; ++v) EXPECT_TRUE(store::version_snapshot(read, id, v)) << v;
  EXPECT_EQ(*store::version_snapshot(read, id, 1), "{\"v\":1}");
}

TEST_F(CandidatureStore, an_unregistered_candidature_is_kept_and_still_locks_the_account) {
  store::Candidature c;
  {
    store::Tx tx(portal.db());
    c = store::insert_candidature(tx, compte_id, "BCP", "2027", "GUY", "{}", portal.clock().now());
    EXPECT_TRUE(store::mark_desinscrite(tx, c.id, portal.clock().now()));
    tx.commit();
  }
  store::Read read(portal.db());
  auto kept = store::find_candidature(read, compte_id, c.id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->etat, domain::EtatCandidature::desinscrit_candidat);
  EXPECT_TRUE(store::has_any_candidature(read, compte_id));
}

TEST_F(CandidatureStore, the_database_refuses_a_second_active_candidature_for_one_exam_session) {
  const auto now = portal.clock().now();
  long long first = 0;
  {
    store::Tx tx(portal.db());
    first = store::insert_candidature(tx, compte_id, "BCP", "2027", "GUY", "{}", now).id;
    tx.commit();
  }
  {
    store::Tx tx(portal.db());
    try {
      store::insert_candidature(tx, compte_id, "BCP", "2027", "GRE", "{}", now);
      ADD_FAILURE() << "a second active BCP 2027 candidature was stored";
    } catch (const store::Duplicate&) {
    }
  }
  {
    // Another exam, or the same one after unregistering, is allowed.
    store::Tx tx(portal.db());
    store::insert_candidature(tx, compte_id, "CAP", "2027", "GUY", "{}", now);
    ASSERT_TRUE(store::mark_desinscrite(tx, first, now));
    store::insert_candidature(tx, compte_id, "BCP", "2027", "GRE", "{}", now);
    tx.commit();
  }
  store::Read read(portal.db());
  EXPECT_EQ(store::candidatures_of(read, compte_id).size(), 3u);
}

TEST_F(CandidatureStore, state_changes_apply_only_from_the_expected_state) {
  const auto now = portal.clock().now();
  store::Tx tx(portal.db());
  const auto c = store::insert_candidature(tx, compte_id, "BCP", "2027", "GUY", "{}", now);
  EXPECT_EQ(store::save_modification(tx, c.id, "{\"v\":2}", now), 2);
  EXPECT_TRUE(store::mark_desinscrite(tx, c.id, now));
  EXPECT_FALSE(store::mark_desinscrite(tx, c.id, now));
  EXPECT_EQ(store::save_modification(tx, c.id, "{\"v\":3}", now), std::nullopt);
  EXPECT_FALSE(store::version_snapshot(tx, c.id, 3));
  EXPECT_EQ(store::find_candidature(tx, compte_id, c.id)->version, 2);
}

TEST_F(CandidatureStore, an_unknown_state_code_is_an_error_not_inscrit) {
  const auto now = portal.clock().now();
  store::Tx tx(portal.db());
  const auto c = store::insert_candidature(tx, compte_id, "BCP", "2027", "GUY", "{}", now);
  store::sql_of(tx) << "UPDATE candidatures SET etat = 'archivee' WHERE id = :id", soci::use(c.id);
  EXPECT_THROW(store::find_candidature(tx, compte_id, c.id), std::runtime_error);
  EXPECT_THROW(store::candidatures_of(tx, compte_id), std::runtime_error);
}

TEST_F(CandidatureStore,
       the_home_statement_reads_the_session_with_each_candidature_and_draft_once) {
  const auto now = portal.clock().now();
  const store::SessionRow row{"empreinte-accueil", compte_id, "csrf-accueil", now, now,
                              now + 30min};
  {
    store::Tx tx(portal.db());
    store::insert_session(tx, row, now, "192.0.2.1", "test");
    tx.commit();
  }
  const auto read_home = [&] {
    store::Read read(portal.db());
    return store::find_session_accueil(read, row.empreinte);
  };
  auto empty = read_home();
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->compte.id, compte_id);
  EXPECT_EQ(empty->session.csrf, "csrf-accueil");
  EXPECT_EQ(empty->session.expire_le, now + 30min);
  EXPECT_TRUE(empty->candidatures.empty());
  EXPECT_TRUE(empty->brouillons.empty());
  {
    store::Tx tx(portal.db());
    for (const char* session : {"2028", "2027", "2029"})
      store::insert_candidature(tx, compte_id, "BCP", session, "GUY",
                                std::string("{\"s\":") + session + "}", now);
    store::save_brouillon(tx, compte_id, "N-CAP-2027-GUY", "{\"b\":2}", now, now + 24h);
    store::save_brouillon(tx, compte_id, "N-BTS-2027-GUY", "{\"b\":1}", now, now + 24h);
    tx.commit();
  }
  const auto home = read_home();
  ASSERT_TRUE(home);
  EXPECT_EQ(home->compte.numero_candidat, empty->compte.numero_candidat);
  ASSERT_EQ(home->candidatures.size(), 3u);
  EXPECT_EQ(home->candidatures[0].numero_inscription, "001");
  EXPECT_EQ(home->candidatures[0].donnees, "{\"s\":2028}");
  EXPECT_EQ(home->candidatures[2].numero_inscription, "003");
  EXPECT_EQ(home->candidatures[2].session, "2029");
  EXPECT_EQ(home->candidatures[2].compte_id, compte_id);
  const std::vector<std::pair<std::string, std::string>> drafts{{"N-BTS-2027-GUY", "{\"b\":1}"},
                                                                {"N-CAP-2027-GUY", "{\"b\":2}"}};
  EXPECT_EQ(home->brouillons, drafts);
  store::Read read(portal.db());
  EXPECT_FALSE(store::find_session_accueil(read, "empreinte-inconnue"));
}

TEST_F(CandidatureStore, the_tab_statement_reads_the_session_with_the_draft_of_its_key_only) {
  const auto now = portal.clock().now();
  const store::SessionRow row{"empreinte-onglet", compte_id, "csrf-onglet", now, now, now + 30min};
  {
    store::Tx tx(portal.db());
    store::insert_session(tx, row, now, "192.0.2.1", "test");
    store::save_brouillon(tx, compte_id, "N-BCP-2027-GUY", "{\"b\":1}", now, now + 24h);
    store::save_brouillon(tx, compte_id, "N-CAP-2027-GUY", "{\"b\":2}", now, now + 24h);
    tx.commit();
  }
  store::Read read(portal.db());
  const auto found = store::find_session_saisie(read, row.empreinte, "N-CAP-2027-GUY");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->compte.id, compte_id);
  EXPECT_EQ(found->session.csrf, "csrf-onglet");
  EXPECT_EQ(found->session.compte_id, compte_id);
  EXPECT_EQ(found->session.expire_le, now + 30min);
  EXPECT_EQ(found->brouillon, "{\"b\":2}");
  // No draft under the key: the session all the same.
  const auto sans = store::find_session_saisie(read, row.empreinte, "N-BTS-2027-GUY");
  ASSERT_TRUE(sans);
  EXPECT_EQ(sans->compte.id, compte_id);
  EXPECT_FALSE(sans->brouillon);
  EXPECT_FALSE(store::find_session_saisie(read, "empreinte-inconnue", "N-CAP-2027-GUY"));
}

TEST_F(CandidatureStore, a_draft_is_kept_until_replaced_or_deleted) {
  const std::string cle = "nouvelle:BCP:2027:GUY";
  const auto now = portal.clock().now();
  {
    store::Tx tx(portal.db());
    store::save_brouillon(tx, compte_id, cle, "{\"etape\":2}", now, now + 24h);
    store::save_brouillon(tx, compte_id, cle, "{\"etape\":3}", now, now + 24h);
    tx.commit();
  }
  {
    store::Read read(portal.db());
    EXPECT_EQ(store::load_brouillon(read, compte_id, cle), "{\"etape\":3}");
    EXPECT_FALSE(store::load_brouillon(read, compte_id, "autre"));
  }
  store::Tx tx(portal.db());
  EXPECT_TRUE(store::delete_brouillon(tx, compte_id, cle));
  EXPECT_FALSE(store::delete_brouillon(tx, compte_id, cle));
  EXPECT_FALSE(store::load_brouillon(tx, compte_id, cle));
}

TEST_F(CandidatureStore, the_purge_deletes_the_drafts_of_closed_windows_only) {
  const auto now = portal.clock().now();
  {
    store::Tx tx(portal.db());
    store::save_brouillon(tx, compte_id, "ferme", "{}", now, now - 1s);
    store::save_brouillon(tx, compte_id, "ferme-maintenant", "{}", now, now);
    store::save_brouillon(tx, compte_id, "ouvert", "{}", now, now + 1s);
    tx.commit();
  }
  store::Tx tx(portal.db());
  EXPECT_EQ(store::purge_brouillons(tx, now), 2);
  EXPECT_FALSE(store::load_brouillon(tx, compte_id, "ferme"));
  EXPECT_FALSE(store::load_brouillon(tx, compte_id, "ferme-maintenant"));
  EXPECT_TRUE(store::load_brouillon(tx, compte_id, "ouvert"));
}

}  // namespace
}  // namespace examens::testing
