// The site's security headers.
#include "web/security_headers.hpp"

namespace examens::web {
namespace {

// DSFR's own module sets style attributes at run time (seen in the browser scenario:
// "style-src-attr" refusals from dsfr.module.min.js), so style attributes are allowed;
// scripts, <style> elements and style sheets stay limited to this site.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'";

}  // namespace

std::vector<std::pair<std::string, std::string>> security_headers(bool https) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
      {"Cross-Origin-Opener-Policy", "same-origin"}};
  if (https) headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return headers;
}

}  // namespace examens::web
