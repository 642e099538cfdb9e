// The fixture of the server core's tests: a Server on an ephemeral loopback port with an
// echoing handler, a libcurl client, a raw socket client, and a gate to hold handlers.
#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
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

#include "http/server.hpp"
#include "support/raw_client.hpp"

namespace examens::http {
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

// What curl will not send: pipelined or unfinished requests.
using RawClient = examens::testing::RawConnection;

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
    options_.accepts_upload = [](const Request& head) { return head.path == "/upload"; };
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

}  // namespace
}  // namespace examens::http
