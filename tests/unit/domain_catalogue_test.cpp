// Unit tests of the opening windows (SPEC §2, §4): states at the boundaries, the seed's
// sentence, Paris wall-clock times around the daylight-saving changes.
#include <gtest/gtest.h>

#include "domain/catalogue.hpp"
#include "domain/temps.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

Instant utc(int y, unsigned mo, unsigned d, int h, int mi) {
  return Instant(sys_days(year_month_day{year(y), month(mo), day(d)}).time_since_epoch() +
                 hours(h) + minutes(mi));
}

Instant paris(std::string_view text) {
  auto t = parse_paris_local(text);
  EXPECT_TRUE(t.instant) << text << ": " << t.error;
  return t.instant.value_or(Instant{});
}

TEST(ParisTime, winter_and_summer_offsets) {
  EXPECT_EQ(paris("2022-11-10 17:00"), utc(2022, 11, 10, 16, 0));  // UTC+1
  EXPECT_EQ(paris("2023-06-30 18:00"), utc(2023, 6, 30, 16, 0));   // UTC+2
}

TEST(ParisTime, refuses_a_time_skipped_by_the_spring_change) {
  auto t = parse_paris_local("2027-03-28 02:30");
  EXPECT_FALSE(t.instant);
  EXPECT_NE(t.error.find("heure d'été"), std::string::npos);
  EXPECT_TRUE(parse_paris_local("2027-03-28 03:00").instant);
}

TEST(ParisTime, refuses_a_time_repeated_by_the_autumn_change) {
  auto t = parse_paris_local("2026-10-25 02:30");
  EXPECT_FALSE(t.instant);
  EXPECT_NE(t.error.find("heure d'hiver"), std::string::npos);
}

TEST(ParisTime, refuses_malformed_text) {
  EXPECT_FALSE(parse_paris_local("29/11/2021 18:00").instant);
  EXPECT_FALSE(parse_paris_local("2021-02-30 18:00").instant);
  EXPECT_FALSE(parse_paris_local("2021-11-29 24:00").instant);
}

TEST(Periode, is_open_from_its_opening_included_to_its_closing_excluded) {
  const Periode p{"BCP", "2022", "BES", paris("2021-11-01 08:00"), paris("2021-11-29 18:00")};
  EXPECT_EQ(etat_periode(p, p.ouverture - seconds(1)), EtatPeriode::a_venir);
  EXPECT_EQ(etat_periode(p, p.ouverture), EtatPeriode::ouverte);
  EXPECT_EQ(etat_periode(p, p.fermeture - seconds(1)), EtatPeriode::ouverte);
  EXPECT_EQ(etat_periode(p, p.fermeture), EtatPeriode::fermee);
}

TEST(Periode, the_seed_sentence_in_paris_time) {
  const Periode p{"BCP", "2022", "BES", paris("2021-11-01 08:00"), paris("2021-11-29 18:00")};
  EXPECT_EQ(phrase_periode(p, p.ouverture),
            "Les inscriptions sont ouvertes du 01 novembre 2021 08:00 au 29 novembre 2021 18:00 "
            "(heure de Paris).");
  EXPECT_EQ(phrase_periode(p, p.ouverture - hours(1)).rfind("Les inscriptions seront ouvertes", 0),
            0u);
  EXPECT_NE(phrase_periode(p, p.fermeture).find("elles sont closes"), std::string::npos);
}

TEST(Periode, closing_across_the_spring_change_keeps_paris_wall_clock) {
  // Opens Saturday 08:00 (UTC+1), closes Sunday 08:00 (UTC+2): 23 hours, not 24.
  const Periode p{"BCP", "2027", "GUY", paris("2027-03-27 08:00"), paris("2027-03-28 08:00")};
  EXPECT_EQ(p.fermeture - p.ouverture, hours(23));
  EXPECT_EQ(etat_periode(p, utc(2027, 3, 28, 5, 59)), EtatPeriode::ouverte);
  EXPECT_EQ(etat_periode(p, utc(2027, 3, 28, 6, 0)), EtatPeriode::fermee);
  EXPECT_NE(phrase_periode(p, p.ouverture).find("28 mars 2027 08:00"), std::string::npos);
}

TEST(Periode, closing_across_the_autumn_change_keeps_paris_wall_clock) {
  const Periode p{"BCP", "2027", "GUY", paris("2026-10-24 18:00"), paris("2026-10-25 18:00")};
  EXPECT_EQ(p.fermeture - p.ouverture, hours(25));
  EXPECT_EQ(etat_periode(p, utc(2026, 10, 25, 16, 59)), EtatPeriode::ouverte);
  EXPECT_EQ(etat_periode(p, utc(2026, 10, 25, 17, 0)), EtatPeriode::fermee);
}

TEST(Catalogue, closed_sessions_are_not_offered) {
  Catalogue c;
  c.domaines = {{"BCP", "BACCALAURÉAT PROFESSIONNEL"}};
  c.sessions = {{"BCP", "2026", "2026", true}, {"BCP", "2027", "2027", false}};
  auto offered = c.sessions_of("BCP");
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0]->code, "2027");
}

}  // namespace
}  // namespace examens::domain
