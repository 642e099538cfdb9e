// Tests of the configuration read from EXAMENS_* variables: the transport settings.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <stdexcept>

#include "app/config.hpp"

namespace examens::app {
namespace {

// Sets the variable for one test and restores its absence afterwards.
struct ScopedEnv {
  const char* name;
  ScopedEnv(const char* n, const char* value) : name(n) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name); }
};

TEST(AppConfig, trusted_proxies_are_a_comma_separated_list_and_none_by_default) {
  EXPECT_TRUE(Config::from_env().trusted_proxies.empty());
  ScopedEnv proxies("EXAMENS_TRUSTED_PROXIES", " 127.0.0.1, ::1 ,,10.0.0.2");
  EXPECT_EQ(Config::from_env().trusted_proxies,
            (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.2"}));
}

TEST(AppConfig, the_connection_cap_per_address_is_configurable_and_at_least_one) {
  EXPECT_EQ(Config::from_env().max_connections_per_address, 256u);
  {
    ScopedEnv cap("EXAMENS_MAX_CONNECTIONS_PER_ADDRESS", "12");
    EXPECT_EQ(Config::from_env().max_connections_per_address, 12u);
  }
  ScopedEnv zero("EXAMENS_MAX_CONNECTIONS_PER_ADDRESS", "0");
  EXPECT_THROW(Config::from_env(), std::invalid_argument);
}

TEST(AppConfig, the_hashing_threads_default_to_the_servers_choice) {
  EXPECT_EQ(Config::from_env().hashing_threads, 0);
  ScopedEnv threads("EXAMENS_HASHING_THREADS", "3");
  EXPECT_EQ(Config::from_env().hashing_threads, 3);
}

TEST(AppConfig, the_shared_commits_pool_has_sixteen_threads_unless_told) {
  EXPECT_EQ(Config::from_env().commit_threads, 16);
  ScopedEnv threads("EXAMENS_COMMIT_THREADS", "32");
  EXPECT_EQ(Config::from_env().commit_threads, 32);
  EXPECT_EQ(Config::from_env().commit_pool_threads(), 32);
  {
    // Nothing is grouped on PostgreSQL: one thread, one database session, not 32.
    ScopedEnv postgres("EXAMENS_DB", "postgresql://examens@127.0.0.1:5432/examens");
    EXPECT_EQ(Config::from_env().commit_pool_threads(), 1);
  }
  ScopedEnv none("EXAMENS_COMMIT_THREADS", "0");
  EXPECT_THROW(Config::from_env(), std::invalid_argument);
}

TEST(AppConfig, a_number_that_is_not_a_whole_number_in_range_names_its_variable) {
  for (const char* bad : {"abc", "3x", "-1", "99999999999999999999", " 4"}) {
    ScopedEnv threads("EXAMENS_HASHING_THREADS", bad);
    try {
      Config::from_env();
      ADD_FAILURE() << "accepted « " << bad << " »";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("EXAMENS_HASHING_THREADS"), std::string::npos)
          << e.what();
    }
  }
  for (const char* name : {"EXAMENS_WORKERS", "EXAMENS_PORT", "EXAMENS_SESSION_IDLE_SECONDS"}) {
    ScopedEnv bad(name, "huit");
    EXPECT_THROW(Config::from_env(), std::invalid_argument) << name;
  }
  ScopedEnv none("EXAMENS_WORKERS", "0");
  EXPECT_THROW(Config::from_env(), std::invalid_argument);
}

}  // namespace
}  // namespace examens::app
