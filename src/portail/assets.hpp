// The files the build made for the pages (scripts/build-assets.mjs, then
// examens_precompress; docs/decisions/0009-static-assets.md): served from memory, and the
// URLs of the fingerprinted ones for the templates.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "http/static_files.hpp"
#include "templates/templates.hpp"

namespace examens::portail {

class Assets {
 public:
  // Reads `dir`/manifest.json ({"pages_css": "/assets/pages.<hash>.css", …}) and every file
  // under `dir`/public. Throws std::runtime_error, saying how to build them, when missing.
  explicit Assets(const std::filesystem::path& dir);

  const http::StaticFiles& files() const { return files_; }
  // The manifest for the layout: `{{assets.pages_css}}`.
  const templates::Data& urls() const { return urls_; }
  // The URL of a built file by its manifest name ("details_acquis_js"); throws
  // std::out_of_range for a name the build did not make (a bug the tests catch).
  const std::string& url(std::string_view name) const;

 private:
  http::StaticFiles files_;
  std::map<std::string, std::string, std::less<>> by_name_;
  templates::Data urls_;
};

}  // namespace examens::portail
