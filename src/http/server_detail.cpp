// The request log, response checks, client addresses behind proxies, the open-file limit.
#include "http/server_detail.hpp"

#include <arpa/inet.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "http/form_parsing.hpp"
#include "http/server.hpp"
#include "log/log.hpp"
#include "texte/texte.hpp"

namespace examens::http::detail {
namespace {

constexpr std::size_t kMaxLoggedPathBytes = 1024;

// RFC 9110 token: header and cookie names.
bool is_token(std::string_view s) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  if (s.empty()) return false;
  for (char c : s) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && kSymbols.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool is_safe_value(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

void log_request(std::string_view method, std::string_view path, int status, std::uint64_t bytes,
                 std::chrono::steady_clock::time_point started, std::string_view remote,
                 std::string_view peer) {
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log::Fields fields{{"method", method},
                     {"path", path},
                     {"status", status},
                     {"bytes", bytes},
                     // A tenth of a millisecond is all a reader of the log can use.
                     {"ms", std::round(ms * 10) / 10},
                     {"remote", remote}};
  if (peer != remote) fields.push_back({"peer", peer});
  log::info("request", fields);
}

std::string loggable_path(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path.size() > kMaxLoggedPathBytes) path = path.substr(0, kMaxLoggedPathBytes);
  if (texte::is_valid_utf8(path)) return std::string(path);
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::optional<std::string> invalid_response_reason(const Response& res) {
  if (res.status < 100 || res.status > 599) return "status out of range";
  for (const auto& [name, value] : res.headers)
    if (!is_token(name) || !is_safe_value(value)) return "invalid header " + name;
  for (const auto& cookie : res.cookies)
    if (!is_token(cookie.name) || !is_safe_value(serialize_cookie(cookie)))
      return "invalid cookie " + cookie.name;
  return std::nullopt;
}

std::optional<std::string> canonical_address(std::string_view text) {
  const std::string input(texte::trim(text, " \t"));
  unsigned char bytes[sizeof(in6_addr)];
  char out[INET6_ADDRSTRLEN];
  for (int family : {AF_INET, AF_INET6})
    if (::inet_pton(family, input.c_str(), bytes) == 1 &&
        ::inet_ntop(family, bytes, out, sizeof out) != nullptr) {
      std::string address(out);
      // A dual-stack socket shows an IPv4 peer as ::ffff:a.b.c.d: one client, one name.
      if (address.starts_with("::ffff:") && address.find('.') != std::string::npos)
        address.erase(0, 7);
      return address;
    }
  return std::nullopt;
}

std::string client_address(const std::string& peer, const std::vector<std::string_view>& forwarded,
                           const std::vector<std::string>& trusted) {
  if (!is_trusted(peer, trusted)) return peer;
  std::vector<std::string_view> hops;
  for (std::string_view line : forwarded) {
    std::size_t start = 0;
    while (start <= line.size()) {
      const std::size_t comma = std::min(line.find(',', start), line.size());
      hops.push_back(line.substr(start, comma - start));
      start = comma + 1;
    }
  }
  std::string client = peer;
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    auto address = canonical_address(*hop);
    if (!address) break;
    client = std::move(*address);
    if (!is_trusted(client, trusted)) break;
  }
  return client;
}

Target parse_target(std::string_view target) {
  if (target.starts_with("http://") || target.starts_with("https://")) {
    std::size_t authority = target.find("//") + 2;
    std::size_t slash = target.find('/', authority);
    std::size_t question = target.find('?', authority);
    if (slash == std::string_view::npos || (question != std::string_view::npos && question < slash))
      target = question == std::string_view::npos ? std::string_view("/") : target.substr(question);
    else
      target = target.substr(slash);
  }
  Target out;
  out.log_path = loggable_path(target);
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (raw_path.empty() && question != std::string_view::npos) raw_path = "/";
  out.path = percent_decode_path(raw_path);
  out.query = question == std::string_view::npos ? FormFields{}
                                                 : parse_urlencoded(target.substr(question + 1));
  return out;
}

void take_head_fields(Request& req, const HeadFields& fields, const std::string& peer,
                      const std::vector<std::string>& trusted) {
  std::vector<std::string_view> forwarded_for;
  for (const auto& [raw_name, value] : fields) {
    std::string name = texte::ascii_lower(raw_name);
    if (name == "cookie") req.cookies.merge(parse_cookie_header(value));
    if (name == "x-forwarded-for") forwarded_for.push_back(value);
    req.headers.emplace_back(std::move(name), std::string(value));
  }
  req.remote_address = client_address(peer, forwarded_for, trusted);
}

}  // namespace examens::http::detail

namespace examens::http {

OpenFileLimit raise_open_file_limit() {
  OpenFileLimit out;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return out;
  out.before = out.after = limit.rlim_cur;
  out.hard = limit.rlim_max;
  rlim_t target = limit.rlim_max;
  // An unlimited hard limit cannot be the soft one: the kernel's ceiling is fs.nr_open.
  if (target == RLIM_INFINITY) {
    std::ifstream nr_open("/proc/sys/fs/nr_open");
    unsigned long long ceiling = 0;
    target = nr_open >> ceiling ? static_cast<rlim_t>(ceiling) : limit.rlim_cur;
  }
  if (limit.rlim_cur < target) {
    limit.rlim_cur = target;
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0) out.after = limit.rlim_cur;
  }
  return out;
}

}  // namespace examens::http
