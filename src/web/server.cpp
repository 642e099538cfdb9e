// Beast/Asio implementation of web::Server: one coroutine per connection with a keep-alive
// loop, body strategies chosen by Content-Type, handlers on two pools, JSON request logs.
#include "web/server.hpp"

#include <unistd.h>

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

#include "domain/texte.hpp"
#include "log/log.hpp"
#include "web/form_parsing.hpp"
#include "web/server_detail.hpp"
#include "web/server_pools.hpp"
#include "web/static_files.hpp"

namespace examens::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using detail::invalid_response_reason;
using detail::log_request;
using detail::loggable_path;

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
// Multipart bodies are read in blocks of this size straight into the multipart parser.
constexpr std::size_t kUploadChunkBytes = 64 * 1024;
// After an early error response the rest of the request is drained, so that the client reads
// our answer instead of a connection reset, but not for longer nor further than this.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 4 * 1024 * 1024;
// Once shutdown_grace is over, connections are closed and run() gets this long to return.
constexpr std::chrono::seconds kForcedCloseTime{1};

std::string_view to_sv(beast::string_view s) {
  return {s.data(), s.size()};
}

Response error_text(int status, std::string message) {
  return Response::text(std::move(message) + "\n", status);
}

Response internal_error_page() {
  return Response::html(
      "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
      "<title>Erreur interne</title></head><body><h1>Erreur interne</h1>"
      "<p>Une erreur inattendue est survenue. Veuillez réessayer plus tard.</p></body></html>\n",
      500);
}

bool body_forbidden(int status) {
  return status < 200 || status == 204 || status == 304;
}

// Framing headers belong to the server, whatever the handler set.
bool server_owned_header(std::string_view name) {
  return domain::iequals_ascii(name, "content-length") ||
         domain::iequals_ascii(name, "transfer-encoding") ||
         domain::iequals_ascii(name, "connection");
}

template <class Body>
void fill_header(http::response<Body>& msg, const Response& res, unsigned version,
                 bool keep_alive) {
  msg.version(version);
  msg.result(static_cast<unsigned>(res.status));
  for (const auto& [name, value] : res.headers)
    if (!server_owned_header(name)) msg.insert(name, value);
  for (const auto& cookie : res.cookies)
    msg.insert(http::field::set_cookie, serialize_cookie(cookie));
  if (!res.header("Date")) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    msg.set(http::field::date,
            http_date(std::chrono::duration_cast<std::chrono::seconds>(now).count()));
  }
  msg.keep_alive(keep_alive);
}

Method to_method(http::verb verb) {
  switch (verb) {
    case http::verb::get: return Method::get;
    case http::verb::head: return Method::head;
    case http::verb::post: return Method::post;
    default: return Method::other;
  }
}

// Errors that mean the client went away or stalled: nothing to answer.
bool is_disconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message ||
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

}  // namespace

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
        hashing_pool(static_cast<std::size_t>(std::max(1, options.hashing_threads))) {
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
    for (auto* p : {&pool, &hashing_pool}) {
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
                                  http::request_parser<http::empty_body>& parser,
                                  const std::string& peer);
  asio::awaitable<Response> run_handler(Request& req, const std::string& log_path);
  asio::awaitable<std::variant<Early, bool>> read_body(
      Connection& conn, beast::flat_buffer& buffer, http::request_parser<http::empty_body>& parser,
      Request& req, UploadCleanup& uploads);
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
};

unsigned short Server::Impl::listen() {
  if (!listening) {
    std::filesystem::create_directories(options.upload_dir);
    tcp::endpoint endpoint(asio::ip::make_address(options.address), options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    listening = true;
  }
  return acceptor.local_endpoint().port();
}

void Server::Impl::run() {
  if (!listening) listen();
  // Everything is set up before any thread runs the io_context, so no handler races this.
  asio::co_spawn(control, accept_loop(), asio::detached);
  if (options.install_signal_handlers && !stopping) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([this](const beast::error_code& ec, int) {
      if (!ec) stop();
    });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([this] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
}

void Server::Impl::stop() {
  if (stopping.exchange(true)) return;
  asio::post(control, [this] { begin_shutdown(); });
}

void Server::Impl::begin_shutdown() {
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  signals.clear(ignored);
  auto live = live_connections();
  for (auto& conn : live)
    asio::post(conn->stream.get_executor(), [conn] {
      if (conn->idle) conn->stream.cancel();
    });
  if (live.empty()) return;
  grace_timer.expires_after(options.limits.shutdown_grace);
  grace_timer.async_wait([this](const beast::error_code& ec) {
    if (!ec) force_close();
  });
}

void Server::Impl::force_close() {
  auto live = live_connections();
  log::error("shutdown_grace_expired", {{"connections_closed", live.size()}});
  for (auto& conn : live) asio::post(conn->stream.get_executor(), [conn] { conn->stream.close(); });
  grace_timer.expires_after(kForcedCloseTime);
  // A handler blocked on the pool keeps its connection's coroutine alive: give up on it.
  grace_timer.async_wait([this](const beast::error_code& ec) {
    if (!ec) ioc.stop();
  });
}

bool Server::Impl::admit(const std::string& peer) {
  std::lock_guard lock(connections_mutex);
  auto& count = connections_per_address[peer];
  // A trusted proxy carries many clients: its own connections are not capped here.
  if (count >= options.limits.max_connections_per_address &&
      std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end()) {
    if (count == 0) connections_per_address.erase(peer);
    return false;
  }
  ++count;
  return true;
}

void Server::Impl::release(const std::string& peer) {
  std::lock_guard lock(connections_mutex);
  auto it = connections_per_address.find(peer);
  if (it != connections_per_address.end() && --it->second == 0) connections_per_address.erase(it);
}

std::uint64_t Server::Impl::add_connection(const std::shared_ptr<Connection>& conn) {
  std::lock_guard lock(connections_mutex);
  std::uint64_t id = next_connection_id++;
  connections.emplace(id, conn);
  return id;
}

void Server::Impl::remove_connection(std::uint64_t id) {
  bool last = false;
  {
    std::lock_guard lock(connections_mutex);
    connections.erase(id);
    last = connections.empty();
  }
  // The grace timer only waits for connections; the last one to go releases run().
  if (last && stopping) asio::post(control, [this] { grace_timer.cancel(); });
}

std::vector<std::shared_ptr<Connection>> Server::Impl::live_connections() {
  std::vector<std::shared_ptr<Connection>> out;
  std::lock_guard lock(connections_mutex);
  for (auto& [id, weak] : connections)
    if (auto conn = weak.lock()) out.push_back(std::move(conn));
  return out;
}

asio::awaitable<void> Server::Impl::accept_loop() {
  asio::steady_timer backoff(control);
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kAsTuple);
    if (stopping) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // Out of descriptors or memory: wait instead of spinning on the same error.
      log::error("accept_failed", {{"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(kAsTuple);
      continue;
    }
    beast::error_code peer_ec;
    auto peer = socket.remote_endpoint(peer_ec);
    if (peer_ec) continue;  // already gone
    const std::string text = peer.address().to_string();
    std::string address = detail::canonical_address(text).value_or(text);
    if (!admit(address)) {
      // Cheaper than an answer, and an answer would be read by the very client that is
      // holding too many connections.
      socket.close(peer_ec);
      continue;
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session(tcp::socket(std::move(socket)), std::move(address)),
                   asio::detached);
  }
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket, std::string peer) {
  auto conn = std::make_shared<Connection>(std::move(socket));
  struct Registration {
    Impl& impl;
    std::uint64_t id;
    const std::string& peer;
    ~Registration() {
      impl.remove_connection(id);
      impl.release(peer);
    }
  } registration{*this, add_connection(conn), peer};

  const ServerLimits& limits = options.limits;
  beast::flat_buffer buffer;
  bool first = true;
  try {
    while (!stopping) {
      http::request_parser<http::empty_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
      // Body limits depend on the Content-Type, known only once the header is read.
      parser.body_limit(boost::none);
      conn->idle = buffer.size() == 0;
      conn->stream.expires_after(first ? limits.read_timeout : limits.keep_alive_idle);
      auto [read_ec, n] = co_await http::async_read_header(conn->stream, buffer, parser, kAsTuple);
      conn->idle = false;
      first = false;
      if (read_ec) {
        if (is_disconnect(read_ec)) break;
        auto started = Clock::now();
        bool too_big = read_ec == http::error::header_limit;
        Response res = too_big ? error_text(431, "Les en-têtes de la requête sont trop volumineux.")
                               : error_text(400, "Requête HTTP invalide.");
        auto bytes = co_await write_response(*conn, res, 11, false, false);
        log_request("", "", res.status, bytes, started, peer, peer);
        co_await linger(*conn);
        break;
      }
      if (!co_await serve_one(*conn, buffer, parser, peer)) break;
    }
  } catch (const std::exception& e) {
    log::error("connection_failed", {{"error", e.what()}});
  }
  beast::error_code ignored;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  conn->stream.close();
}

asio::awaitable<bool> Server::Impl::serve_one(Connection& conn, beast::flat_buffer& buffer,
                                              http::request_parser<http::empty_body>& parser,
                                              const std::string& peer) {
  auto started = Clock::now();
  const auto& head = parser.get();
  const unsigned version = head.version();
  const bool head_request = head.method() == http::verb::head;
  bool keep_alive = head.keep_alive();
  const std::string method_name(to_sv(head.method_string()));

  Request req;
  req.method = to_method(head.method());
  req.target = std::string(to_sv(head.target()));
  std::vector<std::string_view> forwarded_for;
  for (const auto& field : head) {
    std::string name = domain::ascii_lower(to_sv(field.name_string()));
    std::string value(to_sv(field.value()));
    if (name == "cookie") req.cookies.merge(parse_cookie_header(value));
    if (name == "x-forwarded-for") forwarded_for.push_back(to_sv(field.value()));
    req.headers.emplace_back(std::move(name), std::move(value));
  }
  req.remote_address = detail::client_address(peer, forwarded_for, trusted_proxies);

  UploadCleanup uploads;
  std::optional<Early> early;
  std::string_view target = req.target;
  if (target.starts_with("http://") || target.starts_with("https://")) {
    // Absolute form (RFC 9112 3.2.2): only the path and query matter here.
    std::size_t authority = target.find("//") + 2;
    std::size_t slash = target.find('/', authority);
    std::size_t question = target.find('?', authority);
    if (slash == std::string_view::npos || (question != std::string_view::npos && question < slash))
      target = question == std::string_view::npos ? std::string_view("/") : target.substr(question);
    else
      target = target.substr(slash);
  }
  const std::string log_path = loggable_path(target);
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (raw_path.empty() && question != std::string_view::npos) raw_path = "/";
  auto path = percent_decode_path(raw_path);
  std::optional<FormFields> query = question == std::string_view::npos
                                        ? FormFields{}
                                        : parse_urlencoded(target.substr(question + 1));
  // RFC 9112 6.3: a request body whose last transfer coding is not chunked has no length
  // that can be known; reading on would take that body for the next request.
  if (!head[http::field::transfer_encoding].empty() && !parser.chunked()) {
    early = Early{error_text(400, "Le codage de transfert de la requête n'est pas accepté."), true};
  } else if (!path) {
    early = Early{error_text(400, "L'adresse demandée est invalide."), true};
  } else if (!query) {
    early = Early{error_text(400, "Les paramètres de l'adresse sont invalides."), true};
  } else {
    req.path = std::move(*path);
    req.query = std::move(*query);
    auto outcome = co_await read_body(conn, buffer, parser, req, uploads);
    if (auto* e = std::get_if<Early>(&outcome)) {
      early = std::move(*e);
    } else if (!std::get<bool>(outcome)) {
      co_return false;  // the client went away or stalled mid-body: nobody to answer
    }
  }

  Response res;
  bool must_close = false;
  std::optional<Response> quick;
  if (!early && options.non_blocking) {
    try {
      quick = options.non_blocking(req);
    } catch (const std::exception& e) {
      log::error("handler_exception", {{"error", e.what()}, {"path", log_path}});
      quick = internal_error_page();
    }
  }
  if (early) {
    res = std::move(early->response);
    must_close = early->close;
  } else if (quick) {
    res = std::move(*quick);
  } else {
    res = co_await run_handler(req, log_path);
  }
  if (auto reason = invalid_response_reason(res)) {
    log::error("invalid_response", {{"reason", *reason}, {"path", log_path}});
    res = internal_error_page();
  }

  keep_alive = keep_alive && !must_close && !stopping;
  auto bytes = co_await write_response(conn, res, version, keep_alive, head_request);

  log_request(method_name, log_path, res.status, bytes, started, req.remote_address, peer);

  if (must_close) co_await linger(conn);
  co_return keep_alive;
}

asio::awaitable<Response> Server::Impl::run_handler(Request& req, const std::string& log_path) {
  Pool which = Pool::general;
  if (options.pool_for) {
    try {
      which = options.pool_for(req);
    } catch (const std::exception& e) {
      log::error("handler_exception", {{"error", e.what()}, {"path", log_path}});
      co_return internal_error_page();
    }
  }
  const bool hashing = which == Pool::hashing;
  auto& counter = hashing ? hashing_in_flight : in_flight;
  const std::size_t limit =
      hashing ? options.limits.max_hashing_in_flight : options.limits.max_in_flight;
  if (counter.fetch_add(1) >= limit) {
    counter.fetch_sub(1);
    std::string message = hashing ? "Trop de connexions simultanées : réessayez dans quelques "
                                    "secondes."
                                  : "Le service est momentanément surchargé. Veuillez réessayer "
                                    "dans quelques instants.";
    Response res = error_text(503, message);
    if (options.overloaded) {
      try {
        res = options.overloaded(req, std::move(message));
      } catch (const std::exception& e) {
        log::error("handler_exception", {{"error", e.what()}, {"path", log_path}});
      }
    }
    if (!res.header("Retry-After")) res.set_header("Retry-After", "5");
    co_return res;
  }
  co_return co_await detail::run_on(hashing ? hashing_pool : pool, [this, &req, &counter] {
    struct Release {
      std::atomic<std::size_t>& counter;
      ~Release() { counter.fetch_sub(1); }
    } release{counter};
    return invoke_handler(req);
  });
}

asio::awaitable<std::variant<Early, bool>> Server::Impl::read_body(
    Connection& conn, beast::flat_buffer& buffer, http::request_parser<http::empty_body>& parser,
    Request& req, UploadCleanup& uploads) {
  const ServerLimits& limits = options.limits;
  if (parser.is_done()) co_return true;  // no body

  const std::string type = media_type(req.header("content-type").value_or(""));
  const bool multipart = type == "multipart/form-data";
  const std::uint64_t limit = multipart ? limits.max_upload_body_bytes : limits.max_form_body_bytes;
  const auto too_large = [&] {
    if (!multipart)
      return Early{error_text(413, "Les données envoyées sont trop volumineuses."), true};
    return Early{error_text(413, "Les fichiers envoyés sont trop volumineux (" +
                                     std::to_string(limits.max_upload_body_bytes / (1024 * 1024)) +
                                     " Mo au plus en une fois)."),
                 true};
  };
  if (multipart && !(options.accepts_upload && options.accepts_upload(req)))
    co_return Early{error_text(415, "Cette adresse n'accepte pas l'envoi de fichiers."), true};
  auto declared = parser.content_length();
  if (declared && *declared > limit) co_return too_large();
  std::optional<std::string> boundary;
  if (multipart) {
    boundary = multipart_boundary(req.header("content-type").value_or(""));
    if (!boundary) co_return Early{error_text(400, "Le formulaire envoyé est mal formé."), true};
  }

  if (auto expect = req.header("expect");
      expect && domain::iequals_ascii(*expect, "100-continue")) {
    http::response<http::empty_body> proceed{http::status::continue_, parser.get().version()};
    conn.stream.expires_after(limits.read_timeout);
    auto [ec, n] = co_await http::async_write(conn.stream, proceed, kAsTuple);
    if (ec) co_return false;
  }

  const auto read_failure = [&](const beast::error_code& ec) -> std::variant<Early, bool> {
    if (ec == http::error::body_limit) return too_large();
    if (is_disconnect(ec)) return false;
    return Early{error_text(400, "Requête HTTP invalide."), true};
  };

  if (multipart) {
    http::request_parser<http::buffer_body> body_parser(std::move(parser));
    body_parser.body_limit(limits.max_upload_body_bytes);
    MultipartLimits mp_limits;
    mp_limits.max_part_header_bytes = limits.max_part_header_bytes;
    mp_limits.max_field_bytes = limits.max_form_body_bytes;
    mp_limits.max_fields = limits.max_form_fields;
    mp_limits.max_files = limits.max_upload_files;
    mp_limits.max_body_bytes = limits.max_upload_body_bytes;
    MultipartParser multipart_parser(*boundary, options.upload_dir, mp_limits);
    std::vector<char> chunk(kUploadChunkBytes);
    while (!body_parser.is_done()) {
      body_parser.get().body().data = chunk.data();
      body_parser.get().body().size = chunk.size();
      // An inactivity timeout: a large upload on a slow line may take longer than it in total.
      conn.stream.expires_after(limits.read_timeout);
      auto [ec, n] = co_await http::async_read(conn.stream, buffer, body_parser, kAsTuple);
      if (ec == http::error::need_buffer) ec = {};
      if (ec) co_return read_failure(ec);
      std::size_t got = chunk.size() - body_parser.get().body().size;
      // Writing to the page cache is quick enough to stay on the I/O thread.
      switch (multipart_parser.feed(std::string_view(chunk.data(), got))) {
        case MultipartStatus::need_more:
        case MultipartStatus::done: break;
        case MultipartStatus::malformed:
          co_return Early{error_text(400, multipart_parser.error()), true};
        case MultipartStatus::too_large:
          co_return Early{error_text(413, multipart_parser.error()), true};
        case MultipartStatus::io_error:
          log::error("upload_write_failed", {{"dir", options.upload_dir}});
          co_return Early{error_text(500, multipart_parser.error()), true};
      }
    }
    if (multipart_parser.finish() != MultipartStatus::done)
      co_return Early{error_text(400, multipart_parser.error()), false};
    req.form = multipart_parser.take_fields();
    req.files = multipart_parser.take_files();
    for (const auto& file : req.files) uploads.paths.push_back(file.path);
    co_return true;
  }

  http::request_parser<http::string_body> body_parser(std::move(parser));
  body_parser.body_limit(limit);
  conn.stream.expires_after(limits.read_timeout);
  auto [ec, n] = co_await http::async_read(conn.stream, buffer, body_parser, kAsTuple);
  if (ec) co_return read_failure(ec);
  std::string body = std::move(body_parser.get().body());
  if (type == "application/x-www-form-urlencoded") {
    auto form = parse_urlencoded(body);
    if (!form) co_return Early{error_text(400, "Le formulaire envoyé est mal formé."), false};
    if (form->size() > limits.max_form_fields)
      co_return Early{error_text(413, "Le formulaire contient trop de champs."), false};
    req.form = std::move(*form);
  } else {
    req.body = std::move(body);
  }
  co_return true;
}

Response Server::Impl::invoke_handler(Request& req) {
  try {
    return handler(req);
  } catch (const std::exception& e) {
    log::error("handler_exception", {{"error", e.what()}, {"path", loggable_path(req.target)}});
  } catch (...) {
    log::error("handler_exception",
               {{"error", "unknown exception"}, {"path", loggable_path(req.target)}});
  }
  return internal_error_page();
}

asio::awaitable<std::uint64_t> Server::Impl::write_response(Connection& conn, Response& res,
                                                            unsigned version, bool keep_alive,
                                                            bool head_request) {
  conn.stream.expires_after(options.limits.write_timeout);
  std::uint64_t body_bytes = 0;
  std::optional<http::file_body::value_type> file;
  if (res.file_path && !body_forbidden(res.status)) {
    beast::error_code ec;
    file.emplace();
    file->open(res.file_path->c_str(), beast::file_mode::scan, ec);
    if (ec) {
      // The handler named a file that vanished (or was never readable) before we sent it.
      log::error("response_file_unreadable", {{"file", loggable_path(*res.file_path)}});
      file.reset();
      res = error_text(404, "Ressource introuvable.");
    }
  }
  for (const auto& [name, value] : options.default_headers)
    if (!res.header(name)) res.set_header(name, value);

  beast::error_code ec;
  if (body_forbidden(res.status) || head_request) {
    http::response<http::empty_body> msg;
    fill_header(msg, res, version, keep_alive);
    if (!body_forbidden(res.status)) msg.content_length(file ? file->size() : res.body.size());
    std::tie(ec, std::ignore) = co_await http::async_write(conn.stream, msg, kAsTuple);
  } else if (file) {
    http::response<http::file_body> msg;
    fill_header(msg, res, version, keep_alive);
    body_bytes = file->size();
    msg.body() = std::move(*file);
    msg.prepare_payload();
    std::tie(ec, std::ignore) = co_await http::async_write(conn.stream, msg, kAsTuple);
  } else {
    http::response<http::string_body> msg;
    fill_header(msg, res, version, keep_alive);
    body_bytes = res.body.size();
    msg.body() = std::move(res.body);
    msg.prepare_payload();
    std::tie(ec, std::ignore) = co_await http::async_write(conn.stream, msg, kAsTuple);
  }
  if (ec) {
    conn.stream.close();
    co_return 0;
  }
  co_return body_bytes;
}

asio::awaitable<void> Server::Impl::linger(Connection& conn) {
  beast::error_code ignored;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  conn.stream.expires_after(kLingerTime);
  std::vector<char> sink(16 * 1024);
  std::size_t drained = 0;
  while (drained < kLingerBytes) {
    auto [ec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kAsTuple);
    if (ec) break;
    drained += n;
  }
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

unsigned short Server::listen() {
  return impl_->listen();
}
void Server::run() {
  impl_->run();
}
void Server::stop() {
  impl_->stop();
}

}  // namespace examens::web
