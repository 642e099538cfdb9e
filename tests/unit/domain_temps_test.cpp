// Unit tests of the display of instants: Paris wall-clock time across the DST changes.
#include <gtest/gtest.h>

#include "domain/temps.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

Instant at(long long unix_seconds) {
  return Instant(seconds(unix_seconds));
}

TEST(Temps, paris_date_and_time_as_pages_show_them) {
  const Instant t = at(1694590620);  // 2023-09-13 07:37Z, summer time
  EXPECT_EQ(format_paris_date(t), "13/09/2023");
  EXPECT_EQ(format_paris_time(t), "09:37");
  EXPECT_EQ(format_paris_datetime(t), "13/09/2023 à 09:37");
}

TEST(Temps, paris_long_form_names_the_month_in_french) {
  EXPECT_EQ(format_paris_long(at(1635750000)), "01 novembre 2021 08:00");  // winter time
  EXPECT_EQ(format_paris_long(at(1694590620)), "13 septembre 2023 09:37");
}

TEST(Temps, paris_time_follows_the_spring_change) {
  EXPECT_EQ(format_paris_datetime(at(1774745999)), "29/03/2026 à 01:59");
  EXPECT_EQ(format_paris_datetime(at(1774746000)), "29/03/2026 à 03:00");
}

TEST(Temps, a_day_is_recorded_as_noon_in_paris_whatever_the_season) {
  EXPECT_EQ(midi_paris(2026y / November / 17d), at(1794913200));  // 11:00Z, winter time
  EXPECT_EQ(midi_paris(2026y / July / 1d), at(1782900000));       // 10:00Z, summer time
  EXPECT_EQ(midi_paris(2026y / March / 29d), at(1774778400));     // the day of the change
  EXPECT_EQ(format_paris_datetime(midi_paris(2026y / March / 29d)), "29/03/2026 à 12:00");
  EXPECT_EQ(paris_today(midi_paris(2027y / March / 5d)), 2027y / March / 5d);
}

}  // namespace
}  // namespace examens::domain
