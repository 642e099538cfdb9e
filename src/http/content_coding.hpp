// Choosing the content coding of a response from the request's Accept-Encoding
// (RFC 9110 12.5.3), among the codings a static file is stored in.
#pragma once

#include <optional>
#include <string_view>

namespace examens::http {

enum class Coding { identity, gzip, br };

// The Content-Encoding value of a coding ("br", "gzip"); empty for identity.
std::string_view coding_name(Coding coding);

// The coding to send: the available one with the highest q-value (`*` standing for those
// not named), Brotli before gzip before identity at equal q. Without the header, identity
// (clients that send none may not decode anything). When the header refuses every
// available coding, identity too: RFC 9110 lets the server disregard it rather than answer
// 406, and a page missing its stylesheet is worse than one sent uncompressed.
Coding choose_coding(std::optional<std::string_view> accept_encoding, bool has_gzip, bool has_br);

}  // namespace examens::http
