// Slow and greedy clients on the real portal (SQLite and PostgreSQL): a head or a body sent a
// byte at a time is cut after the server's read timeout, a response never read is given up
// after its write timeout, idle connections cost no worker; meanwhile an honest visitor is
// answered, and the candidate's data is whole.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <regex>
#include <thread>
#include <vector>

#include "integration/hostile.hpp"

namespace examens::testing {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// How long an honest visitor waited for the login page, which must come, however long.
milliseconds timed_page(const std::string& base_url) {
  Client visitor(base_url);
  const auto started = SteadyClock::now();
  EXPECT_EQ(visitor.get("/connexion").status, 200);
  return std::chrono::duration_cast<milliseconds>(SteadyClock::now() - started);
}

// Sends `bytes` a byte every `pause` until the server closes; how long it held on.
milliseconds dribble(RawConnection& connection, const std::string& bytes, milliseconds pause) {
  const auto started = SteadyClock::now();
  for (char c : bytes) {
    if (!connection.send(std::string(1, c))) break;
    std::this_thread::sleep_for(pause);
  }
  bool closed = false;
  connection.read_until_closed(kReadTimeout * 3, &closed);
  EXPECT_TRUE(closed);
  return std::chrono::duration_cast<milliseconds>(SteadyClock::now() - started);
}

TEST_F(Hostile, slowloris_heads_are_cut_after_the_read_timeout_and_hold_no_worker) {
  // More of them than the portal has workers (4): none may wait for one.
  const std::string head = request("GET", "/connexion") + std::string(200, ' ');
  std::vector<std::thread> attackers;
  std::vector<milliseconds> held(8);
  for (std::size_t i = 0; i < held.size(); ++i)
    attackers.emplace_back([&, i] {
      RawConnection connection(port());
      held[i] =
          dribble(connection, "GET /connexion HTTP/1.1\r\nX-Lent: " + head, milliseconds(250));
    });
  std::this_thread::sleep_for(milliseconds(500));
  const auto waited = timed_page(portal.base_url());
  for (auto& t : attackers) t.join();
  EXPECT_LT(waited, kReadTimeout) << "the honest visitor waited " << waited.count() << " ms";
  for (const auto& h : held) {
    EXPECT_GE(h, kReadTimeout - milliseconds(500));
    EXPECT_LT(h, kReadTimeout * 3);
  }
  intact("slowloris");
}

TEST_F(Hostile, a_body_sent_a_byte_at_a_time_is_cut_and_changes_nothing) {
  const std::string body = "csrf=" + csrf() + "&action=valider&" + std::string(200, 'a');
  const std::string whole = request("POST", page() + "/justificatifs/valider", cookies(), body);
  RawConnection connection(port());
  connection.send(whole.substr(0, whole.size() - body.size()));
  const auto held = dribble(connection, body, milliseconds(250));
  EXPECT_LT(held, kReadTimeout * 3);
  intact("slow body");
}

TEST_F(Hostile, a_client_that_never_reads_is_given_up_after_the_write_timeout) {
  // The DSFR's script (over 100 kB), asked 200 times in one pipeline
  // into a 4 KiB receive buffer that nobody empties: more than any socket buffer holds.
  const std::string page = Client(portal.base_url()).get("/connexion").body;
  std::smatch script;
  ASSERT_TRUE(std::regex_search(page, script, std::regex(R"(dsfr\.[a-z]+\.[0-9a-f]+\.min\.js)")));
  const std::string asset = "/assets/dsfr/" + script.str();
  RawConnection greedy(port(), 4096);
  std::string pipeline;
  for (int i = 0; i < 200; ++i) pipeline += "GET " + asset + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  greedy.send(pipeline);
  std::this_thread::sleep_for(milliseconds(500));
  EXPECT_LT(timed_page(portal.base_url()), kWriteTimeout);
  std::this_thread::sleep_for(kWriteTimeout + std::chrono::seconds(1));
  bool closed = false;
  const auto got = greedy.read_until_closed(std::chrono::seconds(5), &closed);
  EXPECT_TRUE(closed) << "the server still writes to a client that does not read";
  EXPECT_LT(statuses(got).size(), 200u);
  intact("never reads");
}

TEST_F(Hostile, hundreds_of_idle_connections_leave_an_honest_visitor_answered) {
  // Under the cap of connections from one address (256): the loopback is one address.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 150; ++i) idle.push_back(std::make_unique<RawConnection>(port()));
  // Half of them started a head they will never finish.
  for (std::size_t i = 0; i < idle.size(); i += 2) idle[i]->send("GET /connexion HTTP/1.1\r\n");
  const auto waited = timed_page(portal.base_url());
  std::cout << "page with " << idle.size() << " idle connections: " << waited.count() << " ms\n";
  EXPECT_LT(waited, kReadTimeout) << waited.count() << " ms";
  // The half-sent heads are cut at the read timeout; the others are only idle.
  bool closed = false;
  idle[0]->read_until_closed(kReadTimeout * 3, &closed);
  EXPECT_TRUE(closed);
  intact("idle connections");
}

}  // namespace
}  // namespace examens::testing
