// Configuration of an examens instance, read from EXAMENS_* environment variables
// (documented in the README) with the defaults of the embedded demo.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace examens::app {

struct Config {
  unsigned short port = 8080;              // EXAMENS_PORT
  std::filesystem::path data_dir = "var";  // EXAMENS_DATA_DIR
  std::string db;                          // EXAMENS_DB: SQLite path or postgresql:// URL
  std::string mail;                        // EXAMENS_MAIL: file:<dir> or smtp://host:port
  std::string base_url;                    // EXAMENS_BASE_URL: for links in mails
  std::filesystem::path root;              // EXAMENS_ROOT: templates/, static/, data/, ...
  std::string mail_from = "ne-pas-repondre@examens.education.gouv.fr";  // EXAMENS_MAIL_FROM
  int workers = 4;                             // EXAMENS_WORKERS: blocking-work pool size
  std::chrono::seconds session_idle{30 * 60};  // EXAMENS_SESSION_IDLE_SECONDS

  static Config from_env();
};

}  // namespace examens::app
