// Display of instants in Paris time with the OS time-zone database.
#include "domain/temps.hpp"

#include <date/tz.h>

namespace examens::domain {
namespace {

const date::time_zone* paris() {
  static const date::time_zone* zone = date::locate_zone("Europe/Paris");
  return zone;
}

std::string format(const char* pattern, Instant instant) {
  return date::format(pattern, date::make_zoned(paris(), instant).get_local_time());
}

}  // namespace

std::string format_paris_date(Instant instant) {
  return format("%d/%m/%Y", instant);
}
std::string format_paris_time(Instant instant) {
  return format("%H:%M", instant);
}
std::string format_paris_datetime(Instant instant) {
  return format_paris_date(instant) + " à " + format_paris_time(instant);
}

std::chrono::year_month_day paris_today(Instant instant) {
  const auto local = date::make_zoned(paris(), instant).get_local_time();
  const auto days = date::floor<date::days>(local);
  const date::year_month_day ymd{days};
  return std::chrono::year_month_day{std::chrono::year(static_cast<int>(ymd.year())),
                                     std::chrono::month(static_cast<unsigned>(ymd.month())),
                                     std::chrono::day(static_cast<unsigned>(ymd.day()))};
}

}  // namespace examens::domain
