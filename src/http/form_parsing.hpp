// Parsing of what browsers send besides the request line: urlencoded forms and queries, the
// Cookie header, request paths, and a streaming multipart/form-data parser that writes files.
#pragma once

// Everything here is pure or owns only its own files, so it is tested without a socket and
// without Beast. Expected failures are values (nullopt, a status): a malformed form is the
// client's fault and becomes a 400, never an exception.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace examens::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Parses application/x-www-form-urlencoded text (a body or a query string) into ordered
// pairs: '&' separates pairs, the first '=' splits name from value (absent: empty value),
// '+' is a space, %XX is a byte; empty pieces are skipped. Returns nullopt when an escape is
// malformed or a decoded name or value is not UTF-8 or contains NUL.
std::optional<FormFields> parse_urlencoded(std::string_view text);

// Parses a Cookie request header ("a=1; b=2") into name -> value. Pieces without '=' or with
// an empty name are skipped, surrounding double quotes are removed from values, values are
// not percent-decoded, and the first occurrence of a name wins (browsers send the most
// specific path first).
std::map<std::string, std::string> parse_cookie_header(std::string_view header);

// Percent-decodes the path of a request target ('+' stays '+'). Returns nullopt when the path
// does not start with '/', an escape is malformed, or the result is not UTF-8 or contains a
// control character (NUL included).
std::optional<std::string> percent_decode_path(std::string_view path);

// The media type of a Content-Type value, lower-cased, without parameters or spaces.
std::string media_type(std::string_view content_type);

// The boundary parameter of a multipart Content-Type, quoted or not. Returns nullopt when
// absent or outside RFC 2046 (1 to 70 printable ASCII characters, not ending with a space).
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct MultipartLimits {
  std::size_t max_part_header_bytes = 8 * 1024;     // one part's header block
  std::size_t max_field_bytes = 256 * 1024;         // one non-file field's value
  std::size_t max_fields = 500;                     // non-file fields
  std::size_t max_files = 10;                       // file parts with a non-empty filename
  std::uint64_t max_body_bytes = 25 * 1024 * 1024;  // everything fed, files included
};

enum class MultipartStatus {
  need_more,  // consistent so far; feed more, or call finish() at the end of the body
  done,       // the closing delimiter was seen; anything after it is ignored
  malformed,  // not multipart/form-data as browsers send it: answer 400
  too_large,  // a limit of MultipartLimits was exceeded: answer 413
  io_error,   // a file could not be written: answer 500
};

// Streaming multipart/form-data parser (RFC 7578). Chunks of any size are fed as they arrive;
// at most one delimiter's worth of bytes, one part's headers and a 64 KiB write buffer are
// held in memory. File parts are written to `upload_dir` under random names (never the
// client's filename) with mode 0600; a file part whose filename is empty (an empty file input)
// is discarded. Until take_files() is called the parser owns its files and removes them when
// destroyed, so an aborted request leaves nothing behind. An error status is sticky.
// Not thread-safe; one parser per request.
class MultipartParser {
 public:
  MultipartParser(std::string_view boundary, std::filesystem::path upload_dir,
                  MultipartLimits limits);
  ~MultipartParser();
  MultipartParser(const MultipartParser&) = delete;
  MultipartParser& operator=(const MultipartParser&) = delete;

  // Consumes the next bytes of the body; returns the status after them.
  MultipartStatus feed(std::string_view chunk);
  // Declares the end of the body: done if the closing delimiter was seen, malformed if not.
  MultipartStatus finish();

  MultipartStatus status() const { return status_; }
  // A French reason for the client when status() is an error, empty otherwise.
  const std::string& error() const { return error_; }
  // Bytes held in memory: unprocessed input plus the pending file write buffer.
  std::size_t buffered_bytes() const { return buf_.size() - pos_ + write_buf_.size(); }

  // Non-file fields in the order received.
  FormFields take_fields();
  // Completed files; from now on the caller owns them and must remove them.
  std::vector<UploadedFile> take_files();

 private:
  enum class State { preamble, headers, body, done };
  enum class PartKind { field, file, discard };

  MultipartStatus fail(MultipartStatus status, std::string message);
  bool scan_for_delimiter();  // preamble/body: returns false when more input is needed
  bool parse_part_headers();  // headers: returns false when more input is needed
  bool start_part(std::string_view header_block);
  bool on_part_data(std::string_view data);
  bool end_part();
  bool flush_file();
  void close_file();
  void remove_owned_files();

  std::string delimiter_;  // CRLF "--" boundary
  std::filesystem::path upload_dir_;
  MultipartLimits limits_;

  State state_ = State::preamble;
  MultipartStatus status_ = MultipartStatus::need_more;
  std::string error_;
  std::string buf_;  // unprocessed input starts at pos_
  std::size_t pos_ = 0;
  std::uint64_t total_fed_ = 0;

  PartKind kind_ = PartKind::discard;
  std::string part_name_;
  std::string part_value_;
  UploadedFile part_file_;
  int fd_ = -1;
  std::string write_buf_;

  FormFields fields_;
  std::vector<UploadedFile> files_;
  std::vector<std::string> owned_paths_;  // created by this parser, removed unless taken
};

}  // namespace examens::http
