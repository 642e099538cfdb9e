// A template compiled once into a tree of merged text runs, line ends, variables and
// sections, rendered straight into one string against kainjow's data
// (docs/decisions/0020-template-renderer.md). It renders byte for byte what kainjow's
// mustache renders for the subset the portal uses — variables ({{x}}, {{{x}}}, {{&x}},
// {{a.b}}, {{.}}), sections and inverted sections, comments, and kainjow's rule of dropping a
// line that held a rendered section tag and nothing but blanks — at a fraction of its cost:
// kainjow walks one component per blank character through std::function callbacks.
// Partials are included before compiling (templates.cpp); lambdas and set-delimiter tags are
// refused when compiling, as the portal has none.
#pragma once

#include <kainjow/mustache.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace examens::templates {

using Data = kainjow::mustache::data;

// What a rendering reads besides its data, never copied into it: `globals`, an outermost
// context (the asset URLs every page links to), and `slot`, a value already rendered (the
// page inside the layout) printed where the template names it.
struct Slot {
  std::string_view name;
  std::string_view value;
};
struct Extras {
  const Data* globals = nullptr;
  const Slot* slot = nullptr;
};

// Appends `value` escaped as the templates escape a {{variable}}: & < > " '.
void append_html_escaped(std::string& out, std::string_view value);

class Compiled {
 public:
  // Throws std::runtime_error naming the problem and its offset: an unclosed tag or
  // section, a section closed under another name, a partial, lambda or delimiter change.
  explicit Compiled(std::string_view source);
  ~Compiled();
  Compiled(Compiled&&) noexcept;
  Compiled& operator=(Compiled&&) noexcept;

  // `escape`: false for plain text (a mail's text part), where values read as typed.
  std::string render(const Data& data, bool escape, const Extras& extras = {}) const;

  struct Node;

 private:
  std::vector<Node> nodes_;
};

}  // namespace examens::templates
