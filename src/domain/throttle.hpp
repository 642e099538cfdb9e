// Throttling of login attempts (SPEC §3), per account and per client address.
// A streak of attempts is counted; from the limit on, each attempt blocks the next ones
// for a delay that doubles, up to a ceiling. Pure: the storage counts, atomically.
#pragma once

#include <chrono>
#include <optional>

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
// Per client address on /verifier: every code checked counts. A reader checks a document or
// two; after 20 checks in a streak a harvester waits 1, 2, 4… minutes, an hour at most.
inline constexpr ThrottlePolicy kVerificationThrottle{
    20, std::chrono::minutes(1), std::chrono::hours(1), std::chrono::minutes(15)};

// How long the attempt of rank `attempts` in its streak blocks the next ones: nothing
// before the limit, then the first block, doubled at each further attempt, up to the ceiling.
std::optional<std::chrono::seconds> block_after(int attempts, const ThrottlePolicy& policy);

}  // namespace examens::domain
