// The fixture of the Mes justificatifs tests: a candidate logged in with the seed's example
// registered in Guyane, multipart uploads as a browser sends them, and what was stored (the
// rows of depots, the files of the store).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "integration/parcours.hpp"
#include "integration/support.hpp"
#include "unit/echantillons.hpp"

namespace examens::testing {

inline const std::string kBoundary = "----examens-frontiere-de-test";

// A multipart/form-data body with the CSRF field and one file field "fichier".
std::string multipart(const std::string& csrf, const std::string& nom, const std::string& octets);

struct LigneDepot {
  long long id = 0;
  std::string empreinte;
  std::string type_mime;
  std::string nom;
  long long taille = 0;
};

class Justificatifs : public ::testing::Test {
 protected:
  void SetUp() override;

  std::string page() const { return "/inscription/" + std::to_string(id) + "/justificatifs"; }
  std::string csrf();
  // Ajouter, as the page's form sends it (token in the query and in the body).
  HttpResult deposer(const std::string& code, const std::string& nom, const std::string& octets);
  HttpResult supprimer(long long depot);
  HttpResult valider();
  // The codes of the pieces the page offers to deposit online, in its order.
  std::vector<std::string> en_ligne();
  // Every deposit, oldest first.
  std::vector<LigneDepot> depots();
  // The files of the store under their final names, and those left in tmp/.
  std::vector<std::filesystem::path> fichiers_stockes() const;
  std::vector<std::filesystem::path> temporaires() const;
  std::filesystem::path ecrire(const std::string& nom, const std::string& octets) const;
  // A gestionnaire of `academie`, as stored.
  long long ajouter_agent(const std::string& academie);

  TestPortal portal;
  Client client{portal.base_url()};
  Parcours parcours{client};
  AccountSpec spec;
  long long id = 0;
};

}  // namespace examens::testing
