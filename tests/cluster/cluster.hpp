// The cluster of scripts/cluster.sh for the cluster test: a PostgreSQL 15 primary with a
// synchronous streaming standby, two `examens serve` instances (a and b) on the primary sharing
// one data folder, and nginx in front of both, in a folder of its own; stopped when the object
// goes, whatever happened, and the folder (logs, data) removed unless the test failed.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>

namespace examens::testing {

class Cluster {
 public:
  // `binaire`: the examens binary the instances run.
  explicit Cluster(std::filesystem::path binaire);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // A setting of DIR/cluster.env: PROXY_URL, INSTANCE_A_URL, INSTANCE_B_URL, PRIMARY_URL,
  // STANDBY_URL, DATA_DIR.
  const std::string& operator[](const std::string& cle) const;
  void kill(char instance);  // SIGKILL, and waits until it is gone
  void stop(char instance);  // SIGTERM, and waits until it stopped
  // Starts the instance again, its demo clock at `heure_demo` ("AAAA-MM-JJ HH:MM").
  void restart(char instance, const std::string& heure_demo);
  std::filesystem::path journal(char instance) const;
  const std::filesystem::path& dossier() const { return dossier_; }

 private:
  // Runs scripts/cluster.sh ACTION DIR [INSTANCE], its output appended to DIR/cluster.log.
  void script(const std::string& action, const std::string& heure_demo,
              const std::string& instance = "") const;
  pid_t pid(char instance) const;

  std::filesystem::path binaire_;
  std::filesystem::path dossier_;
  std::map<std::string, std::string> reglages_;
};

}  // namespace examens::testing
