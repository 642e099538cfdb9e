// Beast/Asio implementation of http::Server, its listening half: the acceptor, one coroutine per
// connection with a keep-alive loop, the per-address cap and the graceful shutdown. A
// request's own life is in server_request.cpp.
#include <unistd.h>

#include "http/server_impl.hpp"

namespace examens::http {
namespace {

// A head over its limit: 414 when its request line alone is (a target too long, or no end of
// the line before the limit: Beast has then parsed no target), else 431.
Response head_too_large(const bhttp::request<bhttp::empty_body>& partial,
                        const ServerLimits& limits) {
  const std::size_t target = partial.target().size();
  if (target == 0 || target > limits.max_target_bytes)
    return error_text(414, "L'adresse demandée est trop longue.");
  return error_text(431, "Les en-têtes de la requête sont trop volumineux.");
}

}  // namespace

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
    // A response's head and its file body leave in two writes: with Nagle's algorithm the
    // body waits for the client's delayed ACK of the head, 40 ms for every file over a few
    // kilobytes on a kept-alive connection (make bench measured 23 requests/s on a 6 KB
    // stylesheet over one connection).
    socket.set_option(tcp::no_delay(true), peer_ec);
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
  beast::flat_buffer buffer(kReadBufferBytes);
  bool first = true;
  try {
    while (!stopping) {
      bhttp::request_parser<bhttp::empty_body> parser;
      parser.header_limit(
          static_cast<std::uint32_t>(std::min(limits.max_header_bytes, kReadBufferBytes)));
      // Body limits depend on the Content-Type, known only once the header is read.
      parser.body_limit(boost::none);
      conn->idle = buffer.size() == 0;
      conn->stream.expires_after(first ? limits.read_timeout : limits.keep_alive_idle);
      auto [read_ec, n] = co_await bhttp::async_read_header(conn->stream, buffer, parser, kAsTuple);
      conn->idle = false;
      first = false;
      if (read_ec) {
        if (is_disconnect(read_ec)) break;
        auto started = Clock::now();
        Response res = read_ec == bhttp::error::header_limit
                           ? head_too_large(parser.get(), limits)
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

}  // namespace examens::http
