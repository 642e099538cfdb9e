// The office's side in tests: staff members added by the `staff` command, activated through
// their link and logged in under /gestion/, shared by the tests of the office's pages.
#pragma once

#include <string>
#include <vector>

#include "integration/support.hpp"

namespace examens::testing {

struct Command {
  int status = 0;
  std::string out;
  std::string err;
};

// `examens staff …` on the portal's instance.
Command staff(TestPortal& portal, const std::vector<std::string>& args);

// Adds Marie Défi (`email`) as `role` of `academie`; the activation link printed, as a path.
std::string add_agent(TestPortal& portal, const std::string& email,
                      const std::string& role = "gestionnaire",
                      const std::string& academie = "GUY");

HttpResult activate_agent(Client& client, const std::string& path, const std::string& password);
HttpResult staff_login(Client& client, const std::string& email, const std::string& password);
// Adds `email` as a gestionnaire of `academie`, activates him with `password` and logs him in
// on `client`; a fatal failure of the calling test when one of the steps is refused.
void logged_in_agent(TestPortal& portal, Client& client, const std::string& email,
                     const std::string& password, const std::string& academie = "GUY");

}  // namespace examens::testing
