// Throttling of repeated login failures (SPEC §3), per identifier and per address.
// A fixed window counts failures; past the limit the key is blocked for a while.
#pragma once

#include <chrono>
#include <optional>

#include "domain/clock.hpp"

namespace examens::domain {

struct ThrottlePolicy {
  int max_failures;
  std::chrono::seconds window;
  std::chrono::seconds block;
};

// Per identifier: a password guesser gets 5 tries per quarter of an hour.
inline constexpr ThrottlePolicy kIdentifierThrottle{5, std::chrono::minutes(15),
                                                    std::chrono::minutes(15)};
// Per address: generous, since a school or a family may share one address.
inline constexpr ThrottlePolicy kAddressThrottle{30, std::chrono::minutes(15),
                                                 std::chrono::minutes(15)};

struct ThrottleState {
  int failures = 0;
  Instant window_start{};
  std::optional<Instant> blocked_until;
  bool operator==(const ThrottleState&) const = default;
};

bool is_blocked(const ThrottleState& state, Instant now);
ThrottleState record_failure(const ThrottleState& state, Instant now, const ThrottlePolicy& policy);

}  // namespace examens::domain
