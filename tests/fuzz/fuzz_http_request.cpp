// The bytes of a connection up to what a handler reads, as the server takes them
// (src/http/server_request.cpp) without its socket: Beast's parser with the server's limits,
// detail::take_head_fields (headers, cookies, client address), detail::parse_target (path
// and query), then the body by its Content-Type: parse_urlencoded, or the multipart parser
// fed block by block. Requests follow each other while the connection is kept alive.
// What the handlers rely on must hold: lower-case header names, a canonical client
// address, a path that starts with '/' and holds no control character, UTF-8 query and
// form fields, uploaded files as large as declared.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "http/form_parsing.hpp"
#include "http/server.hpp"
#include "http/server_detail.hpp"
#include "texte/texte.hpp"

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace http = examens::http;
using examens::texte::is_valid_utf8;

const std::string kPeer = "127.0.0.1";
const std::vector<std::string> kTrusted = {"127.0.0.1", "::1"};

bool utf8_fields(const http::FormFields& fields) {
  for (const auto& [name, value] : fields)
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) return false;
  return true;
}

// Feeds `parser` from `in` until it is done; false when the input ends first or the parser
// refuses (the server would answer 400 or 413, or wait for the rest). `on_body` sees each
// block of a buffer_body.
template <class Parser, class OnBody>
bool feed(Parser& parser, std::string_view& in, OnBody on_body) {
  while (!parser.is_done()) {
    beast::error_code ec;
    const std::size_t used = parser.put(boost::asio::const_buffer(in.data(), in.size()), ec);
    in.remove_prefix(used);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (!on_body()) return false;
    if (ec || (used == 0 && !parser.is_done())) return false;
  }
  return true;
}

bool read_multipart(bhttp::request_parser<bhttp::empty_body>& head, std::string_view& in,
                    const std::string& boundary, const http::ServerLimits& limits) {
  bhttp::request_parser<bhttp::buffer_body> parser(std::move(head));
  parser.body_limit(limits.max_upload_body_bytes);
  http::MultipartLimits mp_limits;
  mp_limits.max_fields = 16;
  mp_limits.max_files = 3;
  mp_limits.max_body_bytes = 256 * 1024;
  http::MultipartParser multipart(boundary, examens::fuzz::upload_dir(), mp_limits);
  std::vector<char> block(4096);
  auto reset = [&] {
    parser.get().body().data = block.data();
    parser.get().body().size = block.size();
  };
  reset();
  bool refused = false;
  const bool complete = feed(parser, in, [&] {
    const std::size_t got = block.size() - parser.get().body().size;
    const auto status = multipart.feed(std::string_view(block.data(), got));
    reset();
    refused = status != http::MultipartStatus::need_more && status != http::MultipartStatus::done;
    return !refused;
  });
  if (!complete || multipart.finish() != http::MultipartStatus::done) return false;
  FUZZ_CHECK(utf8_fields(multipart.take_fields()));
  for (const auto& file : multipart.take_files()) {
    FUZZ_CHECK(std::filesystem::file_size(file.path) == file.size);
    std::filesystem::remove(file.path);
  }
  return true;
}

// One request from the front of `in`; false when the connection would end with it.
bool serve_one(std::string_view& in) {
  const http::ServerLimits limits;
  bhttp::request_parser<bhttp::empty_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(boost::none);
  if (!feed(parser, in, [&] { return !parser.is_header_done(); }) && !parser.is_header_done())
    return false;
  const auto& head = parser.get();

  http::Request req;
  req.target = std::string(head.target());
  http::detail::HeadFields fields;
  for (const auto& field : head) fields.emplace_back(field.name_string(), field.value());
  http::detail::take_head_fields(req, fields, kPeer, kTrusted);
  for (const auto& [name, value] : req.headers)
    FUZZ_CHECK(!name.empty() && name == examens::texte::ascii_lower(name));
  FUZZ_CHECK(http::detail::canonical_address(req.remote_address) == req.remote_address);

  auto [log_path, path, query] = http::detail::parse_target(req.target);
  FUZZ_CHECK(is_valid_utf8(log_path) && log_path.find('?') == std::string::npos);
  if (!head[bhttp::field::transfer_encoding].empty() && !parser.chunked()) return false;
  if (!path || !query) return false;
  FUZZ_CHECK(path->starts_with('/') && is_valid_utf8(*path));
  for (unsigned char c : *path) FUZZ_CHECK(c >= 0x20 && c != 0x7F);
  FUZZ_CHECK(utf8_fields(*query));
  const bool keep_alive = head.keep_alive();
  if (parser.is_done()) return keep_alive;

  const std::string type = http::media_type(req.header("content-type").value_or(""));
  const bool multipart = type == "multipart/form-data";
  // As read_body, before a body parser reserves what Content-Length announces.
  const auto declared = parser.content_length();
  if (declared &&
      *declared > (multipart ? limits.max_upload_body_bytes : limits.max_form_body_bytes))
    return false;
  if (multipart) {
    const auto boundary = http::multipart_boundary(req.header("content-type").value_or(""));
    return boundary && read_multipart(parser, in, *boundary, limits) && keep_alive;
  }
  bhttp::request_parser<bhttp::string_body> body_parser(std::move(parser));
  body_parser.body_limit(limits.max_form_body_bytes);
  if (!feed(body_parser, in, [] { return true; })) return false;
  if (type == "application/x-www-form-urlencoded") {
    const auto form = http::parse_urlencoded(body_parser.get().body());
    if (!form) return false;
    FUZZ_CHECK(utf8_fields(*form));
  }
  return keep_alive;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  while (!in.empty() && serve_one(in)) {
  }
  FUZZ_CHECK(std::filesystem::is_empty(examens::fuzz::upload_dir()));
  return 0;
}
