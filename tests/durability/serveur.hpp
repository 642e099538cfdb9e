// The `examens serve` process of the durability test: started on a fixed port and data folder,
// killed with SIGKILL (no handler runs, nothing is flushed by the process itself), started
// again, and at last stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>

namespace examens::testing {

class Serveur {
 public:
  // `env`: the EXAMENS_* variables of every start but EXAMENS_PORT and EXAMENS_DEMO_NOW,
  // which the object sets; its output goes to `journal` (appended).
  Serveur(std::filesystem::path binaire, std::map<std::string, std::string> env,
          std::filesystem::path journal);
  ~Serveur();
  Serveur(const Serveur&) = delete;
  Serveur& operator=(const Serveur&) = delete;

  // Starts the process and returns once it listens. The demo clock of start n reads
  // 2026-11-23 10:00 plus 3n minutes: time goes on across restarts, as it would in
  // production, and each run starts past every lease the killed one held (2 minutes at most).
  void demarrer(int n);
  void tuer();  // SIGKILL, then reaped
  // SIGTERM; returns the exit status (0 for a clean stop).
  int arreter();
  unsigned short port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The end of the journal, to explain a failure.
  std::string fin_du_journal() const;

 private:
  std::filesystem::path binaire_;
  std::map<std::string, std::string> env_;
  std::filesystem::path journal_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace examens::testing
