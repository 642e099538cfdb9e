// The build's manifest and files, loaded once when the portal starts.
#include "portail/assets.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace examens::portail {

namespace json = boost::json;

Assets::Assets(const std::filesystem::path& dir) {
  const auto manifest = dir / "manifest.json";
  std::ifstream in(manifest, std::ios::binary);
  if (!in)
    throw std::runtime_error("static files not built: " + manifest.string() +
                             " is missing (the build makes it: cmake --build build, or set "
                             "EXAMENS_ASSETS to the folder of a build)");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_object())
    throw std::runtime_error(manifest.string() + ": not a JSON object");
  for (const auto& [name, url] : parsed.as_object()) {
    if (!url.is_string())
      throw std::runtime_error(manifest.string() + ": " + std::string(name) + " is not a URL");
    by_name_.emplace(std::string(name), std::string(url.as_string()));
    urls_.set(std::string(name), std::string(url.as_string()));
  }
  files_ = http::StaticFiles::load(dir / "public", "/assets/");
}

const std::string& Assets::url(std::string_view name) const {
  const auto found = by_name_.find(name);
  if (found == by_name_.end()) throw std::out_of_range("no built file named " + std::string(name));
  return found->second;
}

}  // namespace examens::portail
