// Storage of sessions, login-failure counters and server-wide parameters.
#include "store/sessions.hpp"

#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {

void insert_session(Tx& tx, const SessionRow& row, domain::Instant now, std::string_view adresse,
                    std::string_view navigateur, Titulaire titulaire) {
  const auto s = table_of(titulaire, "sessions");
  const long long t = seconds(now);
  execute(tx,
          "INSERT INTO " + s.table + " (empreinte, " + s.colonne +
              ", csrf, cree_le, vu_le, expire_le, adresse, navigateur) "
              "VALUES (:e, :c, :csrf, :t, :t2, :x, :a, :n)",
          row.empreinte, row.compte_id, row.csrf, t, t, seconds(row.expire_le), adresse,
          navigateur.substr(0, 300));
}

std::optional<SessionRow> find_session(Unit& unit, std::string_view empreinte,
                                       Titulaire titulaire) {
  const auto s = table_of(titulaire, "sessions");
  auto row = query_one<long long, std::string, long long, long long, long long>(
      unit,
      "SELECT " + s.colonne + ", csrf, cree_le, vu_le, expire_le FROM " + s.table +
          " WHERE empreinte = :e",
      empreinte);
  if (!row) return std::nullopt;
  auto& [titulaire_id, csrf, cree, vu, expire] = *row;
  return SessionRow{std::string(empreinte), titulaire_id, std::move(csrf),
                    instant(cree),          instant(vu),  instant(expire)};
}

void touch_session(Tx& tx, std::string_view empreinte, domain::Instant now,
                   domain::Instant expire_le, Titulaire titulaire) {
  execute(tx,
          "UPDATE " + table_of(titulaire, "sessions").table +
              " SET vu_le = :t, expire_le = :x WHERE empreinte = :e",
          seconds(now), seconds(expire_le), empreinte);
}

void delete_session(Tx& tx, std::string_view empreinte, Titulaire titulaire) {
  execute(tx, "DELETE FROM " + table_of(titulaire, "sessions").table + " WHERE empreinte = :e",
          empreinte);
}

int delete_other_sessions(Tx& tx, long long compte_id, std::string_view keep, Titulaire titulaire) {
  const auto s = table_of(titulaire, "sessions");
  return static_cast<int>(
      execute(tx, "DELETE FROM " + s.table + " WHERE " + s.colonne + " = :c AND empreinte <> :k",
              compte_id, keep));
}

int count_sessions(Unit& unit, long long compte_id, domain::Instant now) {
  return *query_one<int>(unit,
                         "SELECT COUNT(*) FROM sessions WHERE compte_id = :c AND expire_le > :t",
                         compte_id, seconds(now));
}

int delete_expired_sessions(Tx& tx, domain::Instant now) {
  const long long t = seconds(now);
  return static_cast<int>(execute(tx, "DELETE FROM sessions WHERE expire_le <= :t", t) +
                          execute(tx, "DELETE FROM sessions_agents WHERE expire_le <= :t", t));
}

bool admit_attempt(Tx& tx, std::string_view key, domain::Instant now,
                   const domain::ThrottlePolicy& policy) {
  const long long t = seconds(now);
  // One increment: the row lock (PostgreSQL) or the write lock (SQLite) orders racing
  // attempts, and each reads back its own rank. A blocked key matches nothing: no row.
  const auto nombre = query_one<int>(
      tx,
      "INSERT INTO tentatives_connexion (cle, nombre, derniere, bloque_jusqu_a) "
      "VALUES (:k, 1, :t, NULL) ON CONFLICT (cle) DO UPDATE SET nombre = CASE WHEN "
      "tentatives_connexion.derniere <= :oubli THEN 1 ELSE tentatives_connexion.nombre + 1 "
      "END, derniere = excluded.derniere, bloque_jusqu_a = NULL "
      "WHERE tentatives_connexion.bloque_jusqu_a IS NULL OR "
      "tentatives_connexion.bloque_jusqu_a <= :t2 RETURNING nombre",
      key, t, seconds(now - policy.memory), t);
  if (!nombre) return false;
  // Still under the row's lock: no other attempt reads the row before the block is set.
  if (const auto block = domain::block_after(*nombre, policy))
    execute(tx, "UPDATE tentatives_connexion SET bloque_jusqu_a = :b WHERE cle = :k",
            seconds(now + *block), key);
  return true;
}

std::optional<domain::Instant> blocked_until(Unit& unit, std::string_view key,
                                             domain::Instant now) {
  const auto until = query_one<long long>(
      unit,
      "SELECT bloque_jusqu_a FROM tentatives_connexion WHERE cle = :k AND bloque_jusqu_a > :t", key,
      seconds(now));
  if (!until) return std::nullopt;
  return instant(*until);
}

bool throttle_blocked(Unit& unit, std::string_view key, domain::Instant now) {
  return blocked_until(unit, key, now).has_value();
}

void clear_throttle(Tx& tx, std::string_view key) {
  execute(tx, "DELETE FROM tentatives_connexion WHERE cle = :k", key);
}

int purge_throttles(Tx& tx, domain::Instant cutoff) {
  return static_cast<int>(
      execute(tx, "DELETE FROM tentatives_connexion WHERE derniere <= :t", seconds(cutoff)));
}

std::string get_or_create_parametre(Tx& tx, std::string_view nom, std::string_view initial) {
  execute(tx, "INSERT INTO parametres (nom, valeur) VALUES (:n, :v) ON CONFLICT (nom) DO NOTHING",
          nom, initial);
  return query_one<std::string>(tx, "SELECT valeur FROM parametres WHERE nom = :n", nom)
      .value_or(std::string());
}

}  // namespace examens::store
