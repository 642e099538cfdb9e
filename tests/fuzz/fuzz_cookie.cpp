// http::parse_cookie_header, run on every Cookie line: names are never empty and hold
// neither ';' nor '=', values hold no ';', and the cookies written back (values quoted)
// parse to the same map.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/form_parsing.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const auto cookies = examens::http::parse_cookie_header(header);
  std::string written;
  for (const auto& [name, value] : cookies) {
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(name.find_first_of(";=") == std::string::npos);
    FUZZ_CHECK(value.find(';') == std::string::npos);
    FUZZ_CHECK(name.size() + value.size() < size);
    if (!written.empty()) written += "; ";
    written += name + "=\"" + value + '"';
  }
  FUZZ_CHECK(examens::http::parse_cookie_header(written) == cookies);
  return 0;
}
