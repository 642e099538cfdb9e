// The throttled password check of a login.
#include "actions/authentification.hpp"

#include "crypto/secrets.hpp"
#include "domain/throttle.hpp"
#include "store/sessions.hpp"

namespace examens::actions {

Verdict verifier_mot_de_passe(const Services& services, const ClesThrottle& cles,
                              std::string_view hash, std::string_view mot_de_passe,
                              domain::Instant now, const std::function<void(store::Tx&)>& then,
                              const std::function<void(store::Tx&)>& on_failure) {
  {
    store::Tx tx(services.db());
    const bool admitted = !store::throttle_blocked(tx, cles.adresse, now) &&
                          store::admit_attempt(tx, cles.titulaire, now, domain::kCompteThrottle);
    tx.commit();
    if (!admitted) return Verdict::bloquee;
  }
  const bool ok =
      crypto::verify_password(hash.empty() ? services.dummy_hash() : hash, mot_de_passe) &&
      !hash.empty();
  store::Tx tx(services.db());
  if (!ok) {
    // The account's streak already counts this attempt; the address counts failures only.
    store::admit_attempt(tx, cles.adresse, now, domain::kAddressThrottle);
    if (on_failure) on_failure(tx);
    tx.commit();
    return Verdict::incorrecte;
  }
  store::clear_throttle(tx, cles.titulaire);
  then(tx);
  tx.commit();
  return Verdict::correcte;
}

}  // namespace examens::actions
