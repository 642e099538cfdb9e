// Migrations on both backends: instances that start at once on one database (a deployment
// of two instances, a restart during a rollout) apply each migration exactly once.
#include <gtest/gtest.h>

#include <latch>
#include <numeric>
#include <thread>

#include "integration/support.hpp"

namespace examens::testing {
namespace {

int count_migration_files() {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(migrations_dir()))
    if (entry.path().extension() == ".sql") ++n;
  return n;
}

TEST(Migrations, instances_starting_at_once_apply_each_migration_once) {
  const int files = count_migration_files();
  ASSERT_GT(files, 5);
  for (int round = 0; round < 3; ++round) {
    TestDatabase target(TestDatabase::Schema::empty);
    constexpr int kInstances = 4;
    std::vector<int> applied(kInstances, 0);
    std::vector<std::string> errors(kInstances);
    std::latch start(kInstances);
    std::vector<std::thread> instances;
    for (int i = 0; i < kInstances; ++i)
      instances.emplace_back([&, i] {
        store::Database db(target.url(), 2);
        start.arrive_and_wait();
        try {
          applied[i] = db.migrate(migrations_dir());
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      });
    for (auto& t : instances) t.join();
    for (int i = 0; i < kInstances; ++i)
      EXPECT_EQ(errors[i], "") << "round " << round << ", instance " << i;
    EXPECT_EQ(std::accumulate(applied.begin(), applied.end(), 0), files) << "round " << round;
    store::Read read(target.db());
    int versions = 0, distinct = 0;
    store::sql_of(read) << "SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations",
        soci::into(versions), soci::into(distinct);
    EXPECT_EQ(versions, files);
    EXPECT_EQ(distinct, files);
  }
}

}  // namespace
}  // namespace examens::testing
