// Tests of the HTTP server core driven over loopback with libcurl: requests reach the handler
// as http::Request, limits answer 413/431/503, keep-alive, HEAD, errors and graceful stop.
#include "unit/http_server_fixture.hpp"

namespace examens::http {
namespace {

TEST_F(WebServer, get_reaches_the_handler_with_decoded_path_query_and_cookies) {
  start();
  Client client;
  auto reply = client.perform(url("/compte/caf%C3%A9?x=1&y=a+b&z=%C3%A9"),
                              {"Cookie: session=abc; theme=sombre"});
  ASSERT_EQ(reply.code, CURLE_OK);
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("path=/compte/café\n"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("query:x=1\nquery:y=a b\nquery:z=é\n"), std::string::npos);
  EXPECT_NE(reply.body.find("cookie:session=abc\n"), std::string::npos);
  EXPECT_NE(reply.body.find("cookie:theme=sombre\n"), std::string::npos);
  EXPECT_NE(reply.body.find("remote=127.0.0.1\n"), std::string::npos);
  EXPECT_EQ(reply.header("Set-Cookie"), "sid=xyz; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_TRUE(reply.header("Date"));
  EXPECT_EQ(reply.header("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(WebServer, handlers_run_on_the_worker_pool_not_the_io_thread) {
  start();
  Client client;
  ASSERT_EQ(client.perform(url("/")).status, 200);
  ASSERT_EQ(handler_threads_.size(), 1u);
  EXPECT_NE(handler_threads_[0], run_thread_);
}

TEST_F(WebServer, non_blocking_requests_are_answered_on_the_io_thread) {
  std::vector<std::thread::id> quick_threads;
  options_.non_blocking = [&](Request& req) -> std::optional<Response> {
    if (req.path != "/rapide") return std::nullopt;
    quick_threads.push_back(std::this_thread::get_id());
    return Response::text("vite", 200);
  };
  start();
  Client client;
  auto quick = client.perform(url("/rapide"));
  EXPECT_EQ(quick.body, "vite");
  ASSERT_EQ(quick_threads.size(), 1u);
  EXPECT_EQ(quick_threads[0], run_thread_);
  EXPECT_TRUE(handler_threads_.empty());
  EXPECT_EQ(client.perform(url("/autre")).status, 200);  // not answered: goes to the pool
  EXPECT_EQ(handler_threads_.size(), 1u);
}

TEST_F(WebServer, post_urlencoded_fills_the_form) {
  start();
  Client client;
  curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS,
                   "nom=Dupont&prenom=Jos%C3%A9+Maria&epreuve=1&epreuve=2");
  auto reply = client.perform(url("/inscription"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("form:nom=Dupont\nform:prenom=José Maria\nform:epreuve=1\n"
                            "form:epreuve=2\n"),
            std::string::npos)
      << reply.body;
}

TEST_F(WebServer, malformed_urlencoded_body_is_a_400_in_french) {
  start();
  Client client;
  curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS, "nom=%zz");
  auto reply = client.perform(url("/inscription"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("formulaire"), std::string::npos) << reply.body;
}

TEST_F(WebServer, other_bodies_arrive_raw) {
  start();
  Client client;
  curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS, "{\"a\":1}");
  auto reply = client.perform(url("/api"), {"Content-Type: application/json"});
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("body={\"a\":1}\n"), std::string::npos) << reply.body;
}

TEST_F(WebServer, invalid_path_encoding_or_nul_is_a_400) {
  start();
  Client client;
  EXPECT_EQ(client.perform(url("/a%zz")).status, 400);
  EXPECT_EQ(client.perform(url("/a%00b")).status, 400);
  EXPECT_EQ(client.perform(url("/a?x=%G0")).status, 400);
}

TEST_F(WebServer, multipart_upload_reaches_the_handler_on_disk_and_is_removed_after) {
  start();
  std::string content;
  for (int i = 0; i < 300 * 1024; ++i) content.push_back(static_cast<char>((i * 31) % 256));
  Client client;
  curl_mimepart* part = curl_mime_addpart(client.mime());
  curl_mime_name(part, "titre");
  curl_mime_data(part, "Relevé", CURL_ZERO_TERMINATED);
  part = curl_mime_addpart(client.mime());
  curl_mime_name(part, "justificatif");
  curl_mime_data(part, content.data(), content.size());
  curl_mime_filename(part, "relevé de notes.pdf");
  curl_mime_type(part, "application/pdf");
  auto reply = client.perform(url("/upload"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("form:titre=Relevé\n"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("file:justificatif=relevé de notes.pdf (307200)\n"), std::string::npos)
      << reply.body;
  ASSERT_EQ(seen_files_.size(), 1u);
  EXPECT_EQ(seen_contents_[0], content);
  EXPECT_EQ(seen_files_[0].content_type, "application/pdf");
  EXPECT_EQ(fs::path(seen_files_[0].path).parent_path(), fs::path(options_.upload_dir));
  // Removal happens right after the response is written: allow the server a moment.
  for (int i = 0; i < 100 && fs::exists(seen_files_[0].path); ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(fs::exists(seen_files_[0].path));
}

TEST_F(WebServer, oversize_urlencoded_body_is_a_413) {
  start();
  Client client;
  std::string big = "a=" + std::string(100 * 1024, 'x');
  curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS, big.c_str());
  auto reply = client.perform(url("/inscription"));
  EXPECT_EQ(reply.status, 413);
}

// A length no body parser may reserve (found by fuzz_http_request): refused on the head.
TEST_F(WebServer, an_absurd_content_length_is_a_413_before_any_body_byte) {
  start();
  RawClient raw(port_);
  ASSERT_TRUE(raw.connected());
  raw.send(
      "POST /inscription HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 000000000000000000000000000000000000000000000002049638230412172400\r\n"
      "\r\na=1");
  const std::string out = raw.read_until_closed(std::chrono::seconds(10));
  EXPECT_TRUE(out.starts_with("HTTP/1.1 413 ")) << out;
  EXPECT_TRUE(handler_threads_.empty());
}

TEST_F(WebServer, oversize_upload_is_a_413_with_or_without_expect_continue) {
  start();
  std::string content(2 * 1024 * 1024, 'x');
  for (bool expect : {true, false}) {
    Client client;
    curl_mimepart* part = curl_mime_addpart(client.mime());
    curl_mime_name(part, "f");
    curl_mime_data(part, content.data(), content.size());
    curl_mime_filename(part, "gros.pdf");
    std::vector<std::string> headers;
    headers.push_back(expect ? "Expect: 100-continue" : "Expect:");
    auto reply = client.perform(url("/upload"), headers);
    EXPECT_EQ(reply.status, 413) << "expect=" << expect << " curl=" << reply.code;
    EXPECT_NE(reply.body.find("volumineux"), std::string::npos) << reply.body;
  }
  EXPECT_TRUE(seen_files_.empty());
  EXPECT_TRUE(fs::is_empty(options_.upload_dir));
}

TEST_F(WebServer, oversize_chunked_upload_is_a_413_and_leaves_no_file) {
  start();
  Client client;
  std::string content(2 * 1024 * 1024, 'y');
  curl_mimepart* part = curl_mime_addpart(client.mime());
  curl_mime_name(part, "f");
  curl_mime_data(part, content.data(), content.size());
  curl_mime_filename(part, "gros.pdf");
  auto reply = client.perform(url("/upload"), {"Transfer-Encoding: chunked", "Expect:"});
  EXPECT_EQ(reply.status, 413) << curl_easy_strerror(reply.code);
  for (int i = 0; i < 100 && !fs::is_empty(options_.upload_dir); ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(fs::is_empty(options_.upload_dir));
}

TEST_F(WebServer, too_many_files_is_a_413) {
  start();
  Client client;
  for (int i = 0; i < 3; ++i) {
    curl_mimepart* part = curl_mime_addpart(client.mime());
    curl_mime_name(part, "f");
    curl_mime_data(part, "x", 1);
    curl_mime_filename(part, ("f" + std::to_string(i) + ".pdf").c_str());
  }
  auto reply = client.perform(url("/upload"));
  EXPECT_EQ(reply.status, 413);
  EXPECT_TRUE(seen_files_.empty());
}

TEST_F(WebServer, oversize_headers_are_a_431) {
  start();
  Client client;
  auto reply = client.perform(url("/"), {"X-Long: " + std::string(20 * 1024, 'h')});
  EXPECT_EQ(reply.status, 431);
}

TEST_F(WebServer, keep_alive_reuses_the_connection) {
  start();
  Client client;
  auto first = client.perform(url("/un"));
  auto second = client.perform(url("/deux"));
  auto third = client.perform(url("/boom"));  // an error answer keeps the connection too
  auto fourth = client.perform(url("/trois"));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.new_connections, 1);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.new_connections, 0);
  EXPECT_EQ(third.status, 500);
  EXPECT_EQ(fourth.new_connections, 0);
}

TEST_F(WebServer, head_sends_headers_without_body) {
  start();
  Client client;
  auto get = client.perform(url("/page"));
  curl_easy_setopt(client.handle(), CURLOPT_NOBODY, 1L);
  auto head = client.perform(url("/page"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.new_connections, 0);  // the connection survived the bodiless answer
}

TEST_F(WebServer, file_responses_are_streamed_with_their_length) {
  std::string content(200 * 1024, 'f');
  std::ofstream(dir_ / "served.txt", std::ios::binary) << content;
  start();
  Client client;
  auto get = client.perform(url("/file"));
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.body, content);
  EXPECT_EQ(get.header("Content-Length"), std::to_string(content.size()));
  curl_easy_setopt(client.handle(), CURLOPT_NOBODY, 1L);
  auto head = client.perform(url("/file"));
  EXPECT_EQ(head.header("Content-Length"), std::to_string(content.size()));
  EXPECT_TRUE(head.body.empty());
}

TEST_F(WebServer, pipelined_requests_are_answered_in_order) {
  start();
  RawClient raw(port_);
  ASSERT_TRUE(raw.connected());
  raw.send(
      "GET /premier HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /second HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 3\r\n\r\na=1"
      "GET /dernier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string out = raw.read_until_closed(std::chrono::seconds(10));
  EXPECT_EQ(count(out, "HTTP/1.1 200 OK"), 3u) << out;
  auto first = out.find("path=/premier");
  auto second = out.find("form:a=1");
  auto third = out.find("path=/dernier");
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

TEST_F(WebServer, http_1_0_without_keep_alive_is_closed_after_the_answer) {
  start();
  RawClient raw(port_);
  raw.send("GET /ancien HTTP/1.0\r\n\r\n");
  std::string out =
      raw.read_until_closed(std::chrono::seconds(10));  // returns because the server closes
  EXPECT_TRUE(out.starts_with("HTTP/1.0 200 OK\r\n")) << out;
}

TEST_F(WebServer, a_stalled_request_header_is_dropped_after_read_timeout) {
  options_.limits.read_timeout = 1s;
  start();
  RawClient raw(port_);
  raw.send("GET / HTTP/1.1\r\nHost: x\r\n");  // never finished
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(raw.read_until_closed(std::chrono::seconds(10)), "");
  auto waited = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(waited, 800ms);
  EXPECT_LT(waited, 5s);
}

TEST_F(WebServer, garbage_instead_of_http_is_a_400) {
  start();
  RawClient raw(port_);
  raw.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15));
  std::string out = raw.read_until_closed(std::chrono::seconds(10));
  EXPECT_TRUE(out.starts_with("HTTP/1.1 400 Bad Request\r\n")) << out;
}

TEST_F(WebServer, request_log_has_the_path_but_never_query_or_body) {
  ::testing::internal::CaptureStderr();
  start();
  {
    Client client;
    client.perform(url("/compte/activer?jeton=SECRET-JETON"));
    curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS, "mot_de_passe=SECRET-MDP");
    client.perform(url("/compte/connexion"));
  }
  stop_server();  // every log line is written before run() returns
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("\"method\":\"GET\",\"path\":\"/compte/activer\",\"status\":200"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("\"path\":\"/compte/connexion\""), std::string::npos);
  EXPECT_NE(log.find("\"remote\":\"127.0.0.1\""), std::string::npos);
  EXPECT_EQ(log.find("SECRET"), std::string::npos) << log;
}

TEST_F(WebServer, handler_exception_is_a_generic_500) {
  start();
  Client client;
  ::testing::internal::CaptureStderr();
  auto reply = client.perform(url("/boom?jeton=SECRET"));
  stop_server();  // every log line is written before run() returns
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(reply.status, 500);
  EXPECT_NE(reply.body.find("Erreur interne"), std::string::npos);
  EXPECT_EQ(reply.body.find("panne"), std::string::npos);  // no internals leak to the client
  // The internals go to the log instead, without the query.
  EXPECT_NE(log.find(R"("level":"error","event":"handler_exception","error":"panne simulée",)"
                     R"("path":"/boom"})"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find(R"("level":"info","event":"request","method":"GET","path":"/boom",)"
                     R"("status":500,)"),
            std::string::npos)
      << log;
}

TEST_F(WebServer, response_splitting_by_a_handler_is_a_500) {
  start([](Request&) {
    Response res = Response::text("x", 200);
    res.set_header("Location", "/a\r\nSet-Cookie: pris=1");
    return res;
  });
  Client client;
  auto reply = client.perform(url("/"));
  EXPECT_EQ(reply.status, 500);
  EXPECT_FALSE(reply.header("Set-Cookie"));
}

TEST_F(WebServer, beyond_max_in_flight_answers_503_with_retry_after) {
  options_.limits.max_in_flight = 1;
  Gate gate;
  start([&](Request& req) {
    if (req.path == "/bloque") gate.pass();
    return Response::text("ok", 200);
  });
  auto blocked = std::async(std::launch::async, [&] {
    Client client;
    return client.perform(url("/bloque"));
  });
  ASSERT_TRUE(gate.wait_entered(1));
  Client client;
  auto reply = client.perform(url("/autre"));
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(reply.header("Retry-After"), "5");
  gate.release();
  EXPECT_EQ(blocked.get().status, 200);
  EXPECT_EQ(client.perform(url("/autre")).status, 200);
}

TEST_F(WebServer, stop_lets_a_slow_request_finish_then_run_returns) {
  Gate gate;
  start([&](Request& req) {
    if (req.path == "/lent") {
      gate.pass();
      std::this_thread::sleep_for(300ms);
    }
    return Response::text("fini", 200);
  });
  auto slow = std::async(std::launch::async, [&] {
    Client client;
    return client.perform(url("/lent"));
  });
  ASSERT_TRUE(gate.wait_entered(1));
  gate.release();
  server_->stop();
  runner_.join();
  auto reply = slow.get();
  EXPECT_EQ(reply.code, CURLE_OK);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "fini");
  EXPECT_EQ(reply.header("Connection"), "close");
  Client late;
  EXPECT_NE(late.perform(url("/")).code, CURLE_OK);  // no longer accepting
}

TEST_F(WebServer, stop_closes_idle_keep_alive_connections_at_once) {
  options_.limits.keep_alive_idle = 60s;
  start();
  Client client;
  ASSERT_EQ(client.perform(url("/")).status, 200);  // the connection stays open, idle
  auto begin = std::chrono::steady_clock::now();
  server_->stop();
  runner_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

TEST_F(WebServer, stop_before_run_returns_at_once) {
  server_ = std::make_unique<Server>(options_, [](Request&) { return Response::text("", 200); });
  server_->listen();
  server_->stop();
  auto begin = std::chrono::steady_clock::now();
  server_->run();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
  server_.reset();
}

TEST_F(WebServer, several_io_threads_serve_concurrent_clients) {
  options_.io_threads = 2;
  options_.worker_threads = 4;
  start();
  std::vector<std::future<int>> results;
  for (int c = 0; c < 8; ++c)
    results.push_back(std::async(std::launch::async, [&, c] {
      Client client;
      int ok = 0;
      for (int i = 0; i < 20; ++i)
        ok +=
            client.perform(url("/c" + std::to_string(c) + "?i=" + std::to_string(i))).status == 200;
      return ok;
    }));
  for (auto& r : results) EXPECT_EQ(r.get(), 20);
}

}  // namespace
}  // namespace examens::http
