// The static files loaded from a folder, content types, HTTP dates and the conditional-request
// logic (ETag / If-None-Match, Last-Modified / If-Modified-Since).
#include "http/static_files.hpp"

#include <date/date.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "http/content_coding.hpp"
#include "texte/texte.hpp"

namespace examens::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOws = " \t";  // HTTP's optional whitespace around values

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

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

// A 64-bit FNV-1a of the content: enough to tell two versions of a file apart in an ETag.
std::string content_tag(std::string_view content) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    throw std::runtime_error("static files: cannot read " + path.string());
  return content;
}

bool is_within(const fs::path& root, const fs::path& candidate) {
  auto [r, c] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return r == root.end();
}

bool is_coding_file(const fs::path& path) {
  return path.extension() == ".gz" || path.extension() == ".br";
}

}  // namespace

StaticFiles StaticFiles::load(const fs::path& dir, std::string_view immutable_prefix) {
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec)
    throw std::runtime_error("static files: cannot read " + dir.string() + ": " + ec.message());
  StaticFiles loaded;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path& path = it->path();
    // Dot-files (.git, .env) and dot-folders are never served.
    if (path.filename().string().starts_with('.')) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || is_coding_file(path)) continue;
    // A symlink may point anywhere: only what resolves inside the folder is served.
    const fs::path target = fs::canonical(path, ec);
    struct stat st {};
    if (ec || !is_within(root, target) || ::stat(target.c_str(), &st) != 0) continue;
    File file;
    file.content_type = static_content_type(path.filename().string());
    file.identity = read_file(target);
    file.tag = content_tag(file.identity);
    file.modified = st.st_mtim.tv_sec;
    // Appended, not `"/" + …`: GCC 12 warns falsely (-Wrestrict) on that form here.
    std::string url = "/";
    url += path.lexically_relative(root).generic_string();
    file.immutable = url.starts_with(immutable_prefix);
    for (auto [coding, member] : {std::pair{".gz", &File::gzip}, std::pair{".br", &File::br}}) {
      fs::path stored = path;
      stored += coding;
      if (fs::is_regular_file(stored, ec)) file.*member = read_file(stored);
    }
    loaded.files_.emplace(url, std::move(file));
  }
  return loaded;
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (req.method != Method::get && req.method != Method::head) return std::nullopt;
  const auto found = files_.find(req.path);
  if (found == files_.end()) return std::nullopt;
  const File& file = found->second;
  const Coding coding =
      choose_coding(req.header("accept-encoding"), !file.gzip.empty(), !file.br.empty());
  // Each coding is its own representation, with its own validator (RFC 9110 8.8.3).
  std::string etag = "\"" + file.tag;
  if (coding != Coding::identity) etag.append("-").append(coding_name(coding));
  etag += "\"";

  bool not_modified = false;
  if (auto inm = req.header("if-none-match")) {
    not_modified = etag_matches(*inm, etag);
  } else if (auto ims = req.header("if-modified-since")) {
    auto since = parse_http_date(texte::trim(*ims, kOws));
    not_modified = since && file.modified <= *since;
  }

  Response res;
  res.set_header("ETag", etag);
  res.set_header("Last-Modified", http_date(file.modified));
  res.set_header("Cache-Control",
                 file.immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
  if (!file.gzip.empty() || !file.br.empty()) res.set_header("Vary", "Accept-Encoding");
  if (not_modified) {
    res.status = 304;
    return res;
  }
  res.status = 200;
  res.set_header("Content-Type", file.content_type);
  if (coding != Coding::identity)
    res.set_header("Content-Encoding", std::string(coding_name(coding)));
  res.body = coding == Coding::gzip ? file.gzip : coding == Coding::br ? file.br : file.identity;
  return res;
}

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
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string http_date(long long unix_seconds) {
  // By hand: the date library's stream formatting builds a locale on every response.
  static constexpr const char* kJours[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMois[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::sys_seconds t{std::chrono::seconds{unix_seconds}};
  const auto jour = date::floor<date::days>(t);
  const date::year_month_day ymd{jour};
  const date::hh_mm_ss hms{t - jour};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kJours[date::weekday{jour}.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMois[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
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

}  // namespace examens::http
