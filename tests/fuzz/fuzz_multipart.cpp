// http::multipart_boundary and http::MultipartParser. The input is one byte choosing a chunk
// size, a Content-Type line, then the body. The body is parsed whole and again in chunks of
// that size: both must end in the same status with the same fields and files, every file on
// disk must hold what take_files() reports, nothing may be left in the upload folder, and
// the memory held stays within what the class promises.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "http/form_parsing.hpp"

namespace {

namespace fs = std::filesystem;
using examens::fuzz::upload_dir;
using examens::http::MultipartLimits;
using examens::http::MultipartParser;
using examens::http::MultipartStatus;

struct Outcome {
  MultipartStatus status;
  examens::http::FormFields fields;
  std::vector<std::pair<std::string, std::string>> files;  // field, content
  bool operator==(const Outcome&) const = default;
};

// Small limits, so that every refusal is reachable with short inputs.
MultipartLimits small_limits() {
  MultipartLimits limits;
  limits.max_part_header_bytes = 512;
  limits.max_field_bytes = 2048;
  limits.max_fields = 16;
  limits.max_files = 3;
  limits.max_body_bytes = 64 * 1024;
  return limits;
}

Outcome parse(std::string_view boundary, std::string_view body, std::size_t chunk) {
  MultipartParser parser(boundary, upload_dir(), small_limits());
  MultipartStatus status = MultipartStatus::need_more;
  for (std::size_t at = 0; at < body.size() && status == MultipartStatus::need_more; at += chunk) {
    status = parser.feed(body.substr(at, chunk));
    // What the class promises to hold: a chunk, a delimiter, a part's headers, a write buffer.
    FUZZ_CHECK(parser.buffered_bytes() <= chunk + 64 * 1024 + 512 + boundary.size() + 128);
  }
  if (status == MultipartStatus::need_more) status = parser.finish();
  FUZZ_CHECK(status != MultipartStatus::need_more);
  FUZZ_CHECK((status == MultipartStatus::done) == parser.error().empty());
  Outcome out{status, {}, {}};
  if (status != MultipartStatus::done) return out;
  out.fields = parser.take_fields();
  for (const auto& file : parser.take_files()) {
    std::ifstream in(file.path, std::ios::binary);
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    FUZZ_CHECK(content.size() == file.size && !file.filename.empty());
    fs::remove(file.path);
    out.files.emplace_back(file.field, std::move(content));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t chunk = 1 + data[0] % 64;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t eol = rest.find('\n');
  if (eol == std::string_view::npos) return 0;
  const auto boundary = examens::http::multipart_boundary(rest.substr(0, eol));
  if (!boundary) return 0;
  FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70);
  const std::string_view body = rest.substr(eol + 1);
  const Outcome whole = parse(*boundary, body, body.size() + 1);
  const Outcome chunked = parse(*boundary, body, chunk);
  FUZZ_CHECK(whole == chunked);
  FUZZ_CHECK(fs::is_empty(upload_dir()));
  return 0;
}
