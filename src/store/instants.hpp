// Instants as the schema stores them: UTC seconds since the epoch in BIGINT columns,
// the one representation both backends share.
#pragma once

#include "domain/clock.hpp"

namespace examens::store {

inline long long seconds(domain::Instant t) {
  return t.time_since_epoch().count();
}
inline domain::Instant instant(long long s) {
  return domain::Instant(std::chrono::seconds(s));
}

}  // namespace examens::store
