// Configuration from the environment.
#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "domain/temps.hpp"
#include "store/database.hpp"
#include "texte/texte.hpp"

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
    const auto item = texte::trim(std::string_view(text).substr(start, comma - start), " \t");
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

// A whole number in [min, max]; anything else ("abc", "3x", out of range) stops the start
// with the variable's name, rather than std::stoi's bare "stoi" or a silent clamp.
long long integer(const char* name, long long fallback, long long min, long long max) {
  const char* value = std::getenv(name);
  if (!value || !*value) return fallback;
  const std::string_view text(value);
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < min || n > max)
    throw std::invalid_argument(std::string(name) + " : nombre entier entre " +
                                std::to_string(min) + " et " + std::to_string(max) +
                                " attendu, reçu « " + value + " »");
  return n;
}

}  // namespace

Config Config::from_env() {
  Config c;
  c.port = static_cast<unsigned short>(integer("EXAMENS_PORT", 8080, 0, 65535));
  c.data_dir = env("EXAMENS_DATA_DIR", "var");
  c.db = env("EXAMENS_DB", (c.data_dir / "examens.db").string());
  c.mail = env("EXAMENS_MAIL", "file:" + (c.data_dir / "mail").string());
  c.base_url = env("EXAMENS_BASE_URL", "http://127.0.0.1:" + std::to_string(c.port));
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
  c.root = env("EXAMENS_ROOT", EXAMENS_SOURCE_DIR);
  c.assets = env("EXAMENS_ASSETS", EXAMENS_ASSETS_DIR);
  c.mail_from = env("EXAMENS_MAIL_FROM", c.mail_from);
  c.workers = static_cast<int>(integer("EXAMENS_WORKERS", 4, 1, 1024));
  c.hashing_threads = static_cast<int>(integer("EXAMENS_HASHING_THREADS", 0, 0, 1024));
  c.commit_threads = static_cast<int>(integer("EXAMENS_COMMIT_THREADS", 16, 1, 1024));
  c.session_idle = std::chrono::seconds(integer("EXAMENS_SESSION_IDLE_SECONDS", 1800, 60, 86400));
  c.max_connections_per_address =
      static_cast<std::size_t>(integer("EXAMENS_MAX_CONNECTIONS_PER_ADDRESS", 256, 1, 1'000'000));
  c.trusted_proxies = split_list(env("EXAMENS_TRUSTED_PROXIES", ""));
  c.demo_now = env("EXAMENS_DEMO_NOW", "");
  c.clamd = env("EXAMENS_CLAMD", "");
  if (!c.demo_now.empty() && !domain::parse_paris_local(c.demo_now).instant)
    throw std::invalid_argument("EXAMENS_DEMO_NOW: " + domain::parse_paris_local(c.demo_now).error);
  return c;
}

int Config::commit_pool_threads() const {
  return store::backend_of(db) == store::Backend::sqlite ? commit_threads : 1;
}

std::unique_ptr<domain::Clock> Config::clock() const {
  if (demo_now.empty()) return std::make_unique<domain::SystemClock>();
  return std::make_unique<domain::DemoClock>(*domain::parse_paris_local(demo_now).instant);
}

}  // namespace examens::app
