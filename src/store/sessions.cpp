// Storage of sessions, login-failure counters and server-wide parameters.
#include "store/sessions.hpp"

#include "store/instants.hpp"
#include "store/sql.hpp"

namespace examens::store {

void insert_session(Tx& tx, const SessionRow& row, domain::Instant now, std::string_view adresse,
                    std::string_view navigateur) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now), x = seconds(row.expire_le);
  const std::string a(adresse), n(navigateur.substr(0, 300));
  sql << "INSERT INTO sessions (empreinte, compte_id, csrf, cree_le, vu_le, expire_le, adresse, "
         "navigateur) VALUES (:e, :c, :csrf, :t, :t2, :x, :a, :n)",
      soci::use(row.empreinte), soci::use(row.compte_id), soci::use(row.csrf), soci::use(t),
      soci::use(t), soci::use(x), soci::use(a), soci::use(n);
}

std::optional<SessionRow> find_session(Unit& unit, std::string_view empreinte) {
  soci::session& sql = sql_of(unit);
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

void touch_session(Tx& tx, std::string_view empreinte, domain::Instant now,
                   domain::Instant expire_le) {
  soci::session& sql = sql_of(tx);
  const std::string e(empreinte);
  const long long t = seconds(now), x = seconds(expire_le);
  sql << "UPDATE sessions SET vu_le = :t, expire_le = :x WHERE empreinte = :e", soci::use(t),
      soci::use(x), soci::use(e);
}

void delete_session(Tx& tx, std::string_view empreinte) {
  soci::session& sql = sql_of(tx);
  const std::string e(empreinte);
  sql << "DELETE FROM sessions WHERE empreinte = :e", soci::use(e);
}

int delete_other_sessions(Tx& tx, long long compte_id, std::string_view keep) {
  soci::session& sql = sql_of(tx);
  const std::string k(keep);
  soci::statement st =
      (sql.prepare << "DELETE FROM sessions WHERE compte_id = :c AND empreinte <> :k",
       soci::use(compte_id), soci::use(k));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

int count_sessions(Unit& unit, long long compte_id, domain::Instant now) {
  soci::session& sql = sql_of(unit);
  const long long t = seconds(now);
  int count = 0;
  sql << "SELECT COUNT(*) FROM sessions WHERE compte_id = :c AND expire_le > :t",
      soci::use(compte_id), soci::use(t), soci::into(count);
  return count;
}

int delete_expired_sessions(Tx& tx, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  soci::statement st = (sql.prepare << "DELETE FROM sessions WHERE expire_le <= :t", soci::use(t));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

bool admit_attempt(Tx& tx, std::string_view key, domain::Instant now,
                   const domain::ThrottlePolicy& policy) {
  soci::session& sql = sql_of(tx);
  const std::string k(key);
  const long long t = seconds(now);
  const long long oubli = seconds(now - policy.memory);
  int nombre = 0;
  // One increment: the row lock (PostgreSQL) or the write lock (SQLite) orders racing
  // attempts, and each reads back its own rank. A blocked key matches nothing: no row.
  sql << "INSERT INTO tentatives_connexion (cle, nombre, derniere, bloque_jusqu_a) "
         "VALUES (:k, 1, :t, NULL) ON CONFLICT (cle) DO UPDATE SET nombre = CASE WHEN "
         "tentatives_connexion.derniere <= :oubli THEN 1 ELSE tentatives_connexion.nombre + 1 "
         "END, derniere = excluded.derniere, bloque_jusqu_a = NULL "
         "WHERE tentatives_connexion.bloque_jusqu_a IS NULL OR "
         "tentatives_connexion.bloque_jusqu_a <= :t2 RETURNING nombre",
      soci::use(k), soci::use(t), soci::use(oubli), soci::use(t), soci::into(nombre);
  if (!sql.got_data()) return false;
  // Still under the row's lock: no other attempt reads the row before the block is set.
  if (const auto block = domain::block_after(nombre, policy)) {
    const long long until = seconds(now + *block);
    sql << "UPDATE tentatives_connexion SET bloque_jusqu_a = :b WHERE cle = :k", soci::use(until),
        soci::use(k);
  }
  return true;
}

bool throttle_blocked(Unit& unit, std::string_view key, domain::Instant now) {
  soci::session& sql = sql_of(unit);
  const std::string k(key);
  const long long t = seconds(now);
  int n = 0;
  sql << "SELECT COUNT(*) FROM tentatives_connexion WHERE cle = :k AND bloque_jusqu_a > :t",
      soci::use(k), soci::use(t), soci::into(n);
  return n > 0;
}

void clear_throttle(Tx& tx, std::string_view key) {
  soci::session& sql = sql_of(tx);
  const std::string k(key);
  sql << "DELETE FROM tentatives_connexion WHERE cle = :k", soci::use(k);
}

int purge_throttles(Tx& tx, domain::Instant cutoff) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(cutoff);
  soci::statement st =
      (sql.prepare << "DELETE FROM tentatives_connexion WHERE derniere <= :t", soci::use(t));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

std::string get_or_create_parametre(Tx& tx, std::string_view nom, std::string_view initial) {
  soci::session& sql = sql_of(tx);
  const std::string n(nom), i(initial);
  sql << "INSERT INTO parametres (nom, valeur) VALUES (:n, :v) ON CONFLICT (nom) DO NOTHING",
      soci::use(n), soci::use(i);
  std::string valeur;
  sql << "SELECT valeur FROM parametres WHERE nom = :n", soci::use(n), soci::into(valeur);
  return valeur;
}

}  // namespace examens::store
