// The récapitulatif as the pages show it: the stored snapshot (actions/recapitulatif.hpp) as
// the data of the partial "recapitulatif".
#pragma once

#include <boost/json/object.hpp>

#include "portail/portal.hpp"

namespace examens::portail {

// The template data of a récapitulatif (the partial "recapitulatif").
Data recapitulatif_data(const boost::json::object& recapitulatif);

}  // namespace examens::portail
