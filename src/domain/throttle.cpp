// Throttling of login attempts.
#include "domain/throttle.hpp"

#include <algorithm>

namespace examens::domain {

std::optional<std::chrono::seconds> block_after(int attempts, const ThrottlePolicy& policy) {
  if (attempts < policy.max_attempts) return std::nullopt;
  // The shift is bounded so that it cannot overflow; the ceiling is reached long before.
  const int doublings = std::min(attempts - policy.max_attempts, 20);
  return std::min<std::chrono::seconds>(policy.first_block * (1LL << doublings), policy.max_block);
}

}  // namespace examens::domain
