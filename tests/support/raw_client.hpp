// A client that writes bytes as they are, for requests no library would send: broken framing,
// pipelined or unfinished requests, a head sent a byte at a time, a response never read. One
// TCP connection to 127.0.0.1; shared by the server core's unit tests and the portal's.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace examens::testing {

class RawConnection {
 public:
  // `receive_buffer` shrinks the socket's receive buffer (before connecting): a client that
  // never reads then fills it after a few kilobytes.
  explicit RawConnection(unsigned short port, std::optional<int> receive_buffer = std::nullopt);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  // False once the server has closed or reset the connection.
  bool send(std::string_view bytes);
  // Ends the request stream (the server sees end of file).
  void close_write();
  // Everything received until the server closes the connection, or until `timeout` has
  // passed; `closed` tells which.
  std::string read_until_closed(std::chrono::milliseconds timeout, bool* closed = nullptr);

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// The port of a base URL "http://127.0.0.1:<port>".
unsigned short port_of(const std::string& base_url);

// Sends `bytes` on a new connection and returns all the server wrote before closing it
// (waiting at most `timeout`).
std::string exchange(unsigned short port, std::string_view bytes,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10));

// The status codes of the responses in a stream of them, in order.
std::vector<int> statuses(std::string_view responses);

// A request as a browser would write it, with Connection: close: `cookie` as the whole
// Cookie header and, for a body, its Content-Type.
std::string request(const std::string& method, const std::string& target,
                    const std::string& cookie = "", const std::string& body = "",
                    const std::string& content_type = "application/x-www-form-urlencoded");

}  // namespace examens::testing
