// Test harness of the integration tests: a fresh database on the backend named by
// EXAMENS_TEST_DB (sqlite, or postgresql:<dir> of the cluster the pg fixture started), the
// whole portal served on an ephemeral port, a manual clock, and a cookie-keeping client.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/config.hpp"
#include "domain/clock.hpp"
#include "http/server.hpp"
#include "mail/sender.hpp"
#include "mail/transport.hpp"
#include "store/comptes.hpp"
#include "store/database.hpp"
// The tests inspect rows directly.
#include "portail/portal.hpp"
#include "store/sql.hpp"

namespace examens::testing {

class ManualClock final : public domain::Clock {
 public:
  domain::Instant now() const override { return domain::Instant(std::chrono::seconds(t_.load())); }
  void advance(std::chrono::seconds d) { t_ += d.count(); }

 private:
  std::atomic<long long> t_{1795000000};  // 2026-11-18, a fixed day
};

// The repository's SQL migrations.
std::filesystem::path migrations_dir();

// A fresh, migrated database with a small reference data set, dropped at the end.
class TestDatabase {
 public:
  enum class Schema { migrated, empty };
  TestDatabase();
  // `backend` as EXAMENS_TEST_DB: "sqlite" or "postgresql:<dir of pg.sh's url file>".
  explicit TestDatabase(const std::string& backend, Schema schema = Schema::migrated);
  // On EXAMENS_TEST_DB's backend, with no table at all (Schema::empty).
  explicit TestDatabase(Schema schema);
  ~TestDatabase();
  const std::string& url() const { return url_; }
  store::Database& db() { return *db_; }
  bool postgresql() const { return postgres_; }

 private:
  std::string url_;
  std::string admin_url_;
  std::string name_;
  bool postgres_ = false;
  std::unique_ptr<store::Database> db_;
};

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, last value wins
  std::vector<std::string> set_cookies;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A browser-like client: keeps cookies, never follows redirects by itself. A request without
// an answer throws std::runtime_error("HTTP request failed: …"), and so does a reverse proxy's
// 502 or 504 (the portal itself never sends them): the instance behind it gave none.
class Client {
 public:
  explicit Client(std::string base_url);
  ~Client();
  HttpResult get(const std::string& path);
  HttpResult head(const std::string& path);
  HttpResult post(const std::string& path,
                  const std::vector<std::pair<std::string, std::string>>& fields);
  // GETs `path` and POSTs `fields` plus the page's CSRF token.
  HttpResult submit(const std::string& form_path, const std::string& action,
                    std::vector<std::pair<std::string, std::string>> fields);
  // POSTs `body` as it is, with its Content-Type and more headers ("Name: value").
  HttpResult post_raw(const std::string& path, const std::string& content_type,
                      const std::string& body, const std::vector<std::string>& headers = {});
  void set_cookie(const std::string& name, const std::string& value);
  std::optional<std::string> cookie(const std::string& name) const;
  // Sends the next requests to each of `base_urls` in turn (the same visitor on several
  // instances of the portal), the first to the first.
  void alternate(std::vector<std::string> base_urls);

 private:
  enum class Verb { get, head, post };
  // `body`: with Verb::post only.
  HttpResult perform(Verb verb, const std::string& path, const std::string* body = nullptr,
                     const std::vector<std::string>& headers = {});
  std::vector<std::string> bases_;
  std::size_t next_ = 0;
  std::map<std::string, std::string> cookies_;
};

std::string csrf_of(const std::string& html);
bool contains(const std::string& haystack, const std::string& needle);
// Occurrences of `needle` in `haystack`, overlapping ones included.
int count(const std::string& haystack, const std::string& needle);

// Delivers through another transport and keeps what was delivered: the outbox itself
// keeps no single-use link once a mail has left.
class RecordingTransport final : public mail::Transport {
 public:
  explicit RecordingTransport(std::unique_ptr<mail::Transport> inner);
  mail::DeliveryResult deliver(const mail::Mail& mail) override;
  std::vector<mail::Mail> delivered() const;

 private:
  std::unique_ptr<mail::Transport> inner_;
  mutable std::mutex mutex_;
  std::vector<mail::Mail> delivered_;
};

// The whole portal on an ephemeral port, mails into a temporary folder.
class TestPortal {
 public:
  using Adjust = std::function<void(http::ServerOptions&)>;
  // `adjust` changes the production wiring's server options, to reach a limit in a test.
  explicit TestPortal(const Adjust& adjust = {});
  // On the backend named as TestDatabase's (a cluster of the test's own, say).
  explicit TestPortal(const std::string& backend, const Adjust& adjust = {});
  ~TestPortal();
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  ManualClock& clock() { return clock_; }
  store::Database& db() { return database_.db(); }
  const std::string& db_url() const { return database_.url(); }
  bool postgresql() const { return database_.postgresql(); }
  // Delivers the queued mails and returns the texts of those sent to `email`, oldest first
  // (as delivered: with their links).
  std::vector<std::string> mails_to(const std::string& email);
  // The first link in the newest mail to `email` that contains `needle`.
  std::string link_in_mail(const std::string& email, const std::string& needle);
  mail::Sender& sender() { return *sender_; }
  // The portal itself, for tests that hand it a request on their own thread.
  portail::Portal& portal() { return *portal_; }
  // What the portal's actions work with, for tests that call them directly.
  actions::Services& services() { return portal_->services(); }
  // Turns recorded requests into queued mails, without delivering them.
  void prepare_mails() { portal_->prepare_mails(); }
  std::filesystem::path upload_dir() const { return config_.data_dir / "uploads"; }
  // The store of deposited pièces justificatives.
  std::filesystem::path justificatifs_dir() const { return config_.data_dir / "justificatifs"; }
  // The instance's configuration, as the commands would read it (the `staff` command's tests).
  const app::Config& config() const { return config_; }

 private:
  ManualClock clock_;
  TestDatabase database_;
  std::string mail_dir_;
  app::Config config_;
  portail::PortalOptions portal_options_;
  std::unique_ptr<portail::Portal> portal_;
  RecordingTransport* delivered_ = nullptr;  // owned by sender_
  std::unique_ptr<mail::Sender> sender_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

// Creates (and, with `activate`, activates) an account through the HTTP forms.
struct AccountSpec {
  std::string email = "paul.lamy@example.fr";
  std::string password = "Secret-2026";
  std::string nom = "LAMY";
  std::string prenoms = "Paul";
};
void create_account(TestPortal& portal, Client& client, const AccountSpec& spec, bool activate);
// An account created and activated through the forms, as stored.
store::Compte activated_account(TestPortal& portal, const AccountSpec& spec = {});
// `nombre` activated accounts written straight into the database in `tx`, for the closing
// hour's many candidates (durability, cluster, bench_rush): e-mail <prefixe><i>@example.fr,
// numéro candidat premier_numero + i, one identity, and one password hash for all (Argon2id
// is slow on purpose, and what is tested or measured follows the login). In order.
struct CompteActif {
  long long id = 0;
  std::string email;
};
std::vector<CompteActif> comptes_actives(store::Tx& tx, int nombre, const std::string& mot_de_passe,
                                         const std::string& prefixe, long long premier_numero,
                                         domain::Instant now);
std::vector<std::pair<std::string, std::string>> creation_fields(const AccountSpec& spec);
HttpResult login(Client& client, const std::string& identifier, const std::string& password);

// The registration wizard's seed example (Guyane), typed tab by tab (1 to 8);
// `etablissement` for another académie.
using Fields = std::vector<std::pair<std::string, std::string>>;
std::map<int, Fields> exemple(const std::string& etablissement = "9730538X");

}  // namespace examens::testing
