// A file descriptor closed with its owner, for the few system calls the file layer makes
// itself (fsync of files and folders, clamd's socket). Internal to fichiers/.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace examens::fichiers::detail {

class Descripteur {
 public:
  explicit Descripteur(int fd) : fd_(fd) {}
  ~Descripteur() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descripteur(const Descripteur&) = delete;
  Descripteur& operator=(const Descripteur&) = delete;
  int get() const { return fd_; }
  // Closes now, so that a failed close (a deferred write error) is seen: throws
  // std::system_error naming `quoi`.
  void fermer(const std::string& quoi) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), quoi);
  }

 private:
  int fd_;
};

}  // namespace examens::fichiers::detail
