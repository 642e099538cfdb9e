// The HTTP/1.1 server core: accepts connections, turns bytes into http::Request, runs the
// blocking handler on a bounded worker pool and writes the http::Response back.
#pragma once

// Contract: the connection layer knows nothing of routes or candidatures; it calls one
// Handler per request, on a worker thread (never an I/O thread), so handlers may block on
// the database, Argon2, PDF rendering or mail. Password hashing has a pool of its own
// (ServerOptions::pool_for), so that a login storm queues behind itself, not before pages. Every
// limit a request is held to lives in ServerLimits. Beast stays inside server.cpp (pimpl) so that
// including this header costs nothing.
//
// Threading: listen(), run() and the destructor are called from one owning thread; stop() is
// safe from any thread (a signal, a handler, a test) and only starts the shutdown: run()
// returns once in-flight requests have finished (or shutdown_grace has passed). Destroy the
// Server only after run() has returned or was never called.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace examens::http {

struct ServerLimits {
  // Request line and headers: else 431. Held under 48 KiB whatever is set (kReadBufferBytes).
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_target_bytes = 8 * 1024;               // the request target: else 414
  std::size_t max_header_fields = 100;                   // header lines: else 431
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
  // Requests queued/running on the hashing pool; beyond: 503. At ~70 ms a hash, the last of
  // 64 waits 4.5 s behind one hashing thread, 1.1 s behind four: past that, "retry in a few
  // seconds" is the better answer.
  std::size_t max_hashing_in_flight = 64;
  // Open connections from one client address (a trusted proxy's own are not counted);
  // beyond, a new connection is closed at once.
  std::size_t max_connections_per_address = 256;
  std::chrono::seconds shutdown_grace{10};  // stop(): wait for in-flight requests at most this
};

// Where a request's handler runs: the general worker pool; the pool of password hashing
// (Argon2id: ~70 ms of CPU and 64 MiB each); or the pool of requests that mostly wait for a
// commit they share with others (store::Database::grouped), which needs more threads than
// there are cores to gather many in one commit, while more threads in the general pool
// slow its pages (measured: logged-in home 40 k/s with 4, 32 k/s with 8).
enum class Pool { general, hashing, commits };

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 = ephemeral
  int io_threads = 1;
  int worker_threads = 4;  // bounded pool where handlers (blocking: DB, PDF, mail) run
  // The hashing pool. One core is left to the pages: measured on 2 cores during 40
  // parallel logins, the home page's p99 was 7 to 31 ms with 2 threads, 4.7 ms with 1.
  int hashing_threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()) - 1);
  // The pool of shared commits; its requests count against max_in_flight with the general
  // pool's.
  int commit_threads = 16;
  // Multipart file parts are streamed here and removed after the response; empty: a
  // directory examens-uploads under the system temporary directory.
  std::string upload_dir;
  bool install_signal_handlers = true;  // SIGINT/SIGTERM call stop() while run() runs
  ServerLimits limits;
  // Answers, on the I/O thread, the requests that never wait (static files: one stat, the
  // body streamed by the server); returns nullopt for the others, which go to the pool.
  std::function<std::optional<Response>(Request&)> non_blocking;
  // Names the pool of a request, on the I/O thread once its body is read; empty: general.
  std::function<Pool(const Request&)> pool_for;
  // Decides, from the request head alone and before any byte of the body is read or
  // written to disk, whether a multipart body may come in; refused (or thrown): 415 and the
  // connection is closed. Runs on the worker pool, so it may look a session up. Empty: no
  // request may upload. An upload route must check its guards here,
  // not in its handler: the session (cookie) and the CSRF token, which can only come in a
  // header or a query parameter since the body is not read yet.
  std::function<bool(const Request& head)> accepts_upload;
  // Answers a request refused because its pool is full (503), on the I/O thread: `message`
  // says why, in French. Empty: a plain-text page. Retry-After is added when missing.
  std::function<Response(Request&, std::string message)> overloaded;
  // Added to the answers the server writes itself (400, 413, 415, 431, 500, 503), when the
  // answer does not carry them already: the security headers of the application's pages.
  std::vector<std::pair<std::string, std::string>> default_headers;
  // Peers whose X-Forwarded-For is believed (reverse proxies): a request from one of them
  // comes from the rightmost address of X-Forwarded-For that is not itself a trusted proxy.
  // Request::remote_address is that client; the access log keeps the peer too.
  std::vector<std::string> trusted_proxies;
};

using Handler = std::function<Response(Request&)>;

// Raises the soft limit of open files (each connection is one) to the hard limit; returns
// the limits before and after, for the log.
struct OpenFileLimit {
  unsigned long long before = 0;
  unsigned long long after = 0;
  unsigned long long hard = 0;
};
OpenFileLimit raise_open_file_limit();

class Server {
 public:
  // Throws std::invalid_argument when a trusted proxy is not an IP address.
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

}  // namespace examens::http
