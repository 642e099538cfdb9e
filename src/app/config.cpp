// Configuration from the environment.
#include "app/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "domain/temps.hpp"

namespace examens::app {
namespace {

std::string env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

}  // namespace

Config Config::from_env() {
  Config c;
  const int port = std::stoi(env("EXAMENS_PORT", "8080"));
  if (port < 0 || port > 65535) throw std::invalid_argument("EXAMENS_PORT out of range");
  c.port = static_cast<unsigned short>(port);
  c.data_dir = env("EXAMENS_DATA_DIR", "var");
  c.db = env("EXAMENS_DB", (c.data_dir / "examens.db").string());
  c.mail = env("EXAMENS_MAIL", "file:" + (c.data_dir / "mail").string());
  c.base_url = env("EXAMENS_BASE_URL", "http://127.0.0.1:" + std::to_string(c.port));
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
  c.root = env("EXAMENS_ROOT", EXAMENS_SOURCE_DIR);
  c.mail_from = env("EXAMENS_MAIL_FROM", c.mail_from);
  c.workers = std::max(1, std::stoi(env("EXAMENS_WORKERS", "4")));
  c.hashing_threads = std::max(0, std::stoi(env("EXAMENS_HASHING_THREADS", "0")));
  c.session_idle = std::chrono::seconds(std::stoi(env("EXAMENS_SESSION_IDLE_SECONDS", "1800")));
  const long long per_address = std::stoll(env("EXAMENS_MAX_CONNECTIONS_PER_ADDRESS", "256"));
  if (per_address < 1) throw std::invalid_argument("EXAMENS_MAX_CONNECTIONS_PER_ADDRESS < 1");
  c.max_connections_per_address = static_cast<std::size_t>(per_address);
  c.trusted_proxies = split_list(env("EXAMENS_TRUSTED_PROXIES", ""));
  c.demo_now = env("EXAMENS_DEMO_NOW", "");
  if (!c.demo_now.empty() && !domain::parse_paris_local(c.demo_now).instant)
    throw std::invalid_argument("EXAMENS_DEMO_NOW: " + domain::parse_paris_local(c.demo_now).error);
  return c;
}

std::unique_ptr<domain::Clock> Config::clock() const {
  if (demo_now.empty()) return std::make_unique<domain::SystemClock>();
  return std::make_unique<domain::DemoClock>(*domain::parse_paris_local(demo_now).instant);
}

}  // namespace examens::app
