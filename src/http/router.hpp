// Maps a method and a path to a handler; patterns hold {name} segments whose
// values land in Request::params.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace examens::http {

template <typename Handler>
class Router {
 public:
  void add(Method method, std::string_view pattern, Handler handler) {
    routes_.push_back({method, split(pattern), std::move(handler)});
  }

  // The handler for the request, or nullptr; `path_known` tells a 405 from a 404.
  const Handler* match(Request& request, bool& path_known) const {
    const auto segments = split(request.path);
    path_known = false;
    for (const auto& route : routes_) {
      std::map<std::string, std::string> params;
      if (!matches(route.segments, segments, params)) continue;
      path_known = true;
      const Method wanted = request.method == Method::head ? Method::get : request.method;
      if (route.method != wanted) continue;
      request.params = std::move(params);
      return &route.handler;
    }
    return nullptr;
  }

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;
    Handler handler;
  };

  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
      const auto slash = path.find('/', start);
      const auto end = slash == std::string_view::npos ? path.size() : slash;
      if (end > start) out.emplace_back(path.substr(start, end - start));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
    return out;
  }

  static bool matches(const std::vector<std::string>& pattern,
                      const std::vector<std::string>& segments,
                      std::map<std::string, std::string>& params) {
    if (pattern.size() != segments.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const auto& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}')
        params[p.substr(1, p.size() - 2)] = segments[i];
      else if (p != segments[i])
        return false;
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace examens::http
