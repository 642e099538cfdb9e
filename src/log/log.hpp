// The one log of every layer: a JSON object per line on stderr, {"ts","level","event",…}.
// It depends only on the text utility (src/texte), so the HTTP transport, the store and the mail
// sender can all write through it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace examens::log {

// Text is escaped and made valid UTF-8 (invalid bytes become U+FFFD); a double prints in
// its shortest exact form (1.7, where Boost.JSON would print 1.7E0).
using Value = std::variant<std::string_view, long long, unsigned long long, double, bool>;
struct Field {
  std::string_view key;
  Value value;
};
// Views: what they point to must outlive the call, as the temporaries of a braced list do.
using Fields = std::vector<Field>;

// Each call writes one whole line in a single write(2), so lines from several threads never
// interleave.
void info(std::string_view event, const Fields& fields = {});
void warning(std::string_view event, const Fields& fields = {});
void error(std::string_view event, const Fields& fields = {});

// "2026-11-23T11:30:00.123Z": UTC to the millisecond, as the logs write instants.
std::string format_utc_timestamp(std::chrono::system_clock::time_point t);

}  // namespace examens::log
