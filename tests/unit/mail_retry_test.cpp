// Tests of the outbox back-off schedule (mail/retry.hpp): delays double from 30 s
// up to the 1 h cap, and a mail is given up after kMaxAttempts attempts.
#include <gtest/gtest.h>

#include <climits>

#include "mail/retry.hpp"

namespace examens::mail {
namespace {

using namespace std::chrono_literals;

TEST(MailRetry, first_retry_waits_thirty_seconds) {
  EXPECT_EQ(retry_delay(1), 30s);
}

TEST(MailRetry, delay_doubles_after_each_failure) {
  EXPECT_EQ(retry_delay(2), 1min);
  EXPECT_EQ(retry_delay(3), 2min);
  EXPECT_EQ(retry_delay(4), 4min);
  EXPECT_EQ(retry_delay(7), 32min);
}

TEST(MailRetry, delay_is_capped_at_one_hour) {
  EXPECT_EQ(retry_delay(8), 1h);  // 64 min would exceed the cap
  EXPECT_EQ(retry_delay(kMaxAttempts), 1h);
  EXPECT_EQ(retry_delay(1000), 1h);
  EXPECT_EQ(retry_delay(INT_MAX), 1h);
}

TEST(MailRetry, counts_below_one_wait_like_the_first_failure) {
  EXPECT_EQ(retry_delay(0), 30s);
  EXPECT_EQ(retry_delay(-3), 30s);
  EXPECT_EQ(retry_delay(INT_MIN), 30s);
}

TEST(MailRetry, delay_never_decreases) {
  for (int attempts = 1; attempts < 100; ++attempts) {
    EXPECT_LE(retry_delay(attempts), retry_delay(attempts + 1)) << attempts;
  }
}

TEST(MailRetry, mail_is_given_up_after_max_attempts) {
  EXPECT_FALSE(attempts_exhausted(0));
  EXPECT_FALSE(attempts_exhausted(kMaxAttempts - 1));
  EXPECT_TRUE(attempts_exhausted(kMaxAttempts));
  EXPECT_TRUE(attempts_exhausted(kMaxAttempts + 5));
}

TEST(MailRetry, last_attempt_comes_about_thirteen_hours_after_the_first) {
  std::chrono::seconds total{0};
  for (int failures = 1; failures < kMaxAttempts; ++failures) total += retry_delay(failures);
  // 30 s + 1 + 2 + 4 + 8 + 16 + 32 min, then twelve waits of 1 h.
  EXPECT_EQ(total, 30s + 63min + 12h);
}

static_assert(retry_delay(1) == std::chrono::seconds{30}, "usable in constant expressions");

}  // namespace
}  // namespace examens::mail
