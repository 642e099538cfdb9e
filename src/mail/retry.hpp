// Back-off schedule of the mail outbox: how long a mail waits after a failed
// delivery, and after how many attempts it is given up and marked failed.
#pragma once

#include <chrono>

namespace examens::mail {

// Delivery attempts, the first one included, after which the outbox marks a mail
// failed. With retry_delay below, attempt 20 comes about 13 h after the first
// (30 s + 1 + 2 + … + 32 min, then 12 × 1 h): long enough to ride out a relay's
// night-long outage, short enough that a failure shows the same day.
inline constexpr int kMaxAttempts = 20;

inline constexpr std::chrono::seconds kFirstRetryDelay{30};
inline constexpr std::chrono::seconds kMaxRetryDelay{std::chrono::hours{1}};

// Returns the wait before the next attempt once `attempts` deliveries have failed:
// 30 s after the first failure, doubling after each one (1 min, 2 min, 4 min…),
// never more than 1 h. Values below 1 count as 1.
constexpr std::chrono::seconds retry_delay(int attempts) {
  std::chrono::seconds delay = kFirstRetryDelay;
  // Doubling stops at the cap, so a huge count cannot overflow.
  for (int i = 1; i < attempts && delay < kMaxRetryDelay; ++i) delay *= 2;
  return delay < kMaxRetryDelay ? delay : kMaxRetryDelay;
}

// Returns whether a mail whose delivery has failed `attempts` times is given up.
constexpr bool attempts_exhausted(int attempts) {
  return attempts >= kMaxAttempts;
}

}  // namespace examens::mail
