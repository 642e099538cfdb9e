// The fixture of the hostile-input tests: the real portal with short timeouts, a candidate
// registered with the seed's example and one piece deposited, a raw connection for what a
// browser would never send, and the check that after each attack the portal still serves
// and the candidate's data is whole.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "integration/parcours.hpp"
#include "integration/support.hpp"
#include "support/raw_client.hpp"

namespace examens::testing {

// The server's timeouts in these tests: short enough for a stalled client to be cut within
// the test, long enough for every honest request on a loaded machine (and under ASan).
inline constexpr std::chrono::seconds kReadTimeout{3};
inline constexpr std::chrono::seconds kWriteTimeout{3};

class Hostile : public ::testing::Test {
 protected:
  void SetUp() override;

  unsigned short port() const { return port_of(portal.base_url()); }
  // `bytes` on a new connection; the statuses of what came back before the server closed.
  std::vector<int> raw(std::string_view bytes);
  // The candidate's Cookie header, as his browser sends it.
  std::string cookies() const;
  std::string csrf();
  std::string page() const { return "/inscription/" + std::to_string(id); }
  // Nothing lost: a new visitor gets a page, the candidate his récapitulatif and his piece
  // byte for byte, and no other row or file appeared. `what` names the attack in failures.
  void intact(const std::string& what);

  TestPortal portal{[](http::ServerOptions& options) {
    options.limits.read_timeout = kReadTimeout;
    options.limits.write_timeout = kWriteTimeout;
  }};
  Client client{portal.base_url()};
  Parcours parcours{client};
  AccountSpec spec;
  long long id = 0;
  long long depot = 0;
};

}  // namespace examens::testing
