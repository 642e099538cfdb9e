// Mustache templates of pages and mails, loaded from templates/ and compiled once.
// `{{>name}}` includes templates/partials/name.mustache at load time.
// Thread-safe: rendering uses a per-thread copy of each compiled template.
// A template whose name ends in "_texte" (a mail's text part) is plain text: its `{{x}}` are
// not HTML-escaped, so a name such as "O'Neil & Co" reads as typed.
#pragma once

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace examens::templates {

using Data = kainjow::mustache::data;

class Templates {
 public:
  // Loads every *.mustache under `dir` (names relative, without extension: "compte/creer").
  explicit Templates(const std::filesystem::path& dir);

  // Renders template `name`; throws std::runtime_error on an unknown name or a
  // template error (a bug, caught by tests).
  std::string render(std::string_view name, const Data& data) const;
  bool has(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> sources_;  // after partial inclusion
  std::uint64_t generation_;  // distinguishes instances in the per-thread caches
};

}  // namespace examens::templates
