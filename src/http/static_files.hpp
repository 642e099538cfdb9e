// Serving files from a directory under a URL prefix (our CSS/JS, DSFR assets), with
// validators (ETag, Last-Modified), conditional requests and cache headers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace examens::http {

// Maps `url_prefix`/rest of req.path (already percent-decoded) to root/rest and answers GET
// and HEAD with Response::file_path set, or 304 when If-None-Match (or, without it,
// If-Modified-Since) shows the client's copy is current. Returns nullopt, so the router can
// answer 404, when the path is outside the prefix, names a directory or a missing file,
// contains '..', '.', a dot-file segment, a backslash, or resolves (symlinks included) outside
// root. Cache-Control is a year and immutable when `immutable` (fingerprinted assets), an
// hour otherwise.
std::optional<Response> serve_static(const Request& req, std::string_view url_prefix,
                                     const std::filesystem::path& root, bool immutable);

// The Content-Type served for a file name, by extension; application/octet-stream if unknown.
std::string_view static_content_type(std::string_view filename);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") for seconds since the Unix epoch.
std::string http_date(long long unix_seconds);

// Parses an IMF-fixdate into seconds since the Unix epoch; nullopt if it is not one.
std::optional<long long> parse_http_date(std::string_view text);

}  // namespace examens::http
