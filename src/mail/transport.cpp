// The file and SMTP (libcurl) transports, and make_transport which picks one
// from the configuration string.
#include "mail/transport.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>

namespace examens::mail {
namespace {

constexpr long kConnectTimeoutMs = 5'000;
constexpr long kTotalTimeoutMs = std::chrono::milliseconds(kDeliveryTimeout).count();
constexpr std::size_t kMaxIdInFileName = 120;

std::string errno_text(int error) {
  return std::system_category().message(error);
}

std::string file_timestamp(std::chrono::sys_seconds t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u-%02lld%02lld%02lld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(hms.hours().count()),
                static_cast<long long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return buffer;
}

std::string file_safe(std::string_view id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  std::string out;
  for (char c : id.substr(0, kMaxIdInFileName)) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// An envelope address goes verbatim into MAIL FROM / RCPT TO: anything that
// could end the command or the angle brackets must be refused.
bool valid_envelope_address(std::string_view address) {
  if (address.empty() || address.find('@') == std::string_view::npos) return false;
  return std::none_of(address.begin(), address.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '<' || c == '>';
  });
}

bool curl_ready() {
  // curl_global_init is not thread-safe on every build: run it exactly once.
  static std::once_flag once;
  static CURLcode status = CURLE_FAILED_INIT;
  std::call_once(once, [] { status = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return status == CURLE_OK;
}

struct Upload {
  std::string_view remaining;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->remaining.size());
  std::memcpy(buffer, upload->remaining.data(), n);
  upload->remaining.remove_prefix(n);
  return n;
}

// The server's replies, kept to explain a failure (or confirm a success) in the
// result. The closing "221" of QUIT is skipped: the reply that matters precedes it.
struct Replies {
  std::string last;
};

int record_reply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string_view text(data, size);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const std::size_t line_start = text.rfind('\n');
  if (line_start != std::string_view::npos) text.remove_prefix(line_start + 1);
  if (!text.empty() && !text.starts_with("221")) static_cast<Replies*>(user)->last = text;
  return 0;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

bool has_control_or_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

// Checks the authority of an smtp(s) URL: [user[:password]@]host[:port], so that
// a typo fails at start-up rather than at the first mail.
void check_smtp_authority(std::string_view rest) {
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::optional<std::string_view> port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      throw std::invalid_argument("mail transport: unterminated IPv6 address in smtp URL");
    }
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw std::invalid_argument("mail transport: bad smtp URL");
      port = after.substr(1);
    }
  } else if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() || host == "[]") {
    throw std::invalid_argument("mail transport: smtp URL has no host");
  }
  if (port && !valid_port(*port)) {
    throw std::invalid_argument("mail transport: smtp URL port must be 1 to 65535");
  }
}

}  // namespace

FileTransport::FileTransport(const std::filesystem::path& dir)
    : dir_(std::filesystem::absolute(dir).lexically_normal()) {}

DeliveryResult FileTransport::deliver(const Mail& mail) {
  Mail complete = mail;
  if (complete.message_id.empty()) complete.message_id = make_message_id(mail.from_address);
  const std::string bytes = render_rfc5322(complete);

  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return {false, "cannot create " + dir_.string() + ": " + ec.message()};

  const std::string name =
      file_timestamp(complete.date) + "-" + file_safe(complete.message_id) + ".eml";
  const std::filesystem::path target = dir_ / name;
  // The temporary name starts with a dot and does not end in .eml, so a reader
  // listing *.eml never picks it up before the rename.
  std::string temp = (dir_ / ("." + name + ".XXXXXX")).string();
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return {false, "cannot create a file in " + dir_.string() + ": " + errno_text(errno)};

  std::string failure;
  if (!write_all(fd, bytes)) {
    failure = "cannot write " + temp + ": " + errno_text(errno);
  } else if (::fsync(fd) != 0) {
    failure = "cannot sync " + temp + ": " + errno_text(errno);
  }
  if (::close(fd) != 0 && failure.empty()) {
    failure = "cannot close " + temp + ": " + errno_text(errno);
  }
  if (failure.empty() && std::rename(temp.c_str(), target.c_str()) != 0) {
    failure = "cannot rename to " + target.string() + ": " + errno_text(errno);
  }
  if (!failure.empty()) {
    ::unlink(temp.c_str());
    return {false, failure};
  }
  return {true, target.string()};
}

int FileTransport::remove_leftovers(std::chrono::seconds age) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) return 0;
  const auto limit = std::filesystem::file_time_type::clock::now() - age;
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(".") || name.find(".eml.") == std::string::npos ||
        !entry.is_regular_file(ec) || entry.last_write_time(ec) > limit)
      continue;
    if (std::filesystem::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

SmtpTransport::SmtpTransport(std::string url) : url_(std::move(url)) {}

DeliveryResult SmtpTransport::deliver(const Mail& mail) {
  if (!valid_envelope_address(mail.from_address)) {
    return {false, "invalid sender address: " + mail.from_address, true};
  }
  if (!valid_envelope_address(mail.to_address)) {
    return {false, "invalid recipient address: " + mail.to_address, true};
  }
  if (!curl_ready()) return {false, "libcurl initialisation failed"};

  const std::string bytes = render_rfc5322(mail);
  const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {false, "libcurl could not create a handle"};
  const std::string from = "<" + mail.from_address + ">";
  const std::unique_ptr<curl_slist, SlistDeleter> recipients(
      curl_slist_append(nullptr, ("<" + mail.to_address + ">").c_str()));
  if (!recipients) return {false, "out of memory"};

  Upload upload{bytes};
  Replies replies;
  char error[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, kTotalTimeoutMs);
  // Signals cannot be used for timeouts on a worker thread.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  // VERBOSE only feeds record_reply; with a debug function libcurl prints nothing.
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, &record_reply);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &replies);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);

  const CURLcode status = curl_easy_perform(h);
  if (status == CURLE_OK) return {true, replies.last};

  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  std::string detail = error[0] != '\0' ? error : curl_easy_strerror(status);
  if (!replies.last.empty()) detail += " (server: " + replies.last + ")";
  return {false, detail, code >= 500 && code < 600};
}

std::unique_ptr<Transport> make_transport(std::string_view spec) {
  if (has_control_or_space(spec)) {
    throw std::invalid_argument("mail transport: spaces or control characters in the spec");
  }
  if (spec.starts_with("file:")) {
    const std::string_view dir = spec.substr(5);
    if (dir.empty()) throw std::invalid_argument("mail transport: file: needs a directory");
    return std::make_unique<FileTransport>(std::filesystem::path(dir));
  }
  for (std::string_view scheme : {"smtp://", "smtps://"}) {
    if (spec.starts_with(scheme)) {
      check_smtp_authority(spec.substr(scheme.size()));
      return std::make_unique<SmtpTransport>(std::string(spec));
    }
  }
  throw std::invalid_argument("mail transport: expected file:DIR or smtp://host:port");
}

}  // namespace examens::mail
