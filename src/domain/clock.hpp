// The clock the domain reads "now" from; injected so rules about expiry and
// windows are tested at any instant (48 h activation, throttling windows).
#pragma once

#include <chrono>

namespace examens::domain {

using Instant = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace examens::domain
