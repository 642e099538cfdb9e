// A client that writes bytes as they are.
#include "support/raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace examens::testing {

RawConnection::RawConnection(unsigned short port, std::optional<int> receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (receive_buffer)
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &*receive_buffer, sizeof *receive_buffer);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    // MSG_NOSIGNAL: a connection the server closed must fail the call, not kill the test.
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void RawConnection::close_write() {
  ::shutdown(fd_, SHUT_WR);
}

std::string RawConnection::read_until_closed(std::chrono::milliseconds timeout, bool* closed) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  std::string out;
  char buffer[16 * 1024];
  if (closed) *closed = false;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return out;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return out;
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (closed) *closed = true;
      return out;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

unsigned short port_of(const std::string& base_url) {
  return static_cast<unsigned short>(std::stoi(base_url.substr(base_url.rfind(':') + 1)));
}

std::string exchange(unsigned short port, std::string_view bytes,
                     std::chrono::milliseconds timeout) {
  RawConnection connection(port);
  connection.send(bytes);
  return connection.read_until_closed(timeout);
}

std::vector<int> statuses(std::string_view responses) {
  std::vector<int> out;
  std::size_t at = 0;
  for (;;) {
    at = responses.find("HTTP/1.", at);
    if (at == std::string_view::npos || at + 12 > responses.size()) return out;
    // Only a status line: at the start of the stream or right after a response's end.
    if (at == 0 || responses.substr(0, at).ends_with("\n"))
      out.push_back(std::stoi(std::string(responses.substr(at + 9, 3))));
    at += 12;
  }
}

std::string request(const std::string& method, const std::string& target, const std::string& cookie,
                    const std::string& body, const std::string& content_type) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!cookie.empty()) out += "Cookie: " + cookie + "\r\n";
  if (method == "POST")
    out += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n";
  return out + "\r\n" + body;
}

}  // namespace examens::testing
