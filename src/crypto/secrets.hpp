// Random tokens and their stored hashes, password hashing (Argon2id), and the encodings
// of libsodium that mail needs (hex, base64): libsodium stays in this folder.
// Password hashing is slow by design (~70 ms): call it on worker threads only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace examens::crypto {

// Initializes libsodium; call once before anything else here.
void init_secrets();

std::string random_token(std::size_t bytes = 32);  // URL-safe base64, no padding
std::uint64_t random_u64();
std::string random_hex(std::size_t bytes);  // lowercase hex (MIME boundaries, Message-IDs)
// `chars` characters drawn uniformly from `alphabet` (at most 256 characters): 5 bits each from
// a 32-character alphabet (the documents' verification codes).
std::string random_chars(std::size_t chars, std::string_view alphabet);
// Standard base64 with padding (MIME encoded words).
std::string base64(std::string_view bytes);
// The bytes of standard base64 with padding; nullopt when `text` is not such base64.
std::optional<std::string> from_base64(std::string_view text);
// The stored form of a token: a hex BLAKE2b-256 digest, so a database leak gives
// no usable link or session.
std::string token_hash(std::string_view token);
bool constant_time_equal(std::string_view a, std::string_view b);
// Keyed hash (for CSRF tokens of anonymous visitors): hex BLAKE2b-256 with a key.
std::string keyed_hash(std::string_view key, std::string_view message);

std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
bool password_needs_rehash(std::string_view hash);

}  // namespace examens::crypto
