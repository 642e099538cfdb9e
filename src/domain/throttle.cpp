// Throttling of login attempts.
#include "domain/throttle.hpp"

#include <algorithm>

namespace examens::domain {

bool is_blocked(const ThrottleState& state, Instant now) {
  return state.blocked_until && now < *state.blocked_until;
}

std::optional<ThrottleState> admit(const ThrottleState& state, Instant now,
                                   const ThrottlePolicy& policy) {
  if (is_blocked(state, now)) return std::nullopt;
  ThrottleState next = state;
  if (state.attempts == 0 || now - state.last >= policy.memory) next = ThrottleState{};
  ++next.attempts;
  next.last = now;
  next.blocked_until.reset();
  if (next.attempts >= policy.max_attempts) {
    // Doubling from the first block; the shift is bounded so it cannot overflow.
    const int doublings = std::min(next.attempts - policy.max_attempts, 20);
    const auto block =
        std::min<std::chrono::seconds>(policy.first_block * (1LL << doublings), policy.max_block);
    next.blocked_until = now + block;
  }
  return next;
}

}  // namespace examens::domain
