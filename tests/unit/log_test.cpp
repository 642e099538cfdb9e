// Unit tests of the log: one JSON line per call on stderr, whatever the values hold, and its
// UTC timestamps.
#include "log/log.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <limits>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace examens::log {
namespace {

using namespace std::chrono;

// Parses one line as JSON: a line that breaks the format fails the test here.
boost::json::object parse_line(const std::string& line) {
  boost::system::error_code ec;
  auto value = boost::json::parse(line, ec);
  EXPECT_FALSE(ec) << ec.message() << " in " << line;
  EXPECT_TRUE(value.is_object()) << line;
  return value.is_object() ? value.as_object() : boost::json::object{};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  EXPECT_EQ(start, text.size()) << "unterminated last line: " << text;
  return lines;
}

// What `write` prints on stderr, as one line.
template <typename Write>
std::string line_of(Write write) {
  testing::internal::CaptureStderr();
  write();
  const auto lines = lines_of(testing::internal::GetCapturedStderr());
  EXPECT_EQ(lines.size(), 1u);
  return lines.empty() ? "" : lines.front();
}

TEST(Log, a_line_starts_with_time_level_and_event_then_the_fields_in_order) {
  const std::string line = line_of([] { info("listening", {{"port", 8080}, {"tls", false}}); });
  EXPECT_TRUE(std::regex_match(
      line, std::regex(R"(\{"ts":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z",)"
                       R"("level":"info","event":"listening","port":8080,"tls":false\})")))
      << line;
}

TEST(Log, each_level_names_itself) {
  EXPECT_EQ(parse_line(line_of([] { warning("w"); }))["level"], "warning");
  EXPECT_EQ(parse_line(line_of([] { error("e"); }))["level"], "error");
}

TEST(Log, quotes_newlines_and_control_characters_stay_inside_the_value) {
  const std::string nasty = "/a\"b\\c\nd\r\te\x01\x1F\x7F}";
  const std::string line = line_of([&] {
    error("request_failed", {{"path", nasty}, {"error", "x\"}\n{\"y"}});
  });
  auto o = parse_line(line);
  EXPECT_EQ(o["path"], boost::json::value(nasty));
  EXPECT_EQ(o["error"], "x\"}\n{\"y");
  EXPECT_EQ(o["event"], "request_failed");
}

TEST(Log, invalid_utf8_becomes_replacement_characters_and_valid_text_is_kept) {
  // A lone byte, a lead byte whose next one is no continuation (kept), an overlong '/', and a
  // sequence cut at the end.
  const std::string line = line_of([] {
    info("e", {{"v",
                "é\xFF"
                "\xC3("
                "\xC0\xAF"
                "\xE2\x82"},
               {"k\xFE", 1}});
  });
  auto o = parse_line(line);  // Boost.JSON refuses invalid UTF-8
  EXPECT_EQ(o["v"], "é\uFFFD\uFFFD(\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(o["k\uFFFD"], 1);
}

TEST(Log, numbers_print_as_json_numbers_in_their_shortest_form) {
  const std::string line = line_of([] {
    info("e", {{"ms", 1.7},
               {"round", 12.0},
               {"nan", std::nan("")},
               {"min", std::numeric_limits<long long>::min()},
               {"max", std::numeric_limits<unsigned long long>::max()},
               {"yes", true}});
  });
  EXPECT_NE(line.find(R"("ms":1.7,"round":12,"nan":null,)"
                      R"("min":-9223372036854775808,"max":18446744073709551615,"yes":true})"),
            std::string::npos)
      << line;
  parse_line(line);
}

TEST(Log, lines_from_several_threads_never_interleave) {
  constexpr int kThreads = 4;
  constexpr int kLinesEach = 200;
  const std::string long_value(3000, 'x');
  testing::internal::CaptureStderr();
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kLinesEach; ++i) info("e", {{"thread", t}, {"v", long_value}});
      });
  }
  const auto lines = lines_of(testing::internal::GetCapturedStderr());
  ASSERT_EQ(lines.size(), std::size_t{kThreads * kLinesEach});
  for (const auto& line : lines) EXPECT_EQ(parse_line(line)["v"], boost::json::value(long_value));
}

TEST(Log, utc_timestamps_keep_milliseconds) {
  const auto t =
      system_clock::time_point(seconds(1795433400)) + milliseconds(123) + microseconds(999);
  EXPECT_EQ(format_utc_timestamp(t), "2026-11-23T11:30:00.123Z");
  EXPECT_EQ(format_utc_timestamp(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace examens::log
