// Mustache templates: load, include partials, compile once per thread.
#include "templates/templates.hpp"

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace examens::templates {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read template " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string include_partials(const std::string& source,
                             const std::map<std::string, std::string, std::less<>>& raw,
                             int depth) {
  if (depth > 10) throw std::runtime_error("template partials nest too deeply");
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const auto open = source.find("{{>", pos);
    if (open == std::string::npos) break;
    const auto close = source.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = source.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto it = raw.find("partials/" + name);
    if (it == raw.end()) throw std::runtime_error("unknown partial " + name);
    out += source.substr(pos, open - pos);
    out += include_partials(it->second, raw, depth + 1);
    pos = close + 2;
  }
  out += source.substr(pos);
  return out;
}

std::atomic<std::uint64_t> next_generation{1};

constexpr std::string_view kPlainTextSuffix = "_texte";

}  // namespace

Templates::Templates(const std::filesystem::path& dir) : generation_(next_generation++) {
  std::map<std::string, std::string, std::less<>> raw;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    auto rel = std::filesystem::relative(entry.path(), dir);
    rel.replace_extension();
    raw[rel.generic_string()] = read_file(entry.path());
  }
  for (const auto& [name, source] : raw) {
    sources_[name] = include_partials(source, raw, 0);
    kainjow::mustache::mustache check(sources_[name]);
    if (!check.is_valid())
      throw std::runtime_error("template " + name + ": " + check.error_message());
  }
}

bool Templates::has(std::string_view name) const {
  return sources_.contains(name);
}

std::string Templates::render(std::string_view name, const Data& data) const {
  // kainjow's mustache keeps error state in the object: one compiled copy per thread.
  thread_local std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>> cache;
  const std::string key = std::to_string(generation_) + ":" + std::string(name);
  auto it = cache.find(key);
  if (it == cache.end()) {
    auto source = sources_.find(name);
    if (source == sources_.end()) throw std::runtime_error("unknown template " + std::string(name));
    it = cache.emplace(key, std::make_unique<kainjow::mustache::mustache>(source->second)).first;
    if (name.ends_with(kPlainTextSuffix))
      it->second->set_custom_escape([](const std::string& text) { return text; });
  }
  std::string out = it->second->render(data);
  if (!it->second->is_valid())
    throw std::runtime_error("template " + std::string(name) + ": " + it->second->error_message());
  return out;
}

}  // namespace examens::templates
