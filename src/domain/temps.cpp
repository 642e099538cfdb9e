// Display of instants in Paris time with the OS time-zone database.
#include "domain/temps.hpp"

#include <date/tz.h>

#include <cstdio>

namespace examens::domain {
namespace {

const date::time_zone* paris() {
  static const date::time_zone* zone = date::locate_zone("Europe/Paris");
  return zone;
}

// The Paris wall clock at `instant`, read once: the date library's stream formatting (a locale
// per call) cost more than the rest of a page (docs/decisions/0020-template-renderer.md).
struct Locales {
  date::year_month_day ymd;
  date::weekday jour;
  int heure = 0;
  int minute = 0;
};

Locales locales(Instant instant) {
  const auto local = date::make_zoned(paris(), instant).get_local_time();
  const auto jour = date::floor<date::days>(local);
  const date::hh_mm_ss hms{local - jour};
  return {date::year_month_day{jour}, date::weekday{jour}, static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count())};
}

std::string date_de(const Locales& l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(l.ymd.day()),
                static_cast<unsigned>(l.ymd.month()), static_cast<int>(l.ymd.year()));
  return buf;
}

std::string heure_de(const Locales& l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", l.heure, l.minute);
  return buf;
}

std::string annee_de(const Locales& l) {
  return std::to_string(static_cast<int>(l.ymd.year()));
}

std::string mois(const Locales& l) {
  static constexpr const char* kMois[] = {"janvier",   "février", "mars",     "avril",
                                          "mai",       "juin",    "juillet",  "août",
                                          "septembre", "octobre", "novembre", "décembre"};
  return kMois[static_cast<unsigned>(l.ymd.month()) - 1];
}

}  // namespace

std::string format_paris_date(Instant instant) {
  return date_de(locales(instant));
}
std::string format_paris_time(Instant instant) {
  return heure_de(locales(instant));
}
std::string format_paris_datetime(Instant instant) {
  const Locales l = locales(instant);
  return date_de(l) + " à " + heure_de(l);
}

std::string format_paris_long(Instant instant) {
  const Locales l = locales(instant);
  char jour[16];
  std::snprintf(jour, sizeof jour, "%02u", static_cast<unsigned>(l.ymd.day()));
  return std::string(jour) + " " + mois(l) + " " + annee_de(l) + " " + heure_de(l);
}

std::string format_paris_jour(Instant instant) {
  static constexpr const char* kJours[] = {"dimanche", "lundi",    "mardi", "mercredi",
                                           "jeudi",    "vendredi", "samedi"};
  const Locales l = locales(instant);
  // French writes the day unpadded ("lundi 1 février", not "lundi 01").
  return std::string(kJours[l.jour.c_encoding()]) + " " +
         std::to_string(static_cast<unsigned>(l.ymd.day())) + " " + mois(l) + " " + annee_de(l);
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

Instant midi_paris(std::chrono::year_month_day jour) {
  // Paris changes its offset at night: noon exists once every day.
  const date::local_seconds midi{std::chrono::sys_days(jour).time_since_epoch() +
                                 std::chrono::hours(12)};
  return Instant(midi.time_since_epoch() - paris()->get_info(midi).first.offset);
}

}  // namespace examens::domain
