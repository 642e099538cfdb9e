// SHA-256 through libsodium's streaming API.
#include "crypto/empreinte.hpp"

#include <sodium.h>

namespace examens::crypto {
namespace {

crypto_hash_sha256_state* state_of(std::array<unsigned char, 256>& buffer) {
  static_assert(sizeof(crypto_hash_sha256_state) <= 256);
  return reinterpret_cast<crypto_hash_sha256_state*>(buffer.data());
}

}  // namespace

Sha256::Sha256() {
  crypto_hash_sha256_init(state_of(state_));
}

void Sha256::update(std::string_view bytes) {
  crypto_hash_sha256_update(state_of(state_), reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

std::string Sha256::hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(state_of(state_), digest);
  std::string out(crypto_hash_sha256_BYTES * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
  out.pop_back();
  return out;
}

}  // namespace examens::crypto
