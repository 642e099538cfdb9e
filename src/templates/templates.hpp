// Mustache templates of pages and mails, loaded from templates/ and compiled once
// (templates/compiled.hpp). `{{>name}}` includes templates/partials/name.mustache at load
// time. Thread-safe: rendering only reads the compiled templates.
// A template whose name ends in "_texte" (a mail's text part) is plain text: its `{{x}}` are
// not HTML-escaped, so a name such as "O'Neil & Co" reads as typed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "templates/compiled.hpp"

namespace examens::templates {

class Templates {
 public:
  // Loads every *.mustache under `dir` (names relative, without extension: "compte/creer").
  explicit Templates(const std::filesystem::path& dir);

  // Renders template `name`; throws std::runtime_error on an unknown name or a
  // template error (a bug, caught by tests).
  std::string render(std::string_view name, const Data& data, const Extras& extras = {}) const;
  bool has(std::string_view name) const;
  // What `name` compiles, its partials included (the renderer's tests hold it against
  // kainjow's mustache).
  const std::string& source(std::string_view name) const;

 private:
  struct Template {
    std::string source;
    Compiled compiled;
    bool escape = true;
  };
  std::map<std::string, Template, std::less<>> templates_;
};

}  // namespace examens::templates
