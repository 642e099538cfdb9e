// "Mes justificatifs" (seed 004 §4.5): the pieces of a candidature, their deposits, statuses
// and validation, under /inscription/{id}/justificatifs.
#pragma once

#include "actions/justificatifs.hpp"
#include "portail/portal.hpp"

namespace examens::portail {

void add_justificatifs_routes(Router<RouteHandler>& router);

// Whether the request goes to the one route that takes files (Ajouter): the only one whose
// multipart body the portal reads, once Portal::accepts_upload has checked its session and
// CSRF token on the head.
bool upload_route(const Request& head);

// A deposited file, opened in the browser under a name of our own (code and number): the
// name the candidate sent is never put in a header, and the type is never sniffed.
Response reponse_fichier(const actions::FichierPiece& fichier);

}  // namespace examens::portail
