// The security headers of every answer of the site (Content-Security-Policy, framing,
// sniffing, referrer, HSTS over HTTPS), given to the server once as its default headers.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace examens::web {

std::vector<std::pair<std::string, std::string>> security_headers(bool https);

}  // namespace examens::web
