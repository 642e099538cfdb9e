// "Ouverture des services" over HTTP on both backends, against the demo catalogue.
#include <gtest/gtest.h>

#include "integration/support.hpp"

namespace examens::testing {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class Ouverture : public ::testing::Test {
 protected:
  TestPortal portal;
  Client client{portal.base_url()};
};

TEST_F(Ouverture, chooses_domaine_then_session_then_academie) {
  auto page = client.get("/ouverture-des-services");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "BACCALAURÉAT PROFESSIONNEL"));
  page = client.get("/ouverture-des-services?domaine=BCP");
  EXPECT_TRUE(contains(page.body, "?domaine=BCP&amp;session=2027"));
  EXPECT_FALSE(contains(page.body, "session=2026\""));  // a closed session is not offered
  page = client.get("/ouverture-des-services?domaine=BCP&session=2027");
  EXPECT_TRUE(contains(page.body, "ACADÉMIE DE LA GUYANE - (2027)"));
  page = client.get("/ouverture-des-services?domaine=BCP&session=2027&academie=GUY");
  EXPECT_TRUE(contains(page.body,
                       "Les inscriptions sont ouvertes du 19 octobre 2026 08:00 au 29 "
                       "janvier 2027 23:59 (heure de Paris)."));
}

TEST_F(Ouverture, future_and_closed_windows_say_so) {
  auto future = client.get("/ouverture-des-services?domaine=BCP&session=2027&academie=BES");
  EXPECT_TRUE(contains(future.body, "Les inscriptions seront ouvertes du 11 janvier 2027 09:00"));
  auto closed = client.get("/ouverture-des-services?domaine=BCP&session=NOV2026VAE&academie=AIX");
  EXPECT_TRUE(contains(closed.body, "elles sont closes"));
}

TEST_F(Ouverture, the_window_follows_the_clock) {
  const std::string aix = "/ouverture-des-services?domaine=BCP&session=2027&academie=AIX";
  // The test clock starts on 18 November 2026; Aix-Marseille closes on the 19th at 17:00.
  EXPECT_TRUE(contains(client.get(aix).body, "Les inscriptions sont ouvertes"));
  portal.clock().advance(std::chrono::hours(48));
  EXPECT_TRUE(contains(client.get(aix).body, "elles sont closes"));
}

TEST_F(Ouverture, no_window_means_no_service_open) {
  auto page = client.get("/ouverture-des-services?domaine=MC&session=2027&academie=GUY");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Aucun service n'est ouvert"));
}

}  // namespace
}  // namespace examens::testing
