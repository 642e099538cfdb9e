// Tests of the server core under load and abuse: the hashing pool keeps pages answering, the
// commits pool runs its waiting handlers side by side, responses come back without queueing,
// framing and uploads are refused early, connections are capped per address, the server's own
// answers carry the default headers, and the client address is read behind trusted proxies
// only.
#include <sys/resource.h>

#include "unit/http_server_fixture.hpp"

namespace examens::http {
namespace {

class WebServerHardening : public WebServer {
 protected:
  // Requests whose path starts with /hash go to the hashing pool.
  void route_hash_to_hashing_pool() {
    options_.pool_for = [](const Request& req) {
      return req.path.starts_with("/hash") ? Pool::hashing : Pool::general;
    };
  }
};

// Records events from several threads in the order they happen.
struct Events {
  std::mutex mutex;
  std::vector<std::string> seen;
  void add(std::string event) {
    std::lock_guard lock(mutex);
    seen.push_back(std::move(event));
  }
  std::size_t index_of(const std::string& event) {
    std::lock_guard lock(mutex);
    return static_cast<std::size_t>(std::find(seen.begin(), seen.end(), event) - seen.begin());
  }
};

TEST_F(WebServerHardening, a_page_answers_while_slow_handlers_queue_on_the_hashing_pool) {
  options_.worker_threads = 1;
  options_.hashing_threads = 1;
  route_hash_to_hashing_pool();
  Gate gate;
  Events events;
  start([&](Request& req) {
    if (req.path.starts_with("/hash")) {
      gate.pass();
      events.add("fin " + req.path);
    }
    return Response::text("ok", 200);
  });
  std::vector<std::future<Reply>> slow;
  for (const char* path : {"/hash1", "/hash2", "/hash3"})
    slow.push_back(std::async(std::launch::async, [&, path] {
      Client client;
      return client.perform(url(path));
    }));
  ASSERT_TRUE(gate.wait_entered(1));  // one runs, the others wait for the hashing thread

  auto page = std::async(std::launch::async, [&] {
    Client client;
    auto reply = client.perform(url("/accueil"));
    events.add("page");
    return reply;
  });
  // Only a guard against a hang: the slow handlers are let go once the page has answered
  // (or would have waited behind them forever).
  page.wait_for(10s);
  gate.release();
  EXPECT_EQ(page.get().status, 200);
  for (auto& s : slow) EXPECT_EQ(s.get().status, 200);
  EXPECT_LT(events.index_of("page"), events.index_of("fin /hash1"));
  EXPECT_LT(events.index_of("page"), events.index_of("fin /hash3"));
}

TEST_F(WebServerHardening, the_commits_pool_runs_more_handlers_at_once_than_the_general_one) {
  options_.worker_threads = 1;
  options_.commit_threads = 4;
  options_.pool_for = [](const Request& req) {
    return req.path.starts_with("/commit") ? Pool::commits : Pool::general;
  };
  Gate gate;
  start([&](Request& req) {
    if (req.path.starts_with("/commit")) gate.pass();
    return Response::text("ok", 200);
  });
  std::vector<std::future<Reply>> waiting;
  for (const char* path : {"/commit1", "/commit2", "/commit3", "/commit4"})
    waiting.push_back(std::async(std::launch::async, [&, path] {
      Client client;
      return client.perform(url(path));
    }));
  const bool all_in = gate.wait_entered(4);  // side by side, on the commits pool's threads
  Client client;
  const auto page = client.perform(url("/accueil"));  // the general pool's thread is free
  gate.release();
  EXPECT_TRUE(all_in);
  EXPECT_EQ(page.status, 200);
  for (auto& w : waiting) EXPECT_EQ(w.get().status, 200);
}

TEST_F(WebServerHardening, a_finished_response_is_written_before_the_handlers_queued_after_it) {
  options_.worker_threads = 1;
  Gate first;
  Gate second;
  std::mutex posted_mutex;
  std::condition_variable posted_cv;
  bool second_posted = false;
  Events events;
  // Called on the I/O thread right before /second is posted to the pool.
  options_.non_blocking = [&](Request& req) -> std::optional<Response> {
    if (req.path == "/second") {
      std::lock_guard lock(posted_mutex);
      second_posted = true;
      posted_cv.notify_all();
    }
    return std::nullopt;
  };
  start([&](Request& req) {
    if (req.path == "/first") first.pass();
    if (req.path == "/second") {
      second.pass();
      events.add("second ran");
    }
    return Response::text(req.path, 200);
  });
  auto first_reply = std::async(std::launch::async, [&] {
    Client client;
    auto reply = client.perform(url("/first"));
    events.add("first answered");
    return reply;
  });
  ASSERT_TRUE(first.wait_entered(1));
  auto second_reply = std::async(std::launch::async, [&] {
    Client client;
    return client.perform(url("/second"));
  });
  {
    std::unique_lock lock(posted_mutex);
    ASSERT_TRUE(posted_cv.wait_for(lock, 10s, [&] { return second_posted; }));
  }
  // /first finishes while /second waits for the one worker: /second then holds the worker
  // until released, and /first's response must not be queued behind it.
  first.release();
  first_reply.wait_for(10s);  // a guard against a hang only
  second.release();
  EXPECT_EQ(first_reply.get().body, "/first");
  EXPECT_EQ(second_reply.get().body, "/second");
  EXPECT_LT(events.index_of("first answered"), events.index_of("second ran"));
}

TEST_F(WebServerHardening, a_full_hashing_pool_answers_the_overload_page_and_pages_still_work) {
  options_.limits.max_hashing_in_flight = 1;
  route_hash_to_hashing_pool();
  options_.overloaded = [](Request& req, std::string message) {
    return Response::html("<h1>Surcharge</h1><p>" + message + "</p><p>" + req.path + "</p>", 503);
  };
  Gate gate;
  start([&](Request& req) {
    if (req.path == "/hash-bloque") gate.pass();
    return Response::text("ok", 200);
  });
  auto held = std::async(std::launch::async, [&] {
    Client client;
    return client.perform(url("/hash-bloque"));
  });
  ASSERT_TRUE(gate.wait_entered(1));
  Client client;
  auto refused = client.perform(url("/hash-autre"));
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find("Trop de connexions simultanées : réessayez dans quelques secondes."),
            std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("/hash-autre"), std::string::npos);
  EXPECT_EQ(refused.header("Retry-After"), "5");
  EXPECT_EQ(client.perform(url("/page")).status, 200);  // the general pool is not full
  gate.release();
  EXPECT_EQ(held.get().status, 200);
  EXPECT_EQ(client.perform(url("/hash-autre")).status, 200);
}

TEST_F(WebServerHardening, a_transfer_encoding_not_ending_in_chunked_is_a_400_and_closes) {
  start();
  for (const char* coding : {"gzip", "chunked, gzip"}) {
    RawClient raw(port_);
    ASSERT_TRUE(raw.connected());
    raw.send(std::string("POST /envoi HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") + coding +
             "\r\n\r\nGET /cachee HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string out =
        raw.read_until_closed(std::chrono::seconds(10));  // returns because the server closes
    EXPECT_TRUE(out.starts_with("HTTP/1.1 400 Bad Request\r\n")) << coding << ": " << out;
    EXPECT_EQ(count(out, "HTTP/1.1 "), 1u) << out;
    EXPECT_EQ(out.find("/cachee"), std::string::npos) << out;
  }
  EXPECT_TRUE(handler_threads_.empty());
}

TEST_F(WebServerHardening, multipart_on_a_route_without_uploads_is_a_415_before_any_byte) {
  std::vector<std::string> heads;
  options_.accepts_upload = [&](const Request& head) {
    heads.push_back(head.path + " " + std::string(head.cookie("sid").value_or("")) + " " +
                    std::to_string(head.form.size()));
    return false;
  };
  start();
  std::string content(512 * 1024, 'z');
  Client client;
  curl_mimepart* part = curl_mime_addpart(client.mime());
  curl_mime_name(part, "f");
  curl_mime_data(part, content.data(), content.size());
  curl_mime_filename(part, "piece.pdf");
  auto reply = client.perform(url("/connexion"), {"Cookie: sid=abc"});
  EXPECT_EQ(reply.status, 415);
  EXPECT_NE(reply.body.find("n'accepte pas l'envoi de fichiers"), std::string::npos);
  EXPECT_EQ(reply.header("Connection"), "close");
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0], "/connexion abc 0");
  EXPECT_TRUE(handler_threads_.empty());
  EXPECT_TRUE(fs::is_empty(options_.upload_dir));
}

TEST_F(WebServerHardening, connections_beyond_the_per_address_cap_are_closed_at_once) {
  options_.limits.max_connections_per_address = 2;
  start();
  auto first = std::make_unique<RawClient>(port_);
  RawClient second(port_);
  RawClient third(port_);
  third.send("GET /trop HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(third.read_until_closed(std::chrono::seconds(10)), "");  // closed without an answer
  second.send("GET /deuxieme HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(second.read_until_closed(std::chrono::seconds(10)).find("path=/deuxieme"),
            std::string::npos);

  first.reset();  // frees a place once the server has seen it go
  std::string out;
  for (int attempt = 0; attempt < 100 && out.empty(); ++attempt) {
    RawClient again(port_);
    again.send("GET /encore HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    out = again.read_until_closed(std::chrono::seconds(10));
    if (out.empty()) std::this_thread::sleep_for(20ms);
  }
  EXPECT_NE(out.find("path=/encore"), std::string::npos);
}

TEST_F(WebServerHardening, a_trusted_proxy_is_not_capped_per_address) {
  options_.limits.max_connections_per_address = 1;
  options_.trusted_proxies = {"127.0.0.1"};
  start();
  RawClient first(port_);
  RawClient second(port_);
  second.send("GET /derriere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(second.read_until_closed(std::chrono::seconds(10)).find("path=/derriere"),
            std::string::npos);
}

TEST_F(WebServerHardening, the_servers_own_answers_carry_the_default_headers) {
  options_.default_headers = {{"X-Frame-Options", "DENY"},
                              {"Content-Security-Policy", "default-src 'self'"}};
  options_.limits.max_hashing_in_flight = 0;
  route_hash_to_hashing_pool();
  start();
  auto check = [](const Reply& reply, long status) {
    EXPECT_EQ(reply.status, status);
    EXPECT_EQ(reply.header("X-Frame-Options"), "DENY") << status;
    EXPECT_EQ(reply.header("Content-Security-Policy"), "default-src 'self'") << status;
  };
  {
    Client client;
    check(client.perform(url("/"), {"X-Long: " + std::string(20 * 1024, 'h')}), 431);
  }
  {
    Client client;
    check(client.perform(url("/a%zz")), 400);
  }
  {
    Client client;
    std::string big = "a=" + std::string(100 * 1024, 'x');
    curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS, big.c_str());
    check(client.perform(url("/inscription")), 413);
  }
  {
    Client client;
    curl_mimepart* part = curl_mime_addpart(client.mime());
    curl_mime_name(part, "f");
    curl_mime_data(part, "x", 1);
    check(client.perform(url("/ailleurs")), 415);
  }
  {
    Client client;
    check(client.perform(url("/hash")), 503);
    check(client.perform(url("/boom")), 500);
  }
  RawClient raw(port_);
  raw.send("\x16\x03\x01\r\n\r\n");
  std::string out = raw.read_until_closed(std::chrono::seconds(10));
  EXPECT_TRUE(out.starts_with("HTTP/1.1 400")) << out;
  EXPECT_NE(out.find("X-Frame-Options: DENY\r\n"), std::string::npos) << out;
}

TEST_F(WebServerHardening, the_heads_own_limits_follow_the_options_and_close_the_connection) {
  options_.limits.max_target_bytes = 64;
  options_.limits.max_header_fields = 3;
  start();
  const auto answer = [this](const std::string& head) {
    RawClient raw(port_);
    raw.send(head + "\r\nGET /apres HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return raw.read_until_closed(std::chrono::seconds(10));
  };
  const std::string target = "/" + std::string(64, 'c');
  EXPECT_TRUE(answer("GET " + target + " HTTP/1.1\r\nHost: x\r\n").starts_with("HTTP/1.1 414"));
  EXPECT_TRUE(answer("GET " + target.substr(0, 64) + " HTTP/1.1\r\nHost: x\r\n")
                  .starts_with("HTTP/1.1 200"));
  EXPECT_TRUE(
      answer("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n").starts_with("HTTP/1.1 431"));
  EXPECT_TRUE(answer("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n").starts_with("HTTP/1.1 200"));
  // Refused heads end their connection: the pipelined request after them is never read.
  const auto without_host = answer("GET / HTTP/1.1\r\n");
  EXPECT_TRUE(without_host.starts_with("HTTP/1.1 400")) << without_host;
  EXPECT_EQ(count(without_host, "HTTP/1.1 "), 1u) << without_host;
}

TEST_F(WebServerHardening, x_forwarded_for_is_ignored_from_an_untrusted_peer) {
  start();
  Client client;
  auto reply = client.perform(url("/"), {"X-Forwarded-For: 203.0.113.7"});
  EXPECT_NE(reply.body.find("remote=127.0.0.1\n"), std::string::npos) << reply.body;
}

TEST_F(WebServerHardening, behind_a_trusted_proxy_the_client_is_the_rightmost_untrusted_address) {
  options_.trusted_proxies = {"127.0.0.1", " 10.0.0.2"};
  ::testing::internal::CaptureStderr();
  start();
  {
    Client client;
    // The leftmost entries come from the client itself: a spoof that must not win.
    auto reply = client.perform(url("/"), {"X-Forwarded-For: 6.6.6.6, 203.0.113.7"});
    EXPECT_NE(reply.body.find("remote=203.0.113.7\n"), std::string::npos) << reply.body;
    reply = client.perform(url("/"), {"X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.2"});
    EXPECT_NE(reply.body.find("remote=203.0.113.7\n"), std::string::npos) << reply.body;
    reply = client.perform(
        url("/"), {"X-Forwarded-For: 6.6.6.6", "X-Forwarded-For: 2001:DB8::0:1, 10.0.0.2"});
    EXPECT_NE(reply.body.find("remote=2001:db8::1\n"), std::string::npos) << reply.body;
    reply = client.perform(url("/"), {"X-Forwarded-For: ::ffff:203.0.113.9"});
    EXPECT_NE(reply.body.find("remote=203.0.113.9\n"), std::string::npos) << reply.body;
    reply = client.perform(url("/"), {"X-Forwarded-For: 6.6.6.6, n'importe quoi"});
    EXPECT_NE(reply.body.find("remote=127.0.0.1\n"), std::string::npos) << reply.body;
    reply = client.perform(url("/"));
    EXPECT_NE(reply.body.find("remote=127.0.0.1\n"), std::string::npos) << reply.body;
  }
  stop_server();
  std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("\"remote\":\"203.0.113.7\",\"peer\":\"127.0.0.1\""), std::string::npos)
      << log;
}

TEST_F(WebServerHardening, a_trusted_proxy_that_is_no_address_is_refused_at_construction) {
  options_.trusted_proxies = {"proxy.local"};
  EXPECT_THROW(Server(options_, [](Request&) { return Response::text("", 200); }),
               std::invalid_argument);
}

TEST(OpenFileLimit, the_soft_limit_is_raised_to_the_hard_limit) {
  rlimit lowered{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &lowered), 0);
  lowered.rlim_cur = 256;  // below any hard limit, as a service manager might start us
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
  const OpenFileLimit limit = raise_open_file_limit();
  EXPECT_EQ(limit.before, 256u);
  rlimit now{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &now), 0);
  EXPECT_EQ(limit.after, now.rlim_cur);
  EXPECT_EQ(limit.hard, now.rlim_max);
  if (now.rlim_max != RLIM_INFINITY) {
    EXPECT_EQ(now.rlim_cur, now.rlim_max);
  }
  EXPECT_GT(limit.after, limit.before);
}

}  // namespace
}  // namespace examens::http
