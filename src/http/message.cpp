// Accessors and constructors of the plain HTTP types.
#include "http/message.hpp"

#include "texte/texte.hpp"

namespace examens::http {
namespace {

template <typename Pairs>
std::optional<std::string_view> find_first(const Pairs& pairs, std::string_view key) {
  for (const auto& [k, v] : pairs)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  return find_first(headers, lower_name);
}
std::optional<std::string_view> Request::field(std::string_view name) const {
  return find_first(form, name);
}
std::string Request::field_or(std::string_view name, std::string_view fallback) const {
  return std::string(field(name).value_or(fallback));
}
std::vector<std::string_view> Request::fields(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : form)
    if (k == name) out.emplace_back(v);
  return out;
}
std::optional<std::string_view> Request::query_param(std::string_view name) const {
  return find_first(query, name);
}
std::optional<std::string_view> Request::cookie(std::string_view name) const {
  auto it = cookies.find(std::string(name));
  if (it == cookies.end()) return std::nullopt;
  return std::string_view(it->second);
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers)
    if (texte::iequals_ascii(k, name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (texte::iequals_ascii(k, name)) return std::string_view(v);
  return std::nullopt;
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", "text/html; charset=utf-8");
  return r;
}
Response Response::text(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", "text/plain; charset=utf-8");
  return r;
}
Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", "application/json");
  return r;
}
Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.set_header("Location", std::move(location));
  return r;
}

std::string serialize_cookie(const Cookie& c) {
  std::string out = c.name + "=" + c.value + "; Path=" + c.path;
  if (c.max_age_seconds) out += "; Max-Age=" + std::to_string(*c.max_age_seconds);
  if (c.http_only) out += "; HttpOnly";
  if (c.secure) out += "; Secure";
  if (!c.same_site.empty()) out += "; SameSite=" + c.same_site;
  return out;
}

}  // namespace examens::http
