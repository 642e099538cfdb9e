// Display of instants in Paris time, as every page and document shows them
// ("13/09/2023 à 09:37"), whatever the server's own time zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

namespace examens::domain {

std::string format_paris_date(Instant instant);      // "13/09/2023"
std::string format_paris_time(Instant instant);      // "09:37"
std::string format_paris_datetime(Instant instant);  // "13/09/2023 à 09:37"
// "01 novembre 2021 08:00", as the opening windows are announced.
std::string format_paris_long(Instant instant);
// "mardi 30 août 2022", as the deposit windows of the pièces justificatives are written.
std::string format_paris_jour(Instant instant);

// Reads a Paris wall-clock time "YYYY-MM-DD HH:MM". A time that does not exist (the spring
// change skips 02:00-03:00) or happens twice (the autumn change repeats 02:00-03:00) is
// refused with the reason, since a window must not open at a guessed instant.
struct ParisTime {
  std::optional<Instant> instant;
  std::string error;  // French, when instant is empty
};
ParisTime parse_paris_local(std::string_view text);

// The calendar day in Paris at `instant` (a birth date in the future is judged in Paris).
std::chrono::year_month_day paris_today(Instant instant);
// Noon in Paris on `jour`: a day recorded as an instant (the date de réception of a piece)
// that stays the same day wherever it is read, between UTC-11 and UTC+12.
Instant midi_paris(std::chrono::year_month_day jour);

}  // namespace examens::domain
