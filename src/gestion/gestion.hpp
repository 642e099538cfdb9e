// The office's space under /gestion/ (SPEC §8): its staff members' activation, login, logout
// and home page. Its pages are built on the portal's core (sessions, CSRF, rendering); the
// composition root plugs this space into the portal.
#pragma once

#include "portail/portal.hpp"

namespace examens::gestion {

portail::Space espace();

}  // namespace examens::gestion
