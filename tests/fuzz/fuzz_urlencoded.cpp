// http::parse_urlencoded, the parser of every form body and query string: what it accepts is
// UTF-8 without NUL, and encoding the pairs back then parsing them gives the same pairs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/form_parsing.hpp"
#include "texte/texte.hpp"

namespace {

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto fields = examens::http::parse_urlencoded(text);
  if (!fields) return 0;
  std::string encoded;
  for (const auto& [name, value] : *fields) {
    FUZZ_CHECK(examens::texte::is_valid_utf8(name) && examens::texte::is_valid_utf8(value));
    FUZZ_CHECK(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos);
    if (!encoded.empty()) encoded += '&';
    encoded += percent_encode(name) + '=' + percent_encode(value);
  }
  const auto again = examens::http::parse_urlencoded(encoded);
  FUZZ_CHECK(again && *again == *fields);
  return 0;
}
