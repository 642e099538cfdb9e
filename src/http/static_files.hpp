// Serving the site's static files (our CSS/JS, DSFR's), compressed, with validators (ETag,
// Last-Modified), conditional requests and cache headers.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace examens::http {

// The static files of the site, held in memory and answered on the I/O thread: each file,
// and the gzip and Brotli codings stored beside it (x.css.gz, x.css.br; see
// compression.hpp), chosen by Accept-Encoding.
class StaticFiles {
 public:
  StaticFiles() = default;
  // Loads every regular file under `dir`, served at "/" + its path below `dir`. Dot-files and
  // files (or symlinks) resolving outside `dir` are left out; "x.gz" and "x.br" are the codings
  // of x, not files of their own. Files under `immutable_prefix` ("/assets/": their names
  // carry a hash of their content) are cached a year and immutable, others an hour.
  // Throws std::runtime_error when `dir` cannot be read.
  static StaticFiles load(const std::filesystem::path& dir, std::string_view immutable_prefix);

  // GET and HEAD of a loaded file: its content in the coding the client prefers, with
  // Content-Encoding, Vary, an ETag per coding and Last-Modified; or 304 when If-None-Match
  // (or, without it, If-Modified-Since) shows the client's copy is current. nullopt for any
  // other path or method.
  std::optional<Response> serve(const Request& req) const;

  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string identity, gzip, br;  // gzip and br empty when not stored
    std::string tag;                 // the ETag of the identity coding, unquoted
    long long modified = 0;          // seconds since the Unix epoch
    bool immutable = false;
  };
  std::map<std::string, File, std::less<>> files_;
};

// The Content-Type served for a file name, by extension; application/octet-stream if unknown.
std::string_view static_content_type(std::string_view filename);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") for seconds since the Unix epoch.
std::string http_date(long long unix_seconds);

// Parses an IMF-fixdate into seconds since the Unix epoch; nullopt if it is not one.
std::optional<long long> parse_http_date(std::string_view text);

}  // namespace examens::http
