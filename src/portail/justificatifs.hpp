// "Mes justificatifs" (seed 004 §4.5): the pieces of a candidature, their deposits, statuses
// and validation, under /inscription/{id}/justificatifs.
#pragma once

#include "portail/portal.hpp"

namespace examens::portail {

void add_justificatifs_routes(Router<RouteHandler>& router);

// Whether the request goes to the one route that takes files (Ajouter): the only one whose
// multipart body the portal reads, once Portal::accepts_upload has checked its session and
// CSRF token on the head.
bool upload_route(const Request& head);

}  // namespace examens::portail
