// Plain HTTP request and response types seen by routes and handlers.
// The Beast server core converts to and from them, so nothing else includes Beast.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace examens::http {

enum class Method { get, head, post, other };

// A file part of a multipart body, already streamed to disk under the data dir.
struct UploadedFile {
  std::string field;         // form field name
  std::string filename;      // as sent by the client (never trusted for paths)
  std::string content_type;  // as sent by the client (never trusted for checks)
  std::string path;          // temporary file on disk, removed with the request
  std::uint64_t size = 0;
};

// Header names are stored lower-case. Form fields keep their order; a field
// may repeat (checkboxes), so lookups return the first value.
struct Request {
  Method method = Method::get;
  std::string target;  // raw request target, path and query
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> form;  // urlencoded or multipart fields
  std::vector<UploadedFile> files;
  std::map<std::string, std::string> cookies;
  std::string remote_address;  // peer IP as text
  std::string body;            // raw body for non-form content types (kept small)

  // Values set by the router from path patterns such as /compte/activer/{token}.
  std::map<std::string, std::string> params;

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> field(std::string_view name) const;  // form field
  std::string field_or(std::string_view name, std::string_view fallback = {}) const;
  std::vector<std::string_view> fields(std::string_view name) const;  // every value
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> cookie(std::string_view name) const;
};

struct Cookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::optional<long> max_age_seconds;  // absent: session cookie; 0 deletes
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<Cookie> cookies;
  std::string body;
  // When set, the server streams this file as the body (static files, PDFs).
  std::optional<std::string> file_path;

  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;  // case-insensitive

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status);
  static Response json(std::string body, int status = 200);
  static Response redirect(std::string location, int status = 303);
};

std::string serialize_cookie(const Cookie& cookie);

}  // namespace examens::http
