// The Beast server's internals, shared by its two halves: server.cpp (listening, connections,
// shutdown) and server_request.cpp (one request: head, body, handler, response). Only those
// two files include it: each translation unit with Beast costs ~20 s to compile.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

#include "http/form_parsing.hpp"
#include "http/server.hpp"
#include "http/server_detail.hpp"
#include "http/server_pools.hpp"
#include "http/static_files.hpp"
#include "log/log.hpp"
#include "texte/texte.hpp"

namespace examens::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using detail::invalid_response_reason;
using detail::log_request;
using detail::loggable_path;

inline constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
// Multipart bodies are read in blocks of this size straight into the multipart parser.
inline constexpr std::size_t kUploadChunkBytes = 64 * 1024;
// What a connection buffers before the parser takes it. Beast bounds the head (header_limit)
// but neither a chunk's extensions nor the trailer: unbounded, one request could fill the
// memory, and a trailer field over 64 KiB makes Beast throw from inside the read, which ends
// the whole server. Below 64 KiB, no field can get there (header_limit is held under it too).
inline constexpr std::size_t kReadBufferBytes = 48 * 1024;
// After an early error response the rest of the request is drained, so that the client reads
// our answer instead of a connection reset, but not for longer nor further than this.
inline constexpr std::chrono::seconds kLingerTime{2};
inline constexpr std::size_t kLingerBytes = 4 * 1024 * 1024;
// Once shutdown_grace is over, connections are closed and run() gets this long to return.
inline constexpr std::chrono::seconds kForcedCloseTime{1};

inline std::string_view to_sv(beast::string_view s) {
  return {s.data(), s.size()};
}

inline Response error_text(int status, std::string message) {
  return Response::text(std::move(message) + "\n", status);
}

inline Response internal_error_page() {
  return Response::html(
      "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
      "<title>Erreur interne</title></head><body><h1>Erreur interne</h1>"
      "<p>Une erreur inattendue est survenue. Veuillez réessayer plus tard.</p></body></html>\n",
      500);
}

inline bool body_forbidden(int status) {
  return status < 200 || status == 204 || status == 304;
}

// Framing headers belong to the server, whatever the handler set.
inline bool server_owned_header(std::string_view name) {
  return texte::iequals_ascii(name, "content-length") ||
         texte::iequals_ascii(name, "transfer-encoding") ||
         texte::iequals_ascii(name, "connection");
}

// The head of a response with a body in memory, written by hand: Beast's serializer walks
// its buffer sequences through many layers of templates for what is one string here
// (docs/decisions/0020-template-renderer.md). The same fields as fill_header gives Beast, then
// Content-Length and Connection as Beast's keep_alive() would write them.
std::string response_head(const Response& res, unsigned version, bool keep_alive,
                          std::size_t body_size);

template <class Body>
inline void fill_header(bhttp::response<Body>& msg, const Response& res, unsigned version,
                        bool keep_alive) {
  msg.version(version);
  msg.result(static_cast<unsigned>(res.status));
  for (const auto& [name, value] : res.headers)
    if (!server_owned_header(name)) msg.insert(name, value);
  for (const auto& cookie : res.cookies)
    msg.insert(bhttp::field::set_cookie, serialize_cookie(cookie));
  if (!res.header("Date")) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    msg.set(bhttp::field::date,
            http_date(std::chrono::duration_cast<std::chrono::seconds>(now).count()));
  }
  msg.keep_alive(keep_alive);
}

inline Method to_method(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::get;
    case bhttp::verb::head: return Method::head;
    case bhttp::verb::post: return Method::post;
    default: return Method::other;
  }
}

// Errors that mean the client went away or stalled: nothing to answer.
inline bool is_disconnect(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::eof ||
         ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor;
}

// Removes uploaded files once the response has been written, whatever the handler did.
struct UploadCleanup {
  std::vector<std::string> paths;
  ~UploadCleanup() {
    for (const auto& path : paths) {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  }
};

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  // Waiting for the first byte of a new request; read and written only on the connection's
  // strand, so stop() can close exactly the connections that are not serving anyone.
  bool idle = false;
};

// What the request phase decided before the handler: an early answer, or go on.
struct Early {
  Response response;
  bool close = false;  // the rest of the request was not read: answer, drain and close
};

struct Server::Impl {
  Impl(ServerOptions o, Handler h)
      : options(std::move(o)),
        handler(std::move(h)),
        ioc(std::max(1, options.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        grace_timer(control),
        pool(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        hashing_pool(static_cast<std::size_t>(std::max(1, options.hashing_threads))),
        commits_pool(static_cast<std::size_t>(std::max(1, options.commit_threads))) {
    if (options.upload_dir.empty())
      options.upload_dir = (std::filesystem::temp_directory_path() / "examens-uploads").string();
    for (const auto& proxy : options.trusted_proxies) {
      auto address = detail::canonical_address(proxy);
      if (!address) throw std::invalid_argument("trusted proxy is not an IP address: " + proxy);
      trusted_proxies.push_back(std::move(*address));
    }
  }

  ~Impl() {
    // Handlers still running (only after an expired grace) finish before the io_context and
    // the coroutine frames that wait for them are destroyed.
    for (auto* p : {&pool, &hashing_pool, &commits_pool}) {
      p->stop();
      p->join();
    }
  }

  unsigned short listen();
  void run();
  void stop();
  void begin_shutdown();
  void force_close();

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(tcp::socket socket, std::string peer);
  asio::awaitable<bool> serve_one(Connection& conn, beast::flat_buffer& buffer,
                                  bhttp::request_parser<bhttp::empty_body>& parser,
                                  const std::string& peer);
  asio::awaitable<Response> answer(Request& req, std::optional<Early> early,
                                   const std::string& log_path);
  asio::awaitable<Response> run_handler(Request& req, const std::string& log_path);
  asio::awaitable<std::variant<Early, bool>> read_body(
      Connection& conn, beast::flat_buffer& buffer,
      bhttp::request_parser<bhttp::empty_body>& parser, Request& req, UploadCleanup& uploads);
  asio::awaitable<bool> upload_accepted(const Request& req);
  asio::awaitable<std::variant<Early, bool>> read_multipart(
      Connection& conn, beast::flat_buffer& buffer,
      bhttp::request_parser<bhttp::empty_body>& parser, const std::string& boundary, Request& req,
      UploadCleanup& uploads);
  asio::awaitable<std::uint64_t> write_response(Connection& conn, Response& res, unsigned version,
                                                bool keep_alive, bool head_request);
  asio::awaitable<void> linger(Connection& conn);
  Response invoke_handler(Request& req);

  bool admit(const std::string& peer);
  void release(const std::string& peer);
  std::uint64_t add_connection(const std::shared_ptr<Connection>& conn);
  void remove_connection(std::uint64_t id);
  std::vector<std::shared_ptr<Connection>> live_connections();

  // Declared before the io_context: coroutine frames destroyed with it still touch these.
  ServerOptions options;
  Handler handler;
  std::atomic<bool> stopping{false};
  std::vector<std::string> trusted_proxies;  // canonical addresses
  std::atomic<std::size_t> in_flight{0};
  std::atomic<std::size_t> hashing_in_flight{0};
  std::mutex connections_mutex;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> connections;
  std::unordered_map<std::string, std::size_t> connections_per_address;
  std::uint64_t next_connection_id = 0;
  bool listening = false;

  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, grace timer
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  // Declared after the io_context so they are joined first (see ~Impl).
  asio::thread_pool pool;
  asio::thread_pool hashing_pool;
  asio::thread_pool commits_pool;
};

}  // namespace examens::http
