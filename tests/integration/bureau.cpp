// The office's side in tests.
#include "integration/bureau.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "app/commands.hpp"

namespace examens::testing {

Command staff(TestPortal& portal, const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = app::staff(portal.config(), args, out, err);
  return {status, out.str(), err.str()};
}

std::string add_agent(TestPortal& portal, const std::string& email, const std::string& role,
                      const std::string& academie) {
  const auto added = staff(portal, {"add", "--academie", academie, "--role", role, "--prenom",
                                    "Marie", "--nom", "Défi", email});
  EXPECT_EQ(added.status, 0) << added.err;
  const auto start = added.out.find(portal.base_url() + "/gestion/activer?jeton=");
  if (start == std::string::npos) return "";
  const std::string link = added.out.substr(start, added.out.find('\n', start) - start);
  return link.substr(portal.base_url().size());
}

HttpResult activate_agent(Client& client, const std::string& path, const std::string& password) {
  return client.submit(path, "/gestion/activer",
                       {{"jeton", path.substr(path.find("jeton=") + 6)},
                        {"mot_de_passe", password},
                        {"mot_de_passe_confirmation", password}});
}

HttpResult staff_login(Client& client, const std::string& email, const std::string& password) {
  return client.submit("/gestion/connexion", "/gestion/connexion",
                       {{"email", email}, {"mot_de_passe", password}});
}

void logged_in_agent(TestPortal& portal, Client& client, const std::string& email,
                     const std::string& password, const std::string& academie) {
  ASSERT_EQ(
      activate_agent(client, add_agent(portal, email, "gestionnaire", academie), password).status,
      303);
  ASSERT_EQ(staff_login(client, email, password).status, 303);
}

}  // namespace examens::testing
