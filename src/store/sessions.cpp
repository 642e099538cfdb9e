// Storage of sessions, login-failure counters and server-wide parameters.
#include "store/sessions.hpp"

#include "store/instants.hpp"

namespace examens::store {

void insert_session(soci::session& sql, const SessionRow& row, domain::Instant now,
                    std::string_view adresse, std::string_view navigateur) {
  const long long t = seconds(now), x = seconds(row.expire_le);
  const std::string a(adresse), n(navigateur.substr(0, 300));
  sql << "INSERT INTO sessions (empreinte, compte_id, csrf, cree_le, vu_le, expire_le, adresse, "
         "navigateur) VALUES (:e, :c, :csrf, :t, :t2, :x, :a, :n)",
      soci::use(row.empreinte), soci::use(row.compte_id), soci::use(row.csrf), soci::use(t),
      soci::use(t), soci::use(x), soci::use(a), soci::use(n);
}

std::optional<SessionRow> find_session(soci::session& sql, std::string_view empreinte) {
  SessionRow row;
  row.empreinte = empreinte;
  long long cree = 0, vu = 0, expire = 0;
  sql << "SELECT compte_id, csrf, cree_le, vu_le, expire_le FROM sessions WHERE empreinte = :e",
      soci::use(row.empreinte), soci::into(row.compte_id), soci::into(row.csrf), soci::into(cree),
      soci::into(vu), soci::into(expire);
  if (!sql.got_data()) return std::nullopt;
  row.cree_le = instant(cree);
  row.vu_le = instant(vu);
  row.expire_le = instant(expire);
  return row;
}

void touch_session(soci::session& sql, std::string_view empreinte, domain::Instant now,
                   domain::Instant expire_le) {
  const std::string e(empreinte);
  const long long t = seconds(now), x = seconds(expire_le);
  sql << "UPDATE sessions SET vu_le = :t, expire_le = :x WHERE empreinte = :e", soci::use(t),
      soci::use(x), soci::use(e);
}

void delete_session(soci::session& sql, std::string_view empreinte) {
  const std::string e(empreinte);
  sql << "DELETE FROM sessions WHERE empreinte = :e", soci::use(e);
}

int delete_other_sessions(soci::session& sql, long long compte_id, std::string_view keep) {
  const std::string k(keep);
  soci::statement st =
      (sql.prepare << "DELETE FROM sessions WHERE compte_id = :c AND empreinte <> :k",
       soci::use(compte_id), soci::use(k));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

int count_sessions(soci::session& sql, long long compte_id, domain::Instant now) {
  const long long t = seconds(now);
  int count = 0;
  sql << "SELECT COUNT(*) FROM sessions WHERE compte_id = :c AND expire_le > :t",
      soci::use(compte_id), soci::use(t), soci::into(count);
  return count;
}

int delete_expired_sessions(soci::session& sql, domain::Instant now) {
  const long long t = seconds(now);
  soci::statement st = (sql.prepare << "DELETE FROM sessions WHERE expire_le <= :t", soci::use(t));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

domain::ThrottleState load_throttle(soci::session& sql, std::string_view key) {
  const std::string k(key);
  int nombre = 0;
  long long debut = 0, bloque = 0;
  soci::indicator bloque_ind = soci::i_null;
  sql << "SELECT nombre, debut, bloque_jusqu_a FROM echecs_connexion WHERE cle = :k", soci::use(k),
      soci::into(nombre), soci::into(debut), soci::into(bloque, bloque_ind);
  if (!sql.got_data()) return {};
  domain::ThrottleState state{nombre, instant(debut), std::nullopt};
  if (bloque_ind == soci::i_ok) state.blocked_until = instant(bloque);
  return state;
}

void save_throttle(soci::session& sql, std::string_view key, const domain::ThrottleState& state) {
  const std::string k(key);
  const long long debut = seconds(state.window_start);
  long long bloque = state.blocked_until ? seconds(*state.blocked_until) : 0;
  soci::indicator bloque_ind = state.blocked_until ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO echecs_connexion (cle, nombre, debut, bloque_jusqu_a) "
         "VALUES (:k, :n, :d, :b) ON CONFLICT (cle) DO UPDATE SET nombre = excluded.nombre, "
         "debut = excluded.debut, bloque_jusqu_a = excluded.bloque_jusqu_a",
      soci::use(k), soci::use(state.failures), soci::use(debut), soci::use(bloque, bloque_ind);
}

void clear_throttle(soci::session& sql, std::string_view key) {
  const std::string k(key);
  sql << "DELETE FROM echecs_connexion WHERE cle = :k", soci::use(k);
}

std::string get_or_create_parametre(soci::session& sql, std::string_view nom,
                                    std::string_view initial) {
  const std::string n(nom), i(initial);
  sql << "INSERT INTO parametres (nom, valeur) VALUES (:n, :v) ON CONFLICT (nom) DO NOTHING",
      soci::use(n), soci::use(i);
  std::string valeur;
  sql << "SELECT valeur FROM parametres WHERE nom = :n", soci::use(n), soci::into(valeur);
  return valeur;
}

}  // namespace examens::store
