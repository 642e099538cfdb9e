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

std::string mois(Instant instant) {
  static constexpr const char* kMois[] = {"janvier",   "février", "mars",     "avril",
                                          "mai",       "juin",    "juillet",  "août",
                                          "septembre", "octobre", "novembre", "décembre"};
  const auto local = date::make_zoned(paris(), instant).get_local_time();
  const date::year_month_day ymd{date::floor<date::days>(local)};
  return kMois[static_cast<unsigned>(ymd.month()) - 1];
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

std::string format_paris_long(Instant instant) {
  return format("%d ", instant) + mois(instant) + format(" %Y %H:%M", instant);
}

std::string format_paris_jour(Instant instant) {
  static constexpr const char* kJours[] = {"dimanche", "lundi",    "mardi", "mercredi",
                                           "jeudi",    "vendredi", "samedi"};
  const auto local = date::make_zoned(paris(), instant).get_local_time();
  const date::weekday jour{date::floor<date::days>(local)};
  // French writes the day unpadded ("lundi 1 février" would read "lundi 01" with "%d").
  const date::year_month_day ymd{date::floor<date::days>(local)};
  return std::string(kJours[jour.c_encoding()]) + " " +
         std::to_string(static_cast<unsigned>(ymd.day())) + " " + mois(instant) +
         format(" %Y", instant);
}

ParisTime parse_paris_local(std::string_view text) {
  auto digits = [&](std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi;
  if (text.size() != 16 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      !digits(0, 4, y) || !digits(5, 2, mo) || !digits(8, 2, d) || !digits(11, 2, h) ||
      !digits(14, 2, mi))
    return {std::nullopt, "date et heure attendues au format AAAA-MM-JJ HH:MM"};
  const date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(mo)),
                                 date::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59) return {std::nullopt, "date ou heure impossible"};
  const date::local_seconds local{date::local_days(ymd).time_since_epoch() + std::chrono::hours(h) +
                                  std::chrono::minutes(mi)};
  const auto info = paris()->get_info(local);
  if (info.result == date::local_info::nonexistent)
    return {std::nullopt,
            "cette heure n'existe pas à Paris (passage à l'heure d'été) : choisissez-en une autre"};
  if (info.result == date::local_info::ambiguous)
    return {std::nullopt,
            "cette heure existe deux fois à Paris (passage à l'heure d'hiver) : choisissez-en une "
            "autre"};
  return {Instant(local.time_since_epoch() - info.first.offset), ""};
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
