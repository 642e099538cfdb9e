// Static file lookup confined to a root directory, content types, HTTP dates and the
// conditional-request logic (ETag / If-None-Match, Last-Modified / If-Modified-Since).
#include "http/static_files.hpp"

#include <date/date.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <locale>
#include <system_error>
#include <vector>

#include "texte/texte.hpp"

namespace examens::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOws = " \t";  // HTTP's optional whitespace around values

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The request path below the prefix as safe relative segments, or nullopt.
std::optional<fs::path> relative_path(std::string_view path, std::string_view prefix) {
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  if (!path.starts_with(prefix) || path.size() <= prefix.size() + 1 || path[prefix.size()] != '/')
    return std::nullopt;
  std::string_view rest = path.substr(prefix.size() + 1);
  fs::path rel;
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    // Dot-files (.git, .env) and dot segments are never served; empty segments mean "//" or
    // a trailing slash, which name no file.
    if (segment.empty() || segment.front() == '.' ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
      return std::nullopt;
    rel /= segment;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return rel;
}

bool is_within(const fs::path& root, const fs::path& candidate) {
  auto [r, c] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return r == root.end();
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    std::size_t comma = if_none_match.find(',');
    std::string_view tag = texte::trim(if_none_match.substr(0, comma), kOws);
    if_none_match =
        (comma == std::string_view::npos) ? std::string_view{} : if_none_match.substr(comma + 1);
    if (tag == "*") return true;
    // If-None-Match uses the weak comparison (RFC 9110 13.1.2).
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

}  // namespace

std::string_view static_content_type(std::string_view filename) {
  std::size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext = texte::ascii_lower(filename.substr(dot + 1));
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "woff") return "font/woff";
  if (ext == "woff2") return "font/woff2";
  if (ext == "ico") return "image/x-icon";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string http_date(long long unix_seconds) {
  return date::format(std::locale::classic(), "%a, %d %b %Y %T GMT",
                      std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
}

std::optional<long long> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, so positions are checked one by one.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT")
    return std::nullopt;
  auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto d = number(5, 2), y = number(12, 4), h = number(17, 2), mi = number(20, 2),
       s = number(23, 2);
  auto month_it = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
  if (!d || !y || !h || !mi || !s || month_it == kMonths.end() || *h > 23 || *mi > 59 || *s > 60)
    return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(month_it - kMonths.begin() + 1)},
                     day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{*s};
  return t.time_since_epoch().count();
}

std::optional<Response> serve_static(const Request& req, std::string_view url_prefix,
                                     const fs::path& root, bool immutable) {
  if (req.method != Method::get && req.method != Method::head) return std::nullopt;
  auto rel = relative_path(req.path, url_prefix);
  if (!rel) return std::nullopt;

  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path file = fs::canonical(canonical_root / *rel, ec);
  // canonical() resolves symlinks, so a link pointing outside root is caught here.
  if (ec || !is_within(canonical_root, file)) return std::nullopt;
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;

  long long mtime_ns =
      static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(mtime_ns));
  std::string last_modified = http_date(st.st_mtim.tv_sec);
  std::string cache_control =
      immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600";

  bool not_modified = false;
  if (auto inm = req.header("if-none-match")) {
    not_modified = etag_matches(*inm, etag);
  } else if (auto ims = req.header("if-modified-since")) {
    auto since = parse_http_date(texte::trim(*ims, kOws));
    not_modified = since && st.st_mtim.tv_sec <= *since;
  }

  Response res;
  res.set_header("ETag", etag);
  res.set_header("Last-Modified", std::move(last_modified));
  res.set_header("Cache-Control", std::move(cache_control));
  if (not_modified) {
    res.status = 304;
    return res;
  }
  res.status = 200;
  res.set_header("Content-Type", std::string(static_content_type(file.filename().string())));
  res.file_path = file.string();
  return res;
}

}  // namespace examens::http
