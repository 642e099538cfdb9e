// Accept-Encoding parsing: a comma-separated list of codings, each with an optional
// ";q=" weight between 0 and 1 (three decimals at most).
#include "http/content_coding.hpp"

#include <array>

#include "texte/texte.hpp"

namespace examens::http {
namespace {

constexpr std::string_view kOws = " \t";

// The weight of "q=0.5"; nullopt when malformed (the element is then ignored).
std::optional<int> parse_q(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int thousandths = (text[0] - '0') * 1000;
  if (text.size() > 1) {
    if (text[1] != '.' || text.size() > 5) return std::nullopt;
    int scale = 100;
    for (char c : text.substr(2)) {
      if (c < '0' || c > '9') return std::nullopt;
      thousandths += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (thousandths > 1000) return std::nullopt;
  return thousandths;
}

struct Weights {
  std::optional<int> identity, gzip, br, any;  // in thousandths; absent: not named
};

Weights parse(std::string_view header) {
  Weights w;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const std::size_t semicolon = element.find(';');
    const std::string name = texte::ascii_lower(texte::trim(element.substr(0, semicolon), kOws));
    if (name.empty()) continue;
    std::optional<int> q = 1000;
    if (semicolon != std::string_view::npos) {
      std::string_view param = texte::trim(element.substr(semicolon + 1), kOws);
      if (param.size() < 2 || texte::ascii_lower(param.substr(0, 2)) != "q=") continue;
      q = parse_q(texte::trim(param.substr(2), kOws));
      if (!q) continue;
    }
    if (name == "identity")
      w.identity = q;
    else if (name == "gzip" || name == "x-gzip")
      w.gzip = q;
    else if (name == "br")
      w.br = q;
    else if (name == "*")
      w.any = q;
  }
  return w;
}

}  // namespace

std::string_view coding_name(Coding coding) {
  switch (coding) {
    case Coding::gzip: return "gzip";
    case Coding::br: return "br";
    case Coding::identity: break;
  }
  return "";
}

Coding choose_coding(std::optional<std::string_view> accept_encoding, bool has_gzip, bool has_br) {
  if (!accept_encoding) return Coding::identity;
  const Weights w = parse(*accept_encoding);
  // Identity is acceptable unless refused by name, or by "*;q=0" without being named.
  const int identity = w.identity.value_or(w.any.value_or(1000) == 0 ? 0 : 1);
  const std::array<std::pair<Coding, int>, 3> candidates = {{
      {Coding::br, has_br ? w.br.value_or(w.any.value_or(0)) : 0},
      {Coding::gzip, has_gzip ? w.gzip.value_or(w.any.value_or(0)) : 0},
      {Coding::identity, identity},
  }};
  Coding best = Coding::identity;
  int best_q = 0;
  for (const auto& [coding, q] : candidates)
    if (q > best_q) {
      best = coding;
      best_q = q;
    }
  return best;
}

}  // namespace examens::http
