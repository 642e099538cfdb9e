// The wizard's draft and typed values as JSON.
#include "actions/brouillon_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace examens::actions {
namespace json = boost::json;

std::string brouillon_json(const Brouillon& b) {
  json::object o;
  o["domaine"] = b.dossier.domaine;
  o["session"] = b.dossier.session;
  o["academie"] = b.dossier.academie;
  o["candidature"] = b.candidature;
  o["atteint"] = b.atteint;
  o["champs"] = champs_json(b.dossier.champs);
  return json::serialize(o);
}

std::optional<Brouillon> brouillon_de_json(const std::string& cle, const std::string& text) {
  json::object o = parse_object(text);
  auto text_of = [&](std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto int_of = [&](std::string_view key) -> long long {
    const auto* v = o.if_contains(key);
    return v && v->is_int64() ? v->get_int64() : 0;
  };
  Brouillon b;
  b.cle = cle;
  b.dossier.domaine = text_of("domaine");
  b.dossier.session = text_of("session");
  b.dossier.academie = text_of("academie");
  if (b.dossier.domaine.empty()) return std::nullopt;
  b.candidature = int_of("candidature");
  b.atteint = std::clamp(static_cast<int>(int_of("atteint")), 1, domain::kOngletConditions);
  b.dossier.champs = champs_of(o);
  return b;
}

json::object champs_json(const domain::Champs& champs) {
  json::object out;
  for (const auto& [nom, valeurs] : champs) {
    json::array values;
    for (const auto& v : valeurs) values.emplace_back(v);
    out[nom] = std::move(values);
  }
  return out;
}

domain::Champs champs_of(const json::object& recapitulatif) {
  domain::Champs out;
  const auto* champs = recapitulatif.if_contains("champs");
  if (!champs || !champs->is_object()) return out;
  for (const auto& [nom, valeurs] : champs->get_object()) {
    if (!valeurs.is_array()) continue;
    auto& list = out[std::string(nom)];
    for (const auto& v : valeurs.get_array())
      if (v.is_string()) list.emplace_back(v.get_string());
  }
  return out;
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.get_object());
}

}  // namespace examens::actions
