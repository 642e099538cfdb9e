// Unit tests of the text utility: UTF-8 decoding, validation, repair, length and cutting, ASCII
// case, trimming, and the rule of what a form field may hold.
#include "texte/texte.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace examens::texte {
namespace {

using namespace std::string_literals;

std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) out.push_back(decode_utf8(text, i));
  return out;
}

TEST(Utf8, decodes_every_length_and_encodes_back) {
  EXPECT_EQ(code_points("aé€😀"), (std::vector<char32_t>{U'a', U'é', U'€', U'😀'}));
  for (char32_t cp : {U'a', U'é', U'€', U'😀', char32_t(0x10FFFF)}) {
    std::string s;
    append_utf8(s, cp);
    std::size_t i = 0;
    EXPECT_EQ(decode_utf8(s, i), cp);
    EXPECT_EQ(i, s.size());
  }
}

TEST(Utf8, an_ill_formed_sequence_is_one_invalid_byte) {
  // Overlong '/', a surrogate, past U+10FFFF, a stray continuation, a truncated sequence.
  EXPECT_EQ(code_points("\xC0\xAF"), (std::vector<char32_t>{kInvalidCodePoint, kInvalidCodePoint}));
  EXPECT_EQ(code_points("\xED\xA0\x80").front(), kInvalidCodePoint);
  EXPECT_EQ(code_points("\xF4\x90\x80\x80").front(), kInvalidCodePoint);
  EXPECT_EQ(code_points("\x80"
                        "a"),
            (std::vector<char32_t>{kInvalidCodePoint, U'a'}));
  EXPECT_EQ(code_points("\xC3"), (std::vector<char32_t>{kInvalidCodePoint}));
}

TEST(Utf8, validity) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Saint-Étienne \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("caf\xE9"));           // Latin-1
}

TEST(Utf8, repair_replaces_each_ill_formed_byte) {
  EXPECT_EQ(repair_utf8("caf\xE9 ok"), "caf\xEF\xBF\xBD ok");
  EXPECT_EQ(repair_utf8("é"), "é");
}

TEST(Utf8, length_counts_characters) {
  EXPECT_EQ(utf8_length("Bâle"), 4u);
  EXPECT_EQ(utf8_length("😀"), 1u);
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(Utf8, cut_never_splits_a_character) {
  EXPECT_EQ(cut_utf8("abc", 5), "abc");
  EXPECT_EQ(cut_utf8("abc", 2), "ab");
  EXPECT_EQ(cut_utf8("aé", 2), "a");  // é is 2 bytes
  EXPECT_EQ(cut_utf8("aé", 3), "aé");
  EXPECT_EQ(cut_utf8("a😀b", 4), "a");  // 😀 is 4 bytes
  EXPECT_EQ(cut_utf8("a😀b", 5), "a😀");
  EXPECT_EQ(cut_utf8("😀", 1), "");
  // Ill-formed: a run of continuation bytes longer than any sequence is cut where asked.
  EXPECT_EQ(cut_utf8("a\x80\x80\x80\x80\x80", 5), "a\x80\x80\x80\x80");
}

TEST(Ascii, case_changes_only_ascii_letters) {
  EXPECT_EQ(ascii_lower("Paul.LAMY@Example.FR"), "paul.lamy@example.fr");
  EXPECT_EQ(ascii_upper("Lamy-Éric d'été"), "LAMY-ÉRIC D'éTé");
  EXPECT_EQ(ascii_lower('Q'), 'q');
  EXPECT_EQ(ascii_lower('['), '[');
}

TEST(Ascii, iequals_ignores_ascii_case_only) {
  EXPECT_TRUE(iequals_ascii("Content-Length", "content-length"));
  EXPECT_FALSE(iequals_ascii("content-length", "content-lengt"));
  EXPECT_FALSE(iequals_ascii("É", "é"));
}

TEST(Trim, removes_ascii_whitespace_or_the_given_characters) {
  EXPECT_EQ(trim(" \t Paul \r\n"), "Paul");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\n a b \n", " \t"), "\n a b \n");
  EXPECT_EQ(trim("\t a b ", " \t"), "a b");
}

TEST(AcceptableText, refuses_control_characters_and_ill_formed_utf8) {
  EXPECT_TRUE(is_acceptable_text(""));
  EXPECT_TRUE(is_acceptable_text("L'Haÿ-les-Roses « œ » € 😀 \u00A0"));
  for (const std::string& bad : {"a\x01"s, "a\0b"s, "a\tb"s, "a\nb"s, "a\rb"s, "a\x1B[31m"s,
                                 "a\x7F"s, "a\xC2\x80"s /* U+0080 */, "a\xC2\x85"s /* NEL */,
                                 "a\xC2\x9F"s /* U+009F */, "caf\xE9"s /* Latin-1 */})
    EXPECT_FALSE(is_acceptable_text(bad)) << bad;
}

}  // namespace
}  // namespace examens::texte
