// Mustache templates: load, include partials, compile once.
#include "templates/templates.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

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

constexpr std::string_view kPlainTextSuffix = "_texte";

}  // namespace

Templates::Templates(const std::filesystem::path& dir) {
  std::map<std::string, std::string, std::less<>> raw;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    auto rel = std::filesystem::relative(entry.path(), dir);
    rel.replace_extension();
    raw[rel.generic_string()] = read_file(entry.path());
  }
  for (const auto& [name, source] : raw) {
    try {
      std::string complete = include_partials(source, raw, 0);
      Compiled compiled(complete);
      templates_.emplace(name, Template{std::move(complete), std::move(compiled),
                                        !name.ends_with(kPlainTextSuffix)});
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("template " + name + ": " + e.what());
    }
  }
}

bool Templates::has(std::string_view name) const {
  return templates_.contains(name);
}

const std::string& Templates::source(std::string_view name) const {
  const auto found = templates_.find(name);
  if (found == templates_.end()) throw std::runtime_error("unknown template " + std::string(name));
  return found->second.source;
}

std::string Templates::render(std::string_view name, const Data& data, const Extras& extras) const {
  const auto found = templates_.find(name);
  if (found == templates_.end()) throw std::runtime_error("unknown template " + std::string(name));
  return found->second.compiled.render(data, found->second.escape, extras);
}

}  // namespace examens::templates
