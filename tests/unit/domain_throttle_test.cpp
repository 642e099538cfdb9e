// Unit tests of login throttling: failures counted per window, blocking, unblocking.
#include <gtest/gtest.h>

#include "domain/throttle.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

constexpr ThrottlePolicy kPolicy{3, minutes(15), minutes(10)};
const Instant t0{seconds(1'700'000'000)};

TEST(Throttle, blocks_after_the_limit_within_the_window) {
  ThrottleState s;
  s = record_failure(s, t0, kPolicy);
  s = record_failure(s, t0 + minutes(1), kPolicy);
  EXPECT_FALSE(is_blocked(s, t0 + minutes(2)));
  s = record_failure(s, t0 + minutes(2), kPolicy);
  EXPECT_TRUE(is_blocked(s, t0 + minutes(2)));
  EXPECT_TRUE(is_blocked(s, t0 + minutes(11)));
  EXPECT_FALSE(is_blocked(s, t0 + minutes(12)));
}

TEST(Throttle, failures_outside_the_window_start_a_new_count) {
  ThrottleState s;
  s = record_failure(s, t0, kPolicy);
  s = record_failure(s, t0 + minutes(1), kPolicy);
  s = record_failure(s, t0 + minutes(20), kPolicy);
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(is_blocked(s, t0 + minutes(20)));
}

TEST(Throttle, after_a_block_ends_the_count_restarts) {
  ThrottleState s;
  for (int i = 0; i < 3; ++i) s = record_failure(s, t0, kPolicy);
  ASSERT_TRUE(is_blocked(s, t0));
  s = record_failure(s, t0 + minutes(10), kPolicy);
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(is_blocked(s, t0 + minutes(10)));
}

TEST(Throttle, the_real_policies_allow_a_few_typos_but_not_guessing) {
  EXPECT_GE(kIdentifierThrottle.max_failures, 3);
  EXPECT_LE(kIdentifierThrottle.max_failures, 10);
  EXPECT_GT(kAddressThrottle.max_failures, kIdentifierThrottle.max_failures);
}

}  // namespace
}  // namespace examens::domain
