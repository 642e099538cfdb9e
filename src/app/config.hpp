// Configuration of an examens instance, read from EXAMENS_* environment variables
// (documented in the README) with the defaults of the embedded demo.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "domain/clock.hpp"

namespace examens::app {

struct Config {
  unsigned short port = 8080;              // EXAMENS_PORT
  std::filesystem::path data_dir = "var";  // EXAMENS_DATA_DIR
  std::string db;                          // EXAMENS_DB: SQLite path or postgresql:// URL
  std::string mail;                        // EXAMENS_MAIL: file:<dir> or smtp://host:port
  std::string base_url;                    // EXAMENS_BASE_URL: for links in mails
  std::filesystem::path root;              // EXAMENS_ROOT: templates/, data/, ...
  std::filesystem::path assets;            // EXAMENS_ASSETS: the build's static files
  std::string mail_from = "ne-pas-repondre@examens.education.gouv.fr";  // EXAMENS_MAIL_FROM
  int workers = 4;                             // EXAMENS_WORKERS: blocking-work pool size
  int hashing_threads = 0;                     // EXAMENS_HASHING_THREADS; 0: the server's own
  int commit_threads = 16;                     // EXAMENS_COMMIT_THREADS: shared commits' pool
  std::chrono::seconds session_idle{30 * 60};  // EXAMENS_SESSION_IDLE_SECONDS
  // EXAMENS_MAX_CONNECTIONS_PER_ADDRESS: open connections from one client address.
  std::size_t max_connections_per_address = 256;
  // EXAMENS_TRUSTED_PROXIES (comma-separated): peers whose X-Forwarded-For is believed.
  std::vector<std::string> trusted_proxies;
  // EXAMENS_DEMO_NOW ("AAAA-MM-JJ HH:MM", Paris): the demo's clock starts there; empty:
  // the real time.
  std::string demo_now;
  // EXAMENS_CLAMD: clamd's unix socket, which scans every deposited file; empty: no scan.
  std::string clamd;

  static Config from_env();
  // Threads of the server's shared commits' pool: commit_threads on SQLite; on PostgreSQL,
  // where nothing is grouped and no request runs there, one (each thread is also a database
  // session, a server process on PostgreSQL).
  int commit_pool_threads() const;
  // The clock the instance runs on: the demo's when demo_now is set, else the system's.
  std::unique_ptr<domain::Clock> clock() const;
};

}  // namespace examens::app
