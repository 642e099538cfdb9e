// The office's side in tests: staff members added by the `staff` command, activated through
// their link and logged in under /gestion/, shared by the staff and audit tests.
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

}  // namespace examens::testing
