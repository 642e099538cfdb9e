// The parts of the server core that need no Beast: the request log, the checks on a
// handler's response, the client address behind trusted proxies, the open-file limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace examens::http::detail {

// The request log: path only, never the query or the body (they carry tokens and passwords).
// `peer` is logged only when it is not the client (a request through a trusted proxy).
void log_request(std::string_view method, std::string_view path, int status, std::uint64_t bytes,
                 std::chrono::steady_clock::time_point started, std::string_view remote,
                 std::string_view peer);
// The path part of a raw target, safe to log: no query (it carries tokens), valid UTF-8.
std::string loggable_path(std::string_view target);

// A request target split for the router: its path percent-decoded and its query parsed
// (nullopt when malformed), and the path as the log may show it. The absolute form
// (RFC 9112 3.2.2) keeps only its path and query.
struct Target {
  std::string log_path;
  std::optional<std::string> path;
  std::optional<std::vector<std::pair<std::string, std::string>>> query;
};
Target parse_target(std::string_view raw);

// Fills the headers, cookies and client address of `req` from a parsed head's fields, in
// the order received: names lower-cased, the cookies of every Cookie line merged (the first
// occurrence of a name wins), the client found by client_address from the X-Forwarded-For
// lines. The one path from a head's bytes to what handlers read, so that it is fuzzed as is.
using HeadFields = std::vector<std::pair<std::string_view, std::string_view>>;
void take_head_fields(Request& req, const HeadFields& fields, const std::string& peer,
                      const std::vector<std::string>& trusted);

// Why a handler's response cannot be written as is (response splitting, bad status), or
// nullopt when it can.
std::optional<std::string> invalid_response_reason(const Response& res);

// The canonical text of an IPv4 or IPv6 address, or nullopt when `text` is none.
std::optional<std::string> canonical_address(std::string_view text);

// The client of a request that came from `peer` with these X-Forwarded-For values (each
// header line, in order): the peer itself unless it is a trusted proxy; else, walking
// X-Forwarded-For from the right, the first address that is not a trusted proxy. Entries
// to its left were written by the client and prove nothing. A malformed entry ends the
// walk: the client is then the last proxy that reported it. `trusted` holds canonical
// addresses.
std::string client_address(const std::string& peer, const std::vector<std::string_view>& forwarded,
                           const std::vector<std::string>& trusted);

}  // namespace examens::http::detail
