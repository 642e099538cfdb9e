// The office's space under /gestion/ (SPEC §8): its staff members' activation, login, logout,
// home page, the pièces control and the audit trail. Its pages are built on the portal's core
// (sessions, CSRF, rendering); the composition root plugs this space into the portal.
#pragma once

#include <string>

#include "portail/portal.hpp"

namespace examens::gestion {

portail::Space espace();

// A list's count as the office's pages show it: "plus de 999" beyond the ceiling the actions
// count up to (actions::kDecomptePlafond), the figure below it.
std::string decompte(long long nombre);

// The audit trail's page (gestion/audit.cpp), among the space's routes.
void add_audit_routes(portail::Router<portail::RouteHandler>& router);
// The pièces control's pages (gestion/candidatures.cpp).
void add_candidatures_routes(portail::Router<portail::RouteHandler>& router);
// The cancellation of candidatures without their signed récapitulatif (gestion/annulation.cpp).
void add_annulation_routes(portail::Router<portail::RouteHandler>& router);

}  // namespace examens::gestion
