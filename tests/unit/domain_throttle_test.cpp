// Unit tests of login throttling: streaks, the growing block, forgetting an idle streak.
#include <gtest/gtest.h>

#include "domain/throttle.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

constexpr ThrottlePolicy kPolicy{3, minutes(1), minutes(10), hours(24)};
const Instant t0{seconds(1'700'000'000)};

ThrottleState admitted(const ThrottleState& s, Instant now) {
  auto next = admit(s, now, kPolicy);
  EXPECT_TRUE(next) << "refused at " << (now - t0).count() << " s";
  return next.value_or(s);
}

TEST(Throttle, the_attempt_reaching_the_limit_blocks_the_next_ones) {
  ThrottleState s = admitted({}, t0);
  s = admitted(s, t0 + seconds(1));
  EXPECT_FALSE(is_blocked(s, t0 + seconds(2)));
  s = admitted(s, t0 + seconds(2));
  EXPECT_EQ(s.attempts, 3);
  EXPECT_TRUE(is_blocked(s, t0 + seconds(2)));
  EXPECT_FALSE(admit(s, t0 + seconds(61), kPolicy));
  EXPECT_TRUE(admit(s, t0 + seconds(62), kPolicy));
}

TEST(Throttle, each_attempt_after_the_limit_doubles_the_block_up_to_the_ceiling) {
  ThrottleState s;
  Instant now = t0;
  for (int i = 0; i < 3; ++i) s = admitted(s, now);
  const minutes expected[] = {minutes(1), minutes(2),  minutes(4),
                              minutes(8), minutes(10), minutes(10)};
  for (const auto block : expected) {
    ASSERT_TRUE(s.blocked_until);
    EXPECT_EQ(*s.blocked_until - now, block);
    now = *s.blocked_until;
    s = admitted(s, now);
  }
}

TEST(Throttle, an_idle_streak_is_forgotten) {
  ThrottleState s = admitted({}, t0);
  s = admitted(s, t0 + minutes(1));
  s = admitted(s, t0 + minutes(1) + hours(24));
  EXPECT_EQ(s.attempts, 1);
  EXPECT_FALSE(s.blocked_until);
}

TEST(Throttle, a_blocked_key_counts_nothing) {
  ThrottleState s;
  for (int i = 0; i < 3; ++i) s = admitted(s, t0);
  const ThrottleState before = s;
  EXPECT_FALSE(admit(s, t0 + seconds(30), kPolicy));
  EXPECT_EQ(s, before);
}

}  // namespace
}  // namespace examens::domain
