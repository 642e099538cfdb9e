// The wizard's draft as stored: JSON under its key.
#include "actions/brouillon.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "actions/recapitulatif.hpp"
#include "domain/candidature.hpp"
#include "store/candidatures.hpp"

namespace examens::actions {
namespace json = boost::json;
namespace {

std::string to_json(const Brouillon& b) {
  json::object o;
  o["domaine"] = b.dossier.domaine;
  o["session"] = b.dossier.session;
  o["academie"] = b.dossier.academie;
  o["candidature"] = b.candidature;
  o["atteint"] = b.atteint;
  o["champs"] = champs_json(b.dossier.champs);
  return json::serialize(o);
}

std::optional<Brouillon> brouillon_from(const std::string& cle, const std::string& text) {
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

}  // namespace

std::string cle_nouvelle(const std::string& domaine, const std::string& session,
                         const std::string& academie) {
  return "N-" + domaine + "-" + session + "-" + academie;
}

std::string cle_modification(long long candidature) {
  return "C-" + std::to_string(candidature);
}

std::optional<Brouillon> lire_brouillon(store::Unit& unit, long long compte_id,
                                        const std::string& cle) {
  const auto text = store::load_brouillon(unit, compte_id, cle);
  if (!text) return std::nullopt;
  return brouillon_from(cle, *text);
}

void conserver_brouillon(const Services& services, long long compte_id, const Brouillon& b,
                         domain::Instant now) {
  const auto* periode =
      services.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie);
  store::Tx tx(services.db());
  store::save_brouillon(tx, compte_id, b.cle, to_json(b), now,
                        periode ? periode->fermeture : domain::Instant{});
  tx.commit();
}

std::vector<Brouillon> saisies_en_cours(const Services& services, long long compte_id,
                                        domain::Instant now) {
  std::vector<std::pair<std::string, std::string>> all;
  {
    store::Read read(services.db());
    all = store::brouillons_of(read, compte_id);
  }
  const auto& catalogue = services.catalogue();
  std::vector<Brouillon> out;
  for (const auto& [cle, text] : all) {
    auto b = brouillon_from(cle, text);
    if (!b || b->candidature) continue;
    const auto& d = b->dossier;
    const auto* session = catalogue.session(d.domaine, d.session);
    if (!catalogue.domaine(d.domaine) || !session || session->fermee ||
        !catalogue.academie(d.academie))
      continue;
    if (domain::inscription_refusee(catalogue.periode(d.domaine, d.session, d.academie), now))
      continue;
    out.push_back(std::move(*b));
  }
  return out;
}

}  // namespace examens::actions
