// Throttling of login attempts (SPEC §3), per account and per client address.
// A streak of attempts is counted; from the limit on, each attempt blocks the next ones
// for a delay that doubles, up to a ceiling. Pure: the storage applies it atomically.
#pragma once

#include <chrono>
#include <optional>

#include "domain/clock.hpp"

namespace examens::domain {

struct ThrottlePolicy {
  int max_attempts;                  // attempts of a streak before the first block
  std::chrono::seconds first_block;  // the first block; each further attempt doubles it
  std::chrono::seconds max_block;
  std::chrono::seconds memory;  // a streak idle this long is forgotten
};

// Per account: attempts are counted before the password is checked (parallel guesses
// count), and a successful login or a new password clears the streak. After 5 failures a
// guesser waits 1, 2, 4… minutes, an hour at most, and the streak lasts a day.
inline constexpr ThrottlePolicy kCompteThrottle{5, std::chrono::minutes(1), std::chrono::hours(1),
                                                std::chrono::hours(24)};
// Per client address: only failures count, and a success does not clear them (an attacker
// could interleave his own logins). Generous, since a school or a family shares an address.
inline constexpr ThrottlePolicy kAddressThrottle{30, std::chrono::minutes(5), std::chrono::hours(1),
                                                 std::chrono::minutes(15)};

struct ThrottleState {
  int attempts = 0;
  Instant last{};  // the streak's latest counted attempt
  std::optional<Instant> blocked_until;
  bool operator==(const ThrottleState&) const = default;
};

bool is_blocked(const ThrottleState& state, Instant now);

// Counts one more attempt at `now`: the next state, or nullopt while blocked (nothing
// counted). The attempt that reaches the limit, and each one after it, blocks the next.
std::optional<ThrottleState> admit(const ThrottleState& state, Instant now,
                                   const ThrottlePolicy& policy);

}  // namespace examens::domain
