// The HTTP/1.1 server core: accepts connections, turns bytes into web::Request, runs the
// blocking handler on a bounded worker pool and writes the web::Response back.
#pragma once

// Contract: the connection layer knows nothing of routes or candidatures; it calls one
// Handler per request, on a worker thread (never an I/O thread), so handlers may block on
// the database, Argon2, PDF rendering or mail. Every limit a request is held to lives in
// ServerLimits. Beast stays inside server.cpp (pimpl) so that including this header costs
// nothing.
//
// Threading: listen(), run() and the destructor are called from one owning thread; stop() is
// safe from any thread (a signal, a handler, a test) and only starts the shutdown: run()
// returns once in-flight requests have finished (or shutdown_grace has passed). Destroy the
// Server only after run() has returned or was never called.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "web/http.hpp"

namespace examens::web {

struct ServerLimits {
  std::size_t max_header_bytes = 16 * 1024;              // request line and headers: else 431
  std::size_t max_form_body_bytes = 256 * 1024;          // urlencoded / other bodies, one
                                                         // multipart text field: else 413
  std::size_t max_upload_body_bytes = 25 * 1024 * 1024;  // multipart total: else 413
  std::size_t max_upload_files = 10;                     // file parts per request: else 413
  std::size_t max_form_fields = 500;                     // fields per form: else 413
  std::size_t max_part_header_bytes = 8 * 1024;          // headers of one multipart part: else 413
  std::chrono::seconds read_timeout{30};     // a request's headers, and silence within a body
  std::chrono::seconds keep_alive_idle{60};  // next request's header on a kept connection
  std::chrono::seconds write_timeout{60};    // writing one response
  std::size_t max_in_flight = 512;  // requests queued/running on the worker pool; beyond: 503
  std::chrono::seconds shutdown_grace{10};  // stop(): wait for in-flight requests at most this
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 = ephemeral
  int io_threads = 1;
  int worker_threads = 4;  // bounded pool where handlers (blocking: DB, Argon2, PDF, mail) run
  // Multipart file parts are streamed here and removed after the response; empty: a
  // directory examens-uploads under the system temporary directory.
  std::string upload_dir;
  bool install_signal_handlers = true;  // SIGINT/SIGTERM call stop() while run() runs
  ServerLimits limits;
  // Answers, on the I/O thread, the requests that never wait (static files: one stat, the
  // body streamed by the server); returns nullopt for the others, which go to the pool.
  std::function<std::optional<Response>(Request&)> non_blocking;
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port (the ephemeral one when options.port is 0).
  // Creates upload_dir if needed. Throws std::system_error when the address cannot be bound.
  unsigned short listen();
  // Serves on io_threads threads (the caller's included) until stop() has completed.
  // Calls listen() first if it was not called.
  void run();
  // Starts a graceful shutdown: stop accepting, close idle keep-alive connections, let
  // in-flight requests finish (then close their connections), bounded by shutdown_grace.
  // Returns at once; idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace examens::web
