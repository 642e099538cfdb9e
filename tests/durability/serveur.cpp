// The `examens serve` process of the durability test.
#include "durability/serveur.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace examens::testing {
namespace {

// A free port below Linux's ephemeral range (32768 and up): the server binds it again at each
// start, and meanwhile no outgoing connection (ours, or another test's) may be given it.
unsigned short port_libre() {
  std::mt19937 aleas(std::random_device{}());
  std::uniform_int_distribution<int> ports(20000, 32000);
  for (int essai = 0; essai < 100; ++essai) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<unsigned short>(ports(aleas)));
    const bool libre =
        fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    if (fd >= 0) ::close(fd);
    if (libre) return ntohs(address.sin_port);
  }
  throw std::runtime_error("no free port for examens serve");
}

std::string lire(const std::filesystem::path& chemin) {
  std::ifstream in(chemin, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string heure_demo(int n) {
  const int minutes = 10 * 60 + 3 * n;
  char texte[32];
  std::snprintf(texte, sizeof texte, "2026-11-23 %02d:%02d", minutes / 60 % 24, minutes % 60);
  return texte;
}

}  // namespace

Serveur::Serveur(std::filesystem::path binaire, std::map<std::string, std::string> env,
                 std::filesystem::path journal)
    : binaire_(std::move(binaire)),
      env_(std::move(env)),
      journal_(std::move(journal)),
      port_(port_libre()) {
  env_["EXAMENS_PORT"] = std::to_string(port_);
  env_["EXAMENS_BASE_URL"] = base_url();
}

Serveur::~Serveur() {
  if (pid_ > 0) tuer();
}

void Serveur::demarrer(int n) {
  env_["EXAMENS_DEMO_NOW"] = heure_demo(n);
  // Built before fork: the child of a threaded process may only call async-signal-safe
  // functions until it executes.
  std::vector<std::string> texte;
  for (char** e = environ; *e; ++e) {
    const std::string entree(*e);
    if (!env_.contains(entree.substr(0, entree.find('=')))) texte.push_back(entree);
  }
  for (const auto& [nom, valeur] : env_) texte.push_back(nom + "=" + valeur);
  std::vector<char*> envp;
  for (auto& t : texte) envp.push_back(t.data());
  envp.push_back(nullptr);
  std::string chemin = binaire_.string();
  std::string commande = "serve";
  char* argv[] = {chemin.data(), commande.data(), nullptr};
  const auto debut = std::filesystem::exists(journal_) ? std::filesystem::file_size(journal_) : 0;
  const int sortie = ::open(journal_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (sortie < 0) throw std::runtime_error("cannot open " + journal_.string());
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(sortie, STDOUT_FILENO);
    ::dup2(sortie, STDERR_FILENO);
    ::execve(chemin.c_str(), argv, envp.data());
    ::_exit(127);
  }
  ::close(sortie);
  if (pid_ < 0) throw std::runtime_error("fork failed");
  const std::string attendu = "listening on " + base_url();
  const auto limite = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < limite) {
    if (lire(journal_).find(attendu, debut) != std::string::npos) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("examens serve exited at start:\n" + fin_du_journal());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("examens serve did not listen within 60 s:\n" + fin_du_journal());
}

void Serveur::tuer() {
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

int Serveur::arreter() {
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string Serveur::fin_du_journal() const {
  const std::string tout = lire(journal_);
  return tout.size() > 4000 ? tout.substr(tout.size() - 4000) : tout;
}

}  // namespace examens::testing
