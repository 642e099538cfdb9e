// The `examens` commands: serve, init, migrate, purge. Each returns a process exit code.
#pragma once

#include "app/config.hpp"

namespace examens::app {

int serve(const Config& config);
// Applies migrations, loads the reference data from the public sources installed by
// scripts/install-deps.sh and, with `demo`, the demo account.
int init(const Config& config, bool demo);
int migrate(const Config& config);
// Erases the accounts not activated within 48 hours and expired sessions.
int purge(const Config& config);

}  // namespace examens::app
