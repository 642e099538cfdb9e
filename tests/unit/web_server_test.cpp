// Tests of the HTTP server core driven over loopback with libcurl: requests reach the handler
// as web::Request, limits answer 413/431/503, keep-alive, HEAD, errors and graceful stop.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "web/server.hpp"

namespace examens::web {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
} curl_global;

struct Reply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::vector<std::string> headers;  // raw header lines of the last response
  long new_connections = -1;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& line : headers) {
      auto colon = line.find(':');
      if (colon == std::string::npos || colon != name.size()) continue;
      bool same = std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      });
      if (!same) continue;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      return value;
    }
    return std::nullopt;
  }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<std::string>*>(user);
  std::string line(data, size * count);
  if (line.starts_with("HTTP/")) headers->clear();  // keep the final response's headers only
  headers->push_back(std::move(line));
  return size * count;
}

// One easy handle, reused across requests so that keep-alive can be observed.
class Client {
 public:
  Client() : curl_(curl_easy_init()) {}
  ~Client() {
    curl_easy_cleanup(curl_);
    if (mime_) curl_mime_free(mime_);
  }
  CURL* handle() { return curl_; }

  curl_mime* mime() {
    if (!mime_) mime_ = curl_mime_init(curl_);
    return mime_;
  }

  Reply perform(const std::string& url, std::vector<std::string> extra_headers = {}) {
    Reply reply;
    curl_slist* list = nullptr;
    for (const auto& h : extra_headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &reply.headers);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(curl_, CURLOPT_PATH_AS_IS, 1L);
    if (mime_) curl_easy_setopt(curl_, CURLOPT_MIMEPOST, mime_);
    reply.code = curl_easy_perform(curl_);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &reply.new_connections);
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(list);
    return reply;
  }

 private:
  CURL* curl_;
  curl_mime* mime_ = nullptr;
};

std::string describe(const Request& req) {
  std::string out = "method=" + std::to_string(static_cast<int>(req.method)) + "\n";
  out += "path=" + req.path + "\n";
  for (const auto& [k, v] : req.query) out += "query:" + k + "=" + v + "\n";
  for (const auto& [k, v] : req.form) out += "form:" + k + "=" + v + "\n";
  for (const auto& [k, v] : req.cookies) out += "cookie:" + k + "=" + v + "\n";
  for (const auto& f : req.files)
    out += "file:" + f.field + "=" + f.filename + " (" + std::to_string(f.size) + ")\n";
  if (!req.body.empty()) out += "body=" + req.body + "\n";
  out += "remote=" + req.remote_address + "\n";
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A bare TCP client for what curl will not send: pipelined or unfinished requests.
class RawClient {
 public:
  explicit RawClient(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{.tv_sec = 10, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  // Everything until the server closes (or the 10 s receive timeout).
  std::string read_all() {
    std::string out;
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

class WebServer : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "examens-server-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    options_.address = "127.0.0.1";
    options_.port = 0;
    options_.worker_threads = 2;
    options_.install_signal_handlers = false;
    options_.upload_dir = (dir_ / "uploads").string();
    options_.limits.max_form_body_bytes = 64 * 1024;
    options_.limits.max_upload_body_bytes = 1024 * 1024;
    options_.limits.max_upload_files = 2;
  }

  void TearDown() override {
    stop_server();
    fs::remove_all(dir_);
  }

  void start(Handler handler = {}) {
    if (!handler) handler = [this](Request& req) { return handle(req); };
    server_ = std::make_unique<Server>(options_, std::move(handler));
    port_ = server_->listen();
    runner_ = std::thread([this] {
      run_thread_ = std::this_thread::get_id();
      server_->run();
    });
  }

  void stop_server() {
    if (!server_) return;
    server_->stop();
    if (runner_.joinable()) runner_.join();
    server_.reset();
  }

  std::string url(std::string_view target) {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(target);
  }

  // The default handler: echoes what it received, plus a few special paths.
  Response handle(Request& req) {
    std::lock_guard lock(mutex_);
    handler_threads_.push_back(std::this_thread::get_id());
    if (req.path == "/boom") throw std::runtime_error("panne simulée");
    if (req.path == "/upload") {
      for (const auto& f : req.files) {
        seen_files_.push_back(f);
        seen_contents_.push_back(read_file(f.path));
      }
    }
    if (req.path == "/file") {
      Response res;
      res.set_header("Content-Type", "text/plain; charset=utf-8");
      res.file_path = (dir_ / "served.txt").string();
      return res;
    }
    Response res = Response::text(describe(req), 200);
    Cookie cookie;
    cookie.name = "sid";
    cookie.value = "xyz";
    res.cookies.push_back(cookie);
    return res;
  }

  fs::path dir_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  std::thread::id run_thread_;
  unsigned short port_ = 0;
  std::mutex mutex_;
  std::vector<std::thread::id> handler_threads_;
  std::vector<UploadedFile> seen_files_;
  std::vector<std::string> seen_contents_;
};

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
  std::string out = raw.read_all();
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
  std::string out = raw.read_all();  // returns because the server closes
  EXPECT_TRUE(out.starts_with("HTTP/1.0 200 OK\r\n")) << out;
}

TEST_F(WebServer, a_stalled_request_header_is_dropped_after_read_timeout) {
  options_.limits.read_timeout = 1s;
  start();
  RawClient raw(port_);
  raw.send("GET / HTTP/1.1\r\nHost: x\r\n");  // never finished
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(raw.read_all(), "");
  auto waited = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(waited, 800ms);
  EXPECT_LT(waited, 5s);
}

TEST_F(WebServer, garbage_instead_of_http_is_a_400) {
  start();
  RawClient raw(port_);
  raw.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15));
  std::string out = raw.read_all();
  EXPECT_TRUE(out.starts_with("HTTP/1.1 400 Bad Request\r\n")) << out;
}

TEST_F(WebServer, request_log_has_the_path_but_never_query_or_body) {
  testing::internal::CaptureStderr();
  start();
  {
    Client client;
    client.perform(url("/compte/activer?jeton=SECRET-JETON"));
    curl_easy_setopt(client.handle(), CURLOPT_POSTFIELDS, "mot_de_passe=SECRET-MDP");
    client.perform(url("/compte/connexion"));
  }
  stop_server();  // every log line is written before run() returns
  std::string log = testing::internal::GetCapturedStderr();
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
  auto reply = client.perform(url("/boom"));
  EXPECT_EQ(reply.status, 500);
  EXPECT_NE(reply.body.find("Erreur interne"), std::string::npos);
  EXPECT_EQ(reply.body.find("panne"), std::string::npos);  // no internals leak to the client
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

// A handler that blocks until released, to hold requests in flight.
struct Gate {
  std::mutex mutex;
  std::condition_variable cv;
  int entered = 0;
  bool open = false;

  void pass() {
    std::unique_lock lock(mutex);
    ++entered;
    cv.notify_all();
    cv.wait(lock, [&] { return open; });
  }
  bool wait_entered(int n) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, 10s, [&] { return entered >= n; });
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    cv.notify_all();
  }
};

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
}  // namespace examens::web
