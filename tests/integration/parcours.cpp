// The registration wizard walked over HTTP.
#include "integration/parcours.hpp"

#include <gtest/gtest.h>

namespace examens::testing {
std::string onglet(const std::string& cle, int n) {
  return "/inscription/saisie/" + cle + "/" + std::to_string(n);
}

std::string onglet(const std::string& cle, int n, const std::string& query) {
  return onglet(cle, n) + "?" + query;
}

HttpResult Parcours::demarrer(const std::string& academie) {
  return client.submit("/inscription/nouvelle?domaine=BCP&session=2027&academie=" + academie,
                       "/inscription/nouvelle",
                       {{"domaine", "BCP"}, {"session", "2027"}, {"academie", academie}});
}

HttpResult Parcours::envoyer(const std::string& cle, int n, Fields fields,
                             const std::string& action) {
  fields.emplace_back("action", action);
  return client.submit(onglet(cle, n), onglet(cle, n), std::move(fields));
}

HttpResult Parcours::suivre(const HttpResult& posted, const std::string& location) {
  EXPECT_EQ(posted.status, 303);
  EXPECT_EQ(posted.header("location"), location);
  return client.get(location);
}

void Parcours::jusqu_aux_conditions(const std::string& academie, const std::string& etablissement) {
  ASSERT_EQ(demarrer(academie).status, 303);
  const std::string cle = "N-BCP-2027-" + academie;
  const auto tabs = exemple(etablissement);
  for (int n = 1; n <= 7; ++n) {
    auto r = envoyer(cle, n, tabs.at(n));
    if (n == 3) {
      // SCOLAIRE BACPRO 1 AN on the candidate's own account: why it is the school's, once.
      const auto page = suivre(r, onglet(cle, 3, "avis=categorie"));
      ASSERT_TRUE(contains(page.body, "Vérifiez votre catégorie de candidat."));
      ASSERT_TRUE(contains(page.body, "id=\"categorie-etablissement\""));
      ASSERT_TRUE(contains(page.body, "Vous avez choisi la catégorie « SCOLAIRE BACPRO 1 AN »"));
      r = envoyer(cle, 3, tabs.at(3));
    }
    if (n == 5) {
      // The diploma's exemptions are shown, all checked, before going on.
      const auto page = suivre(r, onglet(cle, 5, "avis=dispenses"));
      ASSERT_EQ(page.status, 200);
      ASSERT_TRUE(contains(page.body, "Vérifiez les dispenses proposées."));
      ASSERT_TRUE(
          contains(page.body, "id=\"dispenses-E5-B\" name=\"dispenses\" value=\"E5-B\" checked"));
      Fields again = tabs.at(5);
      for (const char* code : {"E4", "E5-A", "E5-B", "E6", "E7"}) {
        again.emplace_back("dispenses_affichees", code);
        again.emplace_back("dispenses", code);
      }
      r = envoyer(cle, 5, again);
    }
    ASSERT_EQ(r.status, 303) << "onglet " << n << ": " << r.body;
    ASSERT_EQ(r.header("location"), onglet(cle, n + 1));
  }
}

long long Parcours::inscrire(const std::string& academie, const std::string& etablissement) {
  jusqu_aux_conditions(academie, etablissement);
  const std::string cle = "N-BCP-2027-" + academie;
  const auto r = envoyer(cle, 8, exemple().at(8), "enregistrer");
  EXPECT_EQ(r.status, 303) << r.body;
  const std::string location = r.header("location");
  EXPECT_TRUE(location.starts_with("/inscription/") && location.ends_with("/numero")) << location;
  return std::stoll(location.substr(13));
}

}  // namespace examens::testing
