// Sessions: opened, resumed, extended and closed.
#include "actions/sessions.hpp"

#include "crypto/secrets.hpp"

namespace examens::actions {
namespace {

// A session row is rewritten at most this often, not on every request: the
// closing-hour rush should not turn each page view into a write.
constexpr auto kTouchInterval = std::chrono::seconds(60);
constexpr auto kSessionAbsolute = std::chrono::hours(12);

}  // namespace

SessionOuverte ouvrir_session(store::Tx& tx, const Services& services, long long compte_id,
                              const Navigateur& navigateur, domain::Instant now) {
  SessionOuverte session;
  session.jeton = crypto::random_token(32);
  store::SessionRow& row = session.row;
  row.empreinte = crypto::token_hash(session.jeton);
  row.compte_id = compte_id;
  row.csrf = crypto::random_token(32);
  row.cree_le = row.vu_le = now;
  row.expire_le = now + services.reglages().session_idle;
  store::insert_session(tx, row, now, navigateur.adresse, navigateur.agent);
  if (navigateur.ancien_jeton)
    store::delete_session(tx, crypto::token_hash(*navigateur.ancien_jeton));
  return session;
}

std::optional<SessionReprise> reprendre_session(const Services& services, std::string_view jeton,
                                                domain::Instant now) {
  const std::string empreinte = crypto::token_hash(jeton);
  std::optional<store::SessionRow> row;
  std::optional<store::Compte> compte;
  {
    // Released before any write below: a worker never holds two pooled sessions, so
    // busy workers cannot exhaust the pool waiting on each other.
    store::Read read(services.db());
    row = store::find_session(read, empreinte);
    // Idle timeout, and an absolute limit however active the session stays.
    if (row && row->expire_le > now && now - row->cree_le < kSessionAbsolute)
      compte = store::find_compte(read, row->compte_id);
  }
  if (compte) {
    if (now - row->vu_le >= kTouchInterval) {
      row->expire_le = now + services.reglages().session_idle;
      store::Tx tx(services.db());
      store::touch_session(tx, empreinte, now, row->expire_le);
      tx.commit();
    }
    return SessionReprise{std::move(*row), std::move(*compte)};
  }
  // Unknown or expired: forgotten, so the visitor is plainly anonymous.
  if (row) fermer_session(services, empreinte);
  return std::nullopt;
}

void prolonger_session(const Services& services, std::string_view empreinte, domain::Instant now) {
  store::Tx tx(services.db());
  store::touch_session(tx, empreinte, now, now + services.reglages().session_idle);
  tx.commit();
}

void fermer_session(const Services& services, std::string_view empreinte) {
  store::Tx tx(services.db());
  store::delete_session(tx, empreinte);
  tx.commit();
}

int fermer_autres_sessions(const Services& services, long long compte_id, std::string_view garder) {
  store::Tx tx(services.db());
  const int closed = store::delete_other_sessions(tx, compte_id, garder);
  tx.commit();
  return closed;
}

}  // namespace examens::actions
