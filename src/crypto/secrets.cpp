// Random tokens and password hashing with libsodium.
#include "crypto/secrets.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace examens::crypto {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

// Idempotent and thread-safe: the mail encoder may run before init_secrets (in tests).
void ensure_sodium() {
  static const int status = sodium_init();
  if (status < 0) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace

void init_secrets() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return to_hex(raw.data(), raw.size());
}

std::string random_chars(std::size_t chars, std::string_view alphabet) {
  if (alphabet.empty() || alphabet.size() > 256)
    throw std::invalid_argument("random_chars: alphabet of 1 to 256 characters");
  ensure_sodium();
  // Bytes drawn in blocks, one system call each, not one per character (randombytes_uniform
  // draws for each: 4 % of Enregistrer's time under load). A byte at or above the largest
  // multiple of the alphabet's size is dropped, so that every character is equally likely.
  const unsigned size = static_cast<unsigned>(alphabet.size());
  const unsigned limit = 256 - 256 % size;
  std::string out;
  out.reserve(chars);
  std::vector<unsigned char> block(chars + 8);
  while (out.size() < chars) {
    randombytes_buf(block.data(), block.size());
    for (unsigned char b : block) {
      if (b >= limit) continue;
      out.push_back(alphabet[b % size]);
      if (out.size() == chars) break;
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  const std::size_t size = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(size - 1);  // drop the terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

std::uint64_t random_u64() {
  std::uint64_t value = 0;
  randombytes_buf(&value, sizeof value);
  return value;
}

std::string token_hash(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(digest, sizeof digest);
}

std::string keyed_hash(std::string_view key, std::string_view message) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     std::min<std::size_t>(key.size(), crypto_generichash_KEYBYTES_MAX));
  return to_hex(digest, sizeof digest);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  const std::string h(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view hash) {
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace examens::crypto
