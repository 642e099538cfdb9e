// Unit tests of the demo clock: it starts at the chosen instant and runs at the real pace.
#include <gtest/gtest.h>

#include <thread>

#include "domain/clock.hpp"
#include "domain/temps.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

TEST(DemoClock, starts_at_the_chosen_instant_and_runs_at_the_real_pace) {
  const Instant start = *parse_paris_local("2026-11-23 10:00").instant;
  DemoClock clock(start);
  EXPECT_LE(abs(clock.now() - start), seconds(1));
  std::this_thread::sleep_for(milliseconds(1100));
  EXPECT_GE(clock.now() - start, seconds(1));
  EXPECT_LE(clock.now() - start, seconds(3));
}

}  // namespace
}  // namespace examens::domain
