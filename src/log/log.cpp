// JSON log lines on stderr.
#include "log/log.hpp"

#include <date/date.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "texte/texte.hpp"

namespace examens::log {
namespace {

void append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, from, i - from);
    from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s, from, std::string_view::npos);
  out += '"';
}

// A JSON string, escaped by hand: one line is written per request, and going through
// Boost.JSON cost two allocations per field.
void append_string(std::string& out, std::string_view s) {
  // JSON text is Unicode: a byte sequence that is not UTF-8 is repaired first.
  if (texte::is_valid_utf8(s))
    append_escaped(out, s);
  else
    append_escaped(out, texte::repair_utf8(s));
}

template <typename Number>
void append_number(std::string& out, Number n) {
  char digits[32];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void append_value(std::string& out, const Value& value) {
  if (const auto* text = std::get_if<std::string_view>(&value)) {
    append_string(out, *text);
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    out += *flag ? "true" : "false";
  } else if (const auto* real = std::get_if<double>(&value)) {
    // NaN and infinities have no JSON form.
    if (std::isfinite(*real))
      append_number(out, *real);
    else
      out += "null";
  } else if (const auto* negative_or_not = std::get_if<long long>(&value)) {
    append_number(out, *negative_or_not);
  } else {
    append_number(out, std::get<unsigned long long>(value));
  }
}

void write_line(std::string line) {
  line.push_back('\n');
  std::string_view rest(line);
  while (!rest.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

void write(std::string_view level, std::string_view event, const Fields& fields) {
  std::string line = "{\"ts\":";
  append_string(line, format_utc_timestamp(std::chrono::system_clock::now()));
  line += ",\"level\":";
  append_string(line, level);
  line += ",\"event\":";
  append_string(line, event);
  for (const auto& [key, value] : fields) {
    line += ',';
    append_string(line, key);
    line += ':';
    append_value(line, value);
  }
  line += '}';
  write_line(std::move(line));
}

}  // namespace

void info(std::string_view event, const Fields& fields) {
  write("info", event, fields);
}
void warning(std::string_view event, const Fields& fields) {
  write("warning", event, fields);
}
void error(std::string_view event, const Fields& fields) {
  write("error", event, fields);
}

std::string format_utc_timestamp(std::chrono::system_clock::time_point t) {
  // By hand: the date library's stream formatting builds a locale on every line.
  const auto ms = date::floor<std::chrono::milliseconds>(t);
  const auto jour = date::floor<date::days>(ms);
  const date::year_month_day ymd{jour};
  const date::hh_mm_ss hms{ms - jour};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

}  // namespace examens::log
