// The mail transport seam: deliver one rendered Mail to a directory of .eml files
// (development, tests) or to an SMTP relay through libcurl (production).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "mail/message.hpp"

namespace examens::mail {

// The outcome of one delivery attempt. Failures the outbox expects (relay down,
// recipient refused, disk full) are values, never exceptions.
struct DeliveryResult {
  bool ok = false;
  std::string detail;  // the .eml path for FileTransport, the error text on failure
  // True when the server refused for good (an SMTP 5xx reply): retrying the same
  // mail cannot succeed, so the outbox may mark it failed at once.
  bool permanent = false;
};

// Delivers mails one at a time. deliver() blocks (run it off the I/O threads) and
// is safe to call from several threads at once on the same transport.
class Transport {
 public:
  virtual ~Transport() = default;
  // Returns ok with a detail on success, or the reason of the failure.
  virtual DeliveryResult deliver(const Mail& mail) = 0;
  // Removes what deliveries cut short by a crash left behind, when older than `age` (a
  // younger one may be a delivery in progress, of this process or another); returns how
  // many. Most transports leave nothing.
  virtual int remove_leftovers(std::chrono::seconds age) {
    (void)age;
    return 0;
  }
};

// Writes each mail to <dir>/<YYYYmmdd-HHMMSS>-<message id>.eml (date from the
// mail, id with unsafe characters replaced by '_'), atomically: readers polling
// the directory never see a partial file. Delivering the same mail twice rewrites
// the same file. Files are created with mode 0600: mails carry account tokens.
class FileTransport : public Transport {
 public:
  // `dir` is made absolute against the current directory now; it is created on
  // first delivery.
  explicit FileTransport(const std::filesystem::path& dir);
  DeliveryResult deliver(const Mail& mail) override;
  // The temporary files (".<name>.eml.XXXXXX") of deliveries killed before their rename.
  int remove_leftovers(std::chrono::seconds age) override;
  const std::filesystem::path& directory() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// The longest a delivery lasts: SMTP's whole exchange is cut after it.
inline constexpr std::chrono::seconds kDeliveryTimeout{20};

// Sends each mail through libcurl to `url` (smtp://host:port, or smtps:// for TLS
// from the first byte; user:password@ in the URL enables AUTH). The envelope is
// MAIL FROM the mail's from_address, RCPT TO its to_address. Timeouts: connect 5 s,
// whole exchange 20 s. smtp:// is plain text: use it on loopback or a trusted link.
class SmtpTransport : public Transport {
 public:
  explicit SmtpTransport(std::string url);
  DeliveryResult deliver(const Mail& mail) override;
  const std::string& url() const { return url_; }

 private:
  std::string url_;
};

// Returns the transport a configuration string names: "file:DIR" (DIR relative to
// the current directory or absolute) or "smtp://host[:port]" / "smtps://host[:port]".
// Throws std::invalid_argument on anything else: a bad spec is a configuration
// error, to be reported at start-up.
std::unique_ptr<Transport> make_transport(std::string_view spec);

}  // namespace examens::mail
