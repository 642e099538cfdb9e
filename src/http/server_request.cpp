// Beast/Asio implementation of http::Server, one request: the head turned into a Request, the
// body read by its Content-Type, the handler run on its pool, the response written back.
#include "http/server_impl.hpp"

namespace examens::http {
namespace {

// A head Beast parsed but the server does not take: a target or a number of fields over the
// limits, or an HTTP/1.1 request without exactly one Host (RFC 9112 3.2), which a proxy in
// front of us could read as another request than we do.
std::optional<Early> refused_head(const bhttp::request<bhttp::empty_body>& head,
                                  const ServerLimits& limits) {
  if (head.target().size() > limits.max_target_bytes)
    return Early{error_text(414, "L'adresse demandée est trop longue."), true};
  std::size_t fields = 0;
  std::size_t hosts = 0;
  for (const auto& field : head) {
    ++fields;
    if (field.name() == bhttp::field::host) ++hosts;
  }
  if (fields > limits.max_header_fields)
    return Early{error_text(431, "La requête contient trop d'en-têtes."), true};
  if (hosts > 1 || (hosts == 0 && head.version() >= 11))
    return Early{error_text(400, "Requête HTTP invalide."), true};
  return std::nullopt;
}

}  // namespace

std::string response_head(const Response& res, unsigned version, bool keep_alive,
                          std::size_t body_size) {
  const auto line = [](std::string& out, std::string_view name, std::string_view value) {
    // Our handlers build every field; a line break in one would split the response.
    if (name.find_first_of("\r\n") != std::string_view::npos ||
        value.find_first_of("\r\n") != std::string_view::npos)
      throw std::logic_error("a response header with a line break");
    out.append(name).append(": ").append(value).append("\r\n");
  };
  std::string out;
  out.reserve(1024);
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(std::to_string(res.status));
  out.append(" ").append(bhttp::obsolete_reason(static_cast<bhttp::status>(res.status)));
  out.append("\r\n");
  bool date = false;
  for (const auto& [name, value] : res.headers) {
    if (server_owned_header(name)) continue;
    date = date || texte::iequals_ascii(name, "date");
    line(out, name, value);
  }
  for (const auto& cookie : res.cookies) line(out, "Set-Cookie", serialize_cookie(cookie));
  if (!date)
    line(out, "Date",
         http_date(std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count()));
  line(out, "Content-Length", std::to_string(body_size));
  if (version >= 11 && !keep_alive) line(out, "Connection", "close");
  if (version < 11 && keep_alive) line(out, "Connection", "keep-alive");
  out.append("\r\n");
  return out;
}

asio::awaitable<bool> Server::Impl::serve_one(Connection& conn, beast::flat_buffer& buffer,
                                              bhttp::request_parser<bhttp::empty_body>& parser,
                                              const std::string& peer) {
  auto started = Clock::now();
  const auto& head = parser.get();
  const unsigned version = head.version();
  const bool head_request = head.method() == bhttp::verb::head;
  bool keep_alive = head.keep_alive();
  const std::string method_name(to_sv(head.method_string()));

  Request req;
  req.method = to_method(head.method());
  req.target = std::string(to_sv(head.target()));
  detail::HeadFields fields;
  for (const auto& field : head)
    fields.emplace_back(to_sv(field.name_string()), to_sv(field.value()));
  detail::take_head_fields(req, fields, peer, trusted_proxies);

  UploadCleanup uploads;
  std::optional<Early> early;
  auto [log_path, path, query] = detail::parse_target(req.target);
  if (auto refused = refused_head(head, options.limits)) {
    early = std::move(refused);
  } else if (!head[bhttp::field::transfer_encoding].empty() && !parser.chunked()) {
    // RFC 9112 6.3: a request body whose last transfer coding is not chunked has no length
    // that can be known; reading on would take that body for the next request.
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

  const bool must_close = early && early->close;
  Response res = co_await answer(req, std::move(early), log_path);
  keep_alive = keep_alive && !must_close && !stopping;
  auto bytes = co_await write_response(conn, res, version, keep_alive, head_request);

  log_request(method_name, log_path, res.status, bytes, started, req.remote_address, peer);

  if (must_close) co_await linger(conn);
  co_return keep_alive;
}

// The early answer, a static file's, or the handler's; never an invalid response.
asio::awaitable<Response> Server::Impl::answer(Request& req, std::optional<Early> early,
                                               const std::string& log_path) {
  if (early) co_return std::move(early->response);
  std::optional<Response> res;
  if (options.non_blocking) {
    try {
      res = options.non_blocking(req);
    } catch (const std::exception& e) {
      log::error("handler_exception", {{"error", e.what()}, {"path", log_path}});
      res = internal_error_page();
    }
  }
  if (!res) res = co_await run_handler(req, log_path);
  if (auto reason = invalid_response_reason(*res)) {
    log::error("invalid_response", {{"reason", *reason}, {"path", log_path}});
    res = internal_error_page();
  }
  co_return std::move(*res);
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
  auto& runs_on = hashing ? hashing_pool : which == Pool::commits ? commits_pool : pool;
  co_return co_await detail::run_on(runs_on, [this, &req, &counter] {
    struct Release {
      std::atomic<std::size_t>& counter;
      ~Release() { counter.fetch_sub(1); }
    } release{counter};
    return invoke_handler(req);
  });
}

namespace {

Early too_large(const ServerLimits& limits, bool multipart) {
  if (!multipart)
    return Early{error_text(413, "Les données envoyées sont trop volumineuses."), true};
  return Early{error_text(413, "Les fichiers envoyés sont trop volumineux (" +
                                   std::to_string(limits.max_upload_body_bytes / (1024 * 1024)) +
                                   " Mo au plus en une fois)."),
               true};
}

// A body that could not be read: too large, malformed, or nobody left to answer (false).
std::variant<Early, bool> read_failure(const beast::error_code& ec, const ServerLimits& limits,
                                       bool multipart) {
  // buffer_overflow: a chunk's extensions or the trailer over kReadBufferBytes.
  if (ec == bhttp::error::body_limit || ec == bhttp::error::buffer_overflow)
    return too_large(limits, multipart);
  if (is_disconnect(ec)) return false;
  return Early{error_text(400, "Requête HTTP invalide."), true};
}

}  // namespace

asio::awaitable<std::variant<Early, bool>> Server::Impl::read_body(
    Connection& conn, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& parser,
    Request& req, UploadCleanup& uploads) {
  const ServerLimits& limits = options.limits;
  if (parser.is_done()) co_return true;  // no body

  const std::string type = media_type(req.header("content-type").value_or(""));
  const bool multipart = type == "multipart/form-data";
  const std::uint64_t limit = multipart ? limits.max_upload_body_bytes : limits.max_form_body_bytes;
  if (multipart && !co_await upload_accepted(req))
    co_return Early{error_text(415, "Cette adresse n'accepte pas l'envoi de fichiers."), true};
  auto declared = parser.content_length();
  if (declared && *declared > limit) co_return too_large(limits, multipart);
  std::optional<std::string> boundary;
  if (multipart) {
    boundary = multipart_boundary(req.header("content-type").value_or(""));
    if (!boundary) co_return Early{error_text(400, "Le formulaire envoyé est mal formé."), true};
  }

  if (auto expect = req.header("expect"); expect && texte::iequals_ascii(*expect, "100-continue")) {
    bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, parser.get().version()};
    conn.stream.expires_after(limits.read_timeout);
    auto [ec, n] = co_await bhttp::async_write(conn.stream, proceed, kAsTuple);
    if (ec) co_return false;
  }
  if (multipart) co_return co_await read_multipart(conn, buffer, parser, *boundary, req, uploads);

  bhttp::request_parser<bhttp::string_body> body_parser(std::move(parser));
  body_parser.body_limit(limit);
  conn.stream.expires_after(limits.read_timeout);
  auto [ec, n] = co_await bhttp::async_read(conn.stream, buffer, body_parser, kAsTuple);
  if (ec) co_return read_failure(ec, limits, false);
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

// The application's decision on an upload's head, on the worker pool: it looks the session up
// in the database, which the I/O thread must never wait for. A failure refuses.
asio::awaitable<bool> Server::Impl::upload_accepted(const Request& req) {
  if (!options.accepts_upload) co_return false;
  co_return co_await detail::run_on(pool, [this, &req] {
    try {
      return options.accepts_upload(req);
    } catch (const std::exception& e) {
      log::error("handler_exception", {{"error", e.what()}, {"path", loggable_path(req.target)}});
      return false;
    }
  });
}

// Streams a multipart body block by block into the multipart parser: files go to disk as
// they arrive, never whole in memory.
asio::awaitable<std::variant<Early, bool>> Server::Impl::read_multipart(
    Connection& conn, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& parser,
    const std::string& boundary, Request& req, UploadCleanup& uploads) {
  const ServerLimits& limits = options.limits;
  bhttp::request_parser<bhttp::buffer_body> body_parser(std::move(parser));
  body_parser.body_limit(limits.max_upload_body_bytes);
  MultipartLimits mp_limits;
  mp_limits.max_part_header_bytes = limits.max_part_header_bytes;
  mp_limits.max_field_bytes = limits.max_form_body_bytes;
  mp_limits.max_fields = limits.max_form_fields;
  mp_limits.max_files = limits.max_upload_files;
  mp_limits.max_body_bytes = limits.max_upload_body_bytes;
  MultipartParser multipart_parser(boundary, options.upload_dir, mp_limits);
  std::vector<char> chunk(kUploadChunkBytes);
  while (!body_parser.is_done()) {
    body_parser.get().body().data = chunk.data();
    body_parser.get().body().size = chunk.size();
    // An inactivity timeout: a large upload on a slow line may take longer than it in total.
    conn.stream.expires_after(limits.read_timeout);
    auto [ec, n] = co_await bhttp::async_read(conn.stream, buffer, body_parser, kAsTuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec) co_return read_failure(ec, limits, true);
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
  std::optional<bhttp::file_body::value_type> file;
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
    bhttp::response<bhttp::empty_body> msg;
    fill_header(msg, res, version, keep_alive);
    if (!body_forbidden(res.status)) msg.content_length(file ? file->size() : res.body.size());
    std::tie(ec, std::ignore) = co_await bhttp::async_write(conn.stream, msg, kAsTuple);
  } else if (file) {
    bhttp::response<bhttp::file_body> msg;
    fill_header(msg, res, version, keep_alive);
    body_bytes = file->size();
    msg.body() = std::move(*file);
    msg.prepare_payload();
    std::tie(ec, std::ignore) = co_await bhttp::async_write(conn.stream, msg, kAsTuple);
  } else {
    const std::string head = response_head(res, version, keep_alive, res.body.size());
    body_bytes = res.body.size();
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(res.body)};
    std::tie(ec, std::ignore) = co_await asio::async_write(conn.stream, buffers, kAsTuple);
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

}  // namespace examens::http
