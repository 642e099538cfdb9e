// The récapitulatif as template data: the snapshot's JSON (actions/recapitulatif.hpp) turned
// into what the partial "recapitulatif" reads.
#include "portail/recapitulatif.hpp"

#include <boost/json.hpp>

namespace examens::portail {
namespace json = boost::json;
namespace {

Data to_data(const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: {
      Data d;
      for (const auto& [key, value] : v.get_object()) d.set(std::string(key), to_data(value));
      return d;
    }
    case json::kind::array: {
      Data d{Data::type::list};
      for (const auto& item : v.get_array()) d.push_back(to_data(item));
      return d;
    }
    case json::kind::string: return Data(std::string(v.get_string()));
    case json::kind::bool_: return Data(v.get_bool());
    case json::kind::int64: return Data(std::to_string(v.get_int64()));
    case json::kind::uint64: return Data(std::to_string(v.get_uint64()));
    case json::kind::double_: return Data(json::serialize(v));
    case json::kind::null: break;
  }
  return Data(false);
}

}  // namespace

Data recapitulatif_data(const json::object& recapitulatif) {
  Data d;
  for (const auto& [key, value] : recapitulatif)
    if (key != "champs") d.set(std::string(key), to_data(value));
  return d;
}

}  // namespace examens::portail
