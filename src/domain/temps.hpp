// Display of instants in Paris time, as every page and document shows them
// ("13/09/2023 à 09:37"), whatever the server's own time zone.
#pragma once

#include <string>

#include "domain/clock.hpp"

namespace examens::domain {

std::string format_paris_date(Instant instant);      // "13/09/2023"
std::string format_paris_time(Instant instant);      // "09:37"
std::string format_paris_datetime(Instant instant);  // "13/09/2023 à 09:37"
// The calendar day in Paris at `instant` (a birth date in the future is judged in Paris).
std::chrono::year_month_day paris_today(Instant instant);

}  // namespace examens::domain
