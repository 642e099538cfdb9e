// The documents' pages: "Mes documents", the PDFs (served to their owner only: 404 for anyone
// else), the provisional récapitulatif of tab 7, and the public /verifier.
#pragma once

#include <vector>

#include "portail/portal.hpp"
#include "store/documents.hpp"

namespace examens::portail {

// The lines of one candidature among `all` of the account's latest documents (partial
// "documents" of the templates): one per kind, its link once rendered.
Data documents_data(const std::vector<store::Document>& all, long long candidature_id);

void add_documents_routes(Router<RouteHandler>& router);

}  // namespace examens::portail
