// Text as every layer handles it: UTF-8 well-formedness and code points, cutting on a
// character boundary, ASCII case (protocol tokens, emails, display names), and the one rule
// of what a form field may hold. Pure: no I/O, no locale.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace examens::texte {

// Returned by decode_utf8 for a byte that does not start a well-formed sequence.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the code point at `i` and moves past it. An ill-formed sequence (overlong,
// surrogate, truncated, beyond U+10FFFF, stray continuation byte) yields kInvalidCodePoint and
// moves one byte, so callers never loop forever.
char32_t decode_utf8(std::string_view text, std::size_t& i);
void append_utf8(std::string& out, char32_t code_point);

bool is_valid_utf8(std::string_view text);
// Each ill-formed byte replaced by U+FFFD.
std::string repair_utf8(std::string_view text);
// Characters of valid UTF-8 (bytes that are not continuation bytes, whatever the input).
std::size_t utf8_length(std::string_view text);
// The longest prefix of at most `max_bytes` that does not split a UTF-8 sequence. A sequence
// has at most three continuation bytes: on a longer run (ill-formed input) the cut stays at
// `max_bytes`.
std::string_view cut_utf8(std::string_view text, std::size_t max_bytes);

char ascii_lower(char c);
std::string ascii_lower(std::string_view text);
// Other bytes, accented letters included, are kept as they are.
std::string ascii_upper(std::string_view text);
bool iequals_ascii(std::string_view a, std::string_view b);

inline constexpr std::string_view kAsciiWhitespace = " \t\n\v\f\r";
std::string_view trim(std::string_view text, std::string_view chars = kAsciiWhitespace);

// What a form field may hold: valid UTF-8 without control characters (C0, DEL, C1). The
// portal has no multi-line field, so line breaks and tabs are refused too.
bool is_acceptable_text(std::string_view text);

}  // namespace examens::texte
