// SHA-256 of a stream of bytes (libsodium), as the stored pièces justificatives are named:
// their content's digest in lowercase hex (docs/decisions/0013-justificatifs.md).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace examens::crypto {

// Fed chunk by chunk, so a file is hashed as it is copied, never whole in memory.
// Not thread-safe; one per stream.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest in lowercase hex (64 characters); the object is spent afterwards.
  std::string hex();

 private:
  alignas(64) std::array<unsigned char, 256> state_;  // crypto_hash_sha256_state, opaque here
};

}  // namespace examens::crypto
