// The wizard's drafts in the database, one per key of the account (their JSON: brouillon_json).
#include "actions/brouillon.hpp"

#include "domain/candidature.hpp"
#include "store/candidatures.hpp"

namespace examens::actions {

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
  return brouillon_de_json(cle, *text);
}

void conserver_brouillon(const Services& services, long long compte_id, const Brouillon& b,
                         domain::Instant now) {
  const auto* periode =
      services.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie);
  // At every click of the wizard: one upsert, the rush's most frequent write.
  const auto json = brouillon_json(b);
  services.db().grouped_idempotent([&](store::Writer& upsert) {
    store::save_brouillon(upsert, compte_id, b.cle, json, now,
                          periode ? periode->fermeture : domain::Instant{});
  });
}

std::vector<Brouillon> saisies_en_cours(
    const Services& services, const std::vector<std::pair<std::string, std::string>>& brouillons,
    domain::Instant now) {
  const auto& catalogue = services.catalogue();
  std::vector<Brouillon> out;
  for (const auto& [cle, text] : brouillons) {
    auto b = brouillon_de_json(cle, text);
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
