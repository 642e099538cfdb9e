// Throttling of repeated login failures.
#include "domain/throttle.hpp"

namespace examens::domain {

bool is_blocked(const ThrottleState& state, Instant now) {
  return state.blocked_until && now < *state.blocked_until;
}

ThrottleState record_failure(const ThrottleState& state, Instant now,
                             const ThrottlePolicy& policy) {
  ThrottleState next = state;
  if (state.failures == 0 || now - state.window_start >= policy.window ||
      (state.blocked_until && now >= *state.blocked_until)) {
    next = ThrottleState{0, now, std::nullopt};
  }
  ++next.failures;
  if (next.failures >= policy.max_failures) next.blocked_until = now + policy.block;
  return next;
}

}  // namespace examens::domain
