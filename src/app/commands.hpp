// The `examens` commands: serve, init, migrate, purge, staff. Each returns a process exit code.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "portail/portal.hpp"
#include "store/database.hpp"

namespace examens::app {

int serve(const Config& config);
// Applies migrations, loads the reference data from the public sources installed by
// scripts/install-deps.sh and, with `demo`, the demo account.
int init(const Config& config, bool demo);
int migrate(const Config& config);
// `staff add | list | desactiver`: `args` after "staff"; messages on `out`, refusals on `err`.
int staff(const Config& config, const std::vector<std::string>& args, std::ostream& out,
          std::ostream& err);

// The database of `config`, its migrations applied.
std::unique_ptr<store::Database> open_database(const Config& config, std::size_t pool);
// The spaces plugged into the portal besides the candidates' (the office's).
std::vector<portail::Space> spaces();
// Erases the accounts not activated within 48 hours and expired sessions.
int purge(const Config& config);

}  // namespace examens::app
