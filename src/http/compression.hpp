// The content codings static files are stored in besides identity (RFC 9110 8.4.1), made
// once when the files are built (scripts/build-assets.mjs, then `examens_precompress`):
// the server only picks one (content_coding.hpp).
#pragma once

#include <string>
#include <string_view>

namespace examens::http {

// gzip (RFC 1952) at zlib's best compression.
std::string gzip_compress(std::string_view data);

// Brotli (RFC 7932) at its best quality: slow to make, but made once per build.
std::string brotli_compress(std::string_view data);

// Whether a file of this name is worth compressing: text formats (CSS, JavaScript, SVG,
// JSON, HTML, icons), not the already compressed ones (WOFF, PNG).
bool worth_compressing(std::string_view filename);

}  // namespace examens::http
