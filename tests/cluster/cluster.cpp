// The cluster of scripts/cluster.sh for the cluster test.
#include "cluster/cluster.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "crypto/secrets.hpp"

namespace examens::testing {
namespace {

namespace fs = std::filesystem;

// Gone, or a zombie: the script that started the instance exited, and whoever adopted it
// reaps it when it will.
bool parti(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string ligne;
  if (!std::getline(stat, ligne)) return true;
  const auto fin_du_nom = ligne.rfind(')');
  return fin_du_nom == std::string::npos || ligne.substr(fin_du_nom + 2, 1) == "Z";
}

void attendre_la_fin(pid_t pid, char instance) {
  const auto limite = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!parti(pid)) {
    if (std::chrono::steady_clock::now() > limite)
      throw std::runtime_error(std::string("instance ") + instance + " did not stop");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string entre_apostrophes(const std::string& texte) {
  return "'" + texte + "'";
}

}  // namespace

Cluster::Cluster(fs::path binaire)
    : binaire_(std::move(binaire)),
      dossier_(fs::temp_directory_path() / ("examens-cluster-" + crypto::random_token(8))) {
  fs::create_directories(dossier_);
  try {
    script("start", "2026-11-23 10:00");
  } catch (const std::exception&) {
    // What started before the failure (PostgreSQL, say) stops all the same.
    script("stop", "");
    throw;
  }
  std::ifstream env(dossier_ / "cluster.env");
  for (std::string ligne; std::getline(env, ligne);)
    if (const auto egal = ligne.find('='); egal != std::string::npos)
      reglages_[ligne.substr(0, egal)] = ligne.substr(egal + 1);
}

Cluster::~Cluster() {
  try {
    script("stop", "");
  } catch (const std::exception& e) {
    std::cerr << "cluster: " << e.what() << std::endl;
  }
  if (::testing::Test::HasFailure())
    std::cout << "cluster: logs and data kept in " << dossier_ << std::endl;
  else
    fs::remove_all(dossier_);
}

void Cluster::script(const std::string& action, const std::string& heure_demo,
                     const std::string& instance) const {
  const std::string commande = "DEMO_NOW=" + entre_apostrophes(heure_demo) +
                               " EXAMENS_BIN=" + entre_apostrophes(binaire_.string()) + " " +
                               EXAMENS_SOURCE_DIR + "/scripts/cluster.sh " + action + " " +
                               entre_apostrophes(dossier_.string()) + " " + instance + " >>" +
                               entre_apostrophes((dossier_ / "cluster.log").string()) + " 2>&1";
  if (std::system(commande.c_str()) != 0) {
    std::ifstream log(dossier_ / "cluster.log");
    throw std::runtime_error("scripts/cluster.sh " + action + " failed:\n" +
                             std::string(std::istreambuf_iterator<char>(log), {}));
  }
}

const std::string& Cluster::operator[](const std::string& cle) const {
  const auto it = reglages_.find(cle);
  if (it == reglages_.end()) throw std::runtime_error("no " + cle + " in cluster.env");
  return it->second;
}

pid_t Cluster::pid(char instance) const {
  std::ifstream in(dossier_ / (std::string(1, instance) + ".pid"));
  pid_t pid = 0;
  if (!(in >> pid) || pid <= 0) throw std::runtime_error(std::string("no pid of ") + instance);
  return pid;
}

void Cluster::kill(char instance) {
  const pid_t p = pid(instance);
  ::kill(p, SIGKILL);
  attendre_la_fin(p, instance);
}

void Cluster::stop(char instance) {
  const pid_t p = pid(instance);
  ::kill(p, SIGTERM);
  attendre_la_fin(p, instance);
}

void Cluster::restart(char instance, const std::string& heure_demo) {
  script("instance", heure_demo, std::string(1, instance));
}

fs::path Cluster::journal(char instance) const {
  return dossier_ / (std::string(1, instance) + ".log");
}

}  // namespace examens::testing
