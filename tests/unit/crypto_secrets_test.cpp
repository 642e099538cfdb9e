// The random strings of crypto/secrets: documents' verification codes.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "crypto/secrets.hpp"
#include "domain/document.hpp"

namespace examens::crypto {
namespace {

TEST(CryptoRandomChars, draws_the_length_asked_from_the_alphabet_only) {
  for (std::size_t length : {0U, 1U, 12U, 300U}) {
    const auto code = random_chars(length, domain::kAlphabetCode);
    ASSERT_EQ(code.size(), length);
    for (char c : code) EXPECT_NE(domain::kAlphabetCode.find(c), std::string_view::npos) << c;
  }
}

TEST(CryptoRandomChars, every_character_of_an_alphabet_not_dividing_256_is_equally_likely) {
  // Seven characters: 256 % 7 = 4, so taking every byte modulo 7 would make the first four
  // characters 37/256 likely against 36/256 for the other three. Over 7,000,000 draws the
  // expected count is 1,000,000 each with a standard deviation of about 900; that bias would
  // move the counts by +11,700 and -15,600.
  constexpr std::string_view kSept = "abcdefg";
  std::map<char, int> counts;
  for (int i = 0; i < 70'000; ++i)
    for (char c : random_chars(100, kSept)) ++counts[c];
  ASSERT_EQ(counts.size(), kSept.size());
  for (const auto& [c, n] : counts) {
    EXPECT_GT(n, 995'000) << c;
    EXPECT_LT(n, 1'005'000) << c;
  }
}

TEST(CryptoRandomChars, two_codes_differ) {
  EXPECT_NE(random_chars(16, domain::kAlphabetCode), random_chars(16, domain::kAlphabetCode));
}

TEST(CryptoRandomChars, refuses_an_empty_or_too_long_alphabet) {
  EXPECT_THROW(random_chars(4, ""), std::invalid_argument);
  const std::string trop(257, 'x');
  EXPECT_THROW(random_chars(4, trop), std::invalid_argument);
}

}  // namespace
}  // namespace examens::crypto
