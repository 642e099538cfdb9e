// Compiling and rendering a template as kainjow's mustache does, without its per-character
// components and callbacks.
#include "templates/compiled.hpp"

#include <cctype>
#include <stdexcept>

namespace examens::templates {

struct Compiled::Node {
  enum class Kind { text, newline, variable, raw_variable, section, inverted };
  Kind kind = Kind::text;
  std::string text;                // text, newline: as written; tags: the name
  std::vector<std::string> parts;  // a tag's name split at its dots; empty for "."
  std::vector<Node> children;      // a section's
};

namespace {

using Node = Compiled::Node;

[[noreturn]] void fail(const std::string& what, std::size_t at) {
  throw std::runtime_error(what + " at " + std::to_string(at));
}

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_name(const std::string& name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = name.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(name.substr(start, dot - start));
  parts.push_back(name.substr(start));
  return parts;
}

Node tag_node(Node::Kind kind, std::string name) {
  Node n;
  n.kind = kind;
  n.parts = split_name(name);
  n.text = std::move(name);
  return n;
}

// The parser keeps kainjow's reading of tags (delimiters, trimming, the triple brace) and its
// line ends; the characters between them, blanks included, become one text run.
class Parser {
 public:
  explicit Parser(std::string_view in) : in_(in) {}

  std::vector<Node> parse() {
    std::vector<Node> root;
    open_.push_back({&root, "", 0});
    std::string text;
    const auto flush = [&] {
      if (text.empty()) return;
      Node n;
      n.text = std::move(text);
      open_.back().nodes->push_back(std::move(n));
      text.clear();
    };
    for (std::size_t pos = 0; pos < in_.size();) {
      if (in_.compare(pos, 2, "{{") == 0) {
        flush();
        pos = tag(pos);
        continue;
      }
      const std::size_t nl = in_.compare(pos, 2, "\r\n") == 0         ? 2
                             : (in_[pos] == '\n' || in_[pos] == '\r') ? 1
                                                                      : 0;
      if (nl) {
        flush();
        Node n;
        n.kind = Node::Kind::newline;
        n.text = std::string(in_.substr(pos, nl));
        open_.back().nodes->push_back(std::move(n));
        pos += nl;
      } else {
        text += in_[pos++];
      }
    }
    flush();
    if (open_.size() > 1) fail("Unclosed section \"" + open_.back().name + "\"", open_.back().at);
    return root;
  }

 private:
  struct Open {
    std::vector<Node>* nodes;
    std::string name;
    std::size_t at;
  };

  // Reads the tag at `start`; returns where the text goes on.
  std::size_t tag(std::size_t start) {
    std::size_t contents = start + 2;
    const bool triple = start != in_.size() - 2 && in_[contents] == '{';
    if (triple) ++contents;
    const std::string_view close = triple ? "}}}" : "}}";
    const std::size_t end = in_.find(close, contents);
    if (end == std::string_view::npos) fail("Unclosed tag", start);
    const std::string body = trim(in_.substr(contents, end - contents));
    const std::size_t next = end + close.size();
    if (triple) return add(tag_node(Node::Kind::raw_variable, body)), next;
    if (body.empty()) return add(tag_node(Node::Kind::variable, body)), next;
    const char sigil = body[0];
    const std::string name = trim(std::string_view(body).substr(1));
    switch (sigil) {
      case '!': break;
      case '&': add(tag_node(Node::Kind::raw_variable, name)); break;
      case '#':
      case '^': {
        add(tag_node(sigil == '#' ? Node::Kind::section : Node::Kind::inverted, name));
        open_.push_back({&open_.back().nodes->back().children, name, start});
        break;
      }
      case '/':
        if (open_.size() == 1) fail("Unopened section \"" + name + "\"", start);
        if (open_.back().name != name)
          fail("Unclosed section \"" + open_.back().name + "\"", open_.back().at);
        open_.pop_back();
        break;
      case '>': fail("Partial \"" + name + "\" left to render time", start);
      case '=': fail("Delimiter change", start);
      default: add(tag_node(Node::Kind::variable, body));
    }
    return next;
  }

  void add(Node n) { open_.back().nodes->push_back(std::move(n)); }

  std::string_view in_;
  std::vector<Open> open_;
};

class Renderer {
 public:
  Renderer(std::string& out, bool escape, const Slot* slot)
      : out_(out), escape_(escape), slot_(slot) {}

  void render(const std::vector<Node>& nodes, const Data& data, const Data* globals) {
    if (globals) stack_.push_back(globals);
    stack_.push_back(&data);
    walk(nodes);
    end_line(nullptr);
  }

 private:
  // kainjow's rule: a line that held a rendered section tag and is blank is dropped whole.
  void end_line(const std::string* newline) {
    bool blank = flag_;
    for (std::size_t i = line_start_; blank && i < out_.size(); ++i)
      blank = out_[i] == ' ' || out_[i] == '\t';
    if (blank)
      out_.resize(line_start_);
    else if (newline)
      out_ += *newline;
    line_start_ = out_.size();
    flag_ = false;
  }

  const Data* lookup(const Node& n) const {
    if (n.parts.empty()) return stack_.back();
    for (auto item = stack_.rbegin(); item != stack_.rend(); ++item) {
      const Data* found = *item;
      for (const auto& part : n.parts)
        if (!(found = found->get(part))) break;
      if (found) return found;
    }
    return nullptr;
  }

  static void refuse_lambda(const Data* var, const Node& n) {
    if (var && (var->is_lambda() || var->is_lambda2()))
      throw std::runtime_error("lambda \"" + n.text + "\": not supported");
  }

  void section(const Node& n, const Data* var) {
    if (var && var->is_non_empty_list()) {
      for (const auto& item : var->list_value()) {
        flag_ = true;
        stack_.push_back(&item);
        walk(n.children);
        stack_.pop_back();
        flag_ = true;
      }
      return;
    }
    flag_ = true;
    if (var) stack_.push_back(var);
    walk(n.children);
    if (var) stack_.pop_back();
    flag_ = true;
  }

  void walk(const std::vector<Node>& nodes) {
    for (const auto& n : nodes) {
      switch (n.kind) {
        case Node::Kind::text: out_ += n.text; break;
        case Node::Kind::newline: end_line(&n.text); break;
        case Node::Kind::variable:
        case Node::Kind::raw_variable: {
          if (slot_ && n.text == slot_->name) {
            out_ += slot_->value;
            break;
          }
          const Data* var = lookup(n);
          refuse_lambda(var, n);
          if (!var || !var->is_string()) break;
          if (escape_ && n.kind == Node::Kind::variable)
            append_html_escaped(out_, var->string_value());
          else
            out_ += var->string_value();
          break;
        }
        case Node::Kind::section: {
          const Data* var = lookup(n);
          refuse_lambda(var, n);
          if (var && !var->is_false() && !var->is_empty_list()) section(n, var);
          break;
        }
        case Node::Kind::inverted: {
          const Data* var = lookup(n);
          if (!var || var->is_false() || var->is_empty_list()) section(n, var);
          break;
        }
      }
    }
  }

  std::string& out_;
  bool escape_;
  const Slot* slot_;
  std::size_t line_start_ = 0;
  bool flag_ = false;  // kainjow's line_buffer.contained_section_tag
  std::vector<const Data*> stack_;
};

}  // namespace

void append_html_escaped(std::string& out, std::string_view value) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char* entity = nullptr;
    switch (value[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      default: continue;
    }
    out.append(value, from, i - from);
    out += entity;
    from = i + 1;
  }
  out.append(value.substr(from));
}

Compiled::Compiled(std::string_view source) : nodes_(Parser(source).parse()) {}
Compiled::~Compiled() = default;
Compiled::Compiled(Compiled&&) noexcept = default;
Compiled& Compiled::operator=(Compiled&&) noexcept = default;

std::string Compiled::render(const Data& data, bool escape, const Extras& extras) const {
  std::string out;
  out.reserve(16 * 1024 + (extras.slot ? extras.slot->value.size() : 0));
  Renderer(out, escape, extras.slot).render(nodes_, data, extras.globals);
  return out;
}

}  // namespace examens::templates
