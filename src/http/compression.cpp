// gzip through zlib and Brotli through libbrotlienc, one call each on a whole file.
#include "http/compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <stdexcept>

#include "http/static_files.hpp"

namespace examens::http {

std::string gzip_compress(std::string_view data) {
  z_stream z{};
  // 16 + MAX_WBITS: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

std::string brotli_compress(std::string_view data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    throw std::runtime_error("brotli: compression failed");
  out.resize(size);
  return out;
}

bool worth_compressing(std::string_view filename) {
  const std::string_view type = static_content_type(filename);
  return type.starts_with("text/") || type.starts_with("image/svg") || type == "image/x-icon" ||
         type.starts_with("application/json") || type.starts_with("application/manifest+json");
}

}  // namespace examens::http
