// Unit tests of login throttling: the block that each attempt of a streak sets.
#include <gtest/gtest.h>

#include "domain/throttle.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

constexpr ThrottlePolicy kPolicy{3, minutes(1), minutes(10), hours(24)};

TEST(Throttle, attempts_before_the_limit_block_nothing) {
  EXPECT_EQ(block_after(1, kPolicy), std::nullopt);
  EXPECT_EQ(block_after(2, kPolicy), std::nullopt);
}

TEST(Throttle, the_attempt_reaching_the_limit_blocks_then_each_further_one_doubles) {
  EXPECT_EQ(block_after(3, kPolicy), minutes(1));
  EXPECT_EQ(block_after(4, kPolicy), minutes(2));
  EXPECT_EQ(block_after(5, kPolicy), minutes(4));
  EXPECT_EQ(block_after(6, kPolicy), minutes(8));
}

TEST(Throttle, the_block_stops_growing_at_the_ceiling) {
  EXPECT_EQ(block_after(7, kPolicy), minutes(10));
  EXPECT_EQ(block_after(100, kPolicy), minutes(10));
  EXPECT_EQ(block_after(1'000'000, kPolicy), minutes(10));
}

TEST(Throttle, the_account_policy_blocks_after_five_attempts_for_an_hour_at_most) {
  EXPECT_EQ(block_after(4, kCompteThrottle), std::nullopt);
  EXPECT_EQ(block_after(5, kCompteThrottle), minutes(1));
  EXPECT_EQ(block_after(20, kCompteThrottle), hours(1));
}

}  // namespace
}  // namespace examens::domain
