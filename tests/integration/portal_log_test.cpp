// The portal's log of a failed request, on SQLite and on PostgreSQL: one JSON line, whatever
// the path and the error hold.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "integration/support.hpp"

namespace examens::testing {
namespace {

TEST(PortalLog, a_failed_request_is_one_json_line_whatever_its_path_holds) {
  TestPortal portal;
  Client client(portal.base_url());
  // Resolving this session cookie reads a table that is gone: the request fails.
  client.set_cookie(std::string(portail::kSessionCookie), "inconnue");
  {
    store::Tx tx(portal.db());
    store::sql_of(tx) << "DROP TABLE sessions";
    tx.commit();
  }
  ::testing::internal::CaptureStderr();
  const auto reply = client.get("/a%22b%5Cc");
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(reply.status, 500);
  // The server logs too, from its own threads: find the portal's line among whole lines.
  int failures = 0;
  for (std::size_t start = 0, end; (end = log.find('\n', start)) != std::string::npos;
       start = end + 1) {
    boost::system::error_code ec;
    const auto line = boost::json::parse(log.substr(start, end - start), ec);
    ASSERT_FALSE(ec) << log;
    const auto& o = line.as_object();
    if (o.at("event") != "request_failed") continue;
    ++failures;
    EXPECT_EQ(o.at("level"), "error");
    EXPECT_EQ(o.at("path"), "/a\"b\\c");
    EXPECT_NE(o.at("error").as_string().find("sessions"), std::string::npos) << log;
  }
  EXPECT_EQ(failures, 1) << log;
}

}  // namespace
}  // namespace examens::testing
