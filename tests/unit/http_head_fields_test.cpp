// detail::take_head_fields: what the handlers read of a request head (the fuzz target
// fuzz_http_request drives the same function with any bytes).
#include <gtest/gtest.h>

#include "http/server_detail.hpp"

namespace examens::http::detail {
namespace {

TEST(HeadFields, lower_cases_names_merges_cookie_lines_and_walks_the_proxies) {
  Request req;
  take_head_fields(req,
                   {{"Host", "localhost"},
                    {"COOKIE", "examens_session=a; theme=\"sombre\""},
                    {"Cookie", "examens_session=b; autre=1"},
                    {"X-Forwarded-For", "198.51.100.2, 203.0.113.7"},
                    {"x-forwarded-for", "10.0.0.1"}},
                   "127.0.0.1", {"127.0.0.1", "10.0.0.1"});
  ASSERT_EQ(req.headers.size(), 5u);
  EXPECT_EQ(req.headers[1].first, "cookie");
  EXPECT_EQ(req.headers[3].first, "x-forwarded-for");
  EXPECT_EQ(req.header("host"), "localhost");
  // The first occurrence of a cookie wins, across lines as within one.
  EXPECT_EQ(req.cookie("examens_session"), "a");
  EXPECT_EQ(req.cookie("theme"), "sombre");
  EXPECT_EQ(req.cookie("autre"), "1");
  // From the right: 10.0.0.1 is a trusted proxy, 203.0.113.7 is the client.
  EXPECT_EQ(req.remote_address, "203.0.113.7");
}

TEST(HeadFields, an_untrusted_peer_is_the_client_whatever_it_forwards) {
  Request req;
  take_head_fields(req, {{"X-Forwarded-For", "203.0.113.7"}}, "192.0.2.1", {"127.0.0.1"});
  EXPECT_EQ(req.remote_address, "192.0.2.1");
  EXPECT_TRUE(req.cookies.empty());
}

}  // namespace
}  // namespace examens::http::detail
