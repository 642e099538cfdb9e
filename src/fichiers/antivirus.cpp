// clamd's INSTREAM command over a unix socket.
#include "fichiers/antivirus.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "fichiers/descripteur.hpp"

namespace examens::fichiers {
namespace {

using detail::Descripteur;

bool envoyer(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    // MSG_NOSIGNAL: a clamd that hangs up (StreamMaxLength reached) is an answer, not a SIGPIPE.
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool envoyer_bloc(int fd, std::string_view bloc) {
  const std::uint32_t longueur = htonl(static_cast<std::uint32_t>(bloc.size()));
  return envoyer(fd, std::string_view(reinterpret_cast<const char*>(&longueur), 4)) &&
         envoyer(fd, bloc);
}

// Sends the file in chunks; false when a write failed (clamd may have answered already).
bool envoyer_fichier(int socket, const std::filesystem::path& fichier, std::string& erreur) {
  Descripteur in(::open(fichier.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    erreur = "lecture du fichier: " + std::string(std::strerror(errno));
    return false;
  }
  std::array<char, 64 * 1024> buf;
  for (;;) {
    const ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      erreur = "lecture du fichier: " + std::string(std::strerror(errno));
      return false;
    }
    if (n == 0) return envoyer_bloc(socket, {});
    if (!envoyer_bloc(socket, std::string_view(buf.data(), static_cast<std::size_t>(n))))
      return false;
  }
}

std::string lire_reponse(int fd) {
  std::string out;
  std::array<char, 512> buf;
  while (out.size() < 4096) {
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf.data(), static_cast<std::size_t>(n));
    if (out.find('\0') != std::string::npos) break;
  }
  if (const auto nul = out.find('\0'); nul != std::string::npos) out.resize(nul);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

Analyse interpreter(const std::string& reponse) {
  static constexpr std::string_view prefixe = "stream: ";
  static constexpr std::string_view trouve = " FOUND";
  if (reponse == "stream: OK") return {Verdict::sain, ""};
  if (reponse.starts_with(prefixe) && reponse.ends_with(trouve))
    return {Verdict::infecte,
            reponse.substr(prefixe.size(), reponse.size() - prefixe.size() - trouve.size())};
  return {Verdict::indisponible, "réponse de clamd: " + reponse};
}

}  // namespace

Analyse analyser(const std::string& socket, const std::filesystem::path& fichier,
                 std::chrono::seconds delai) {
  sockaddr_un adresse{};
  adresse.sun_family = AF_UNIX;
  if (socket.size() >= sizeof adresse.sun_path)
    return {Verdict::indisponible, "chemin de socket trop long"};
  std::memcpy(adresse.sun_path, socket.c_str(), socket.size() + 1);
  Descripteur fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return {Verdict::indisponible, std::strerror(errno)};
  const timeval tv{static_cast<time_t>(delai.count()), 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&adresse), sizeof adresse) != 0)
    return {Verdict::indisponible, "connexion à clamd: " + std::string(std::strerror(errno))};
  std::string erreur;
  if (!envoyer(fd.get(), std::string_view("zINSTREAM\0", 10)) ||
      !envoyer_fichier(fd.get(), fichier, erreur)) {
    if (!erreur.empty()) return {Verdict::indisponible, erreur};
  }
  // After a failed write clamd may still have said why (a size limit): read it either way.
  return interpreter(lire_reponse(fd.get()));
}

}  // namespace examens::fichiers
