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

// The demo's clock: starts at a chosen instant and runs at the real pace, so the demo's
// opening windows stay open, closed or future whatever the real date.
class DemoClock final : public Clock {
 public:
  explicit DemoClock(Instant start) : offset_(start - SystemClock().now()) {}
  Instant now() const override { return SystemClock().now() + offset_; }

 private:
  std::chrono::seconds offset_;
};

}  // namespace examens::domain
