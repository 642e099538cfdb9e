// Storage of accounts, numéros de candidat and single-use tokens.
#include "store/comptes.hpp"

#include <tuple>

#include "store/candidature_row.hpp"
#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

// Qualified: the session's lookup joins them with its own cree_le.
constexpr std::string_view kColumns =
    "c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite, "
    "c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance, "
    "c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le";

// The row of kColumns, then `Extra` columns.
template <class... Extra>
using CompteRow =
    std::tuple<long long, std::string, std::string, std::optional<std::string>, std::string,
               std::string, std::string, std::string, std::string, std::string, std::string,
               std::string, std::string, std::string, std::string, long long, Extra...>;

template <class... Extra>
Compte compte_of(CompteRow<Extra...>& row) {
  Compte c;
  auto& identite = c.identite;
  c.id = std::get<0>(row);
  c.numero_candidat = std::move(std::get<1>(row));
  c.email = std::move(std::get<2>(row));
  if (auto& identifiant = std::get<3>(row)) c.identifiant = std::move(*identifiant);
  c.mot_de_passe = std::move(std::get<4>(row));
  c.etat = std::move(std::get<5>(row));
  identite.civilite = std::move(std::get<6>(row));
  identite.nom_naissance = std::move(std::get<7>(row));
  identite.nom_usage = std::move(std::get<8>(row));
  identite.prenoms = std::move(std::get<9>(row));
  if (auto d = domain::parse_date_iso(std::get<10>(row))) identite.date_naissance = *d;
  identite.pays_naissance = std::move(std::get<11>(row));
  identite.departement_naissance = std::move(std::get<12>(row));
  identite.commune_naissance_code = std::move(std::get<13>(row));
  identite.commune_naissance = std::move(std::get<14>(row));
  c.cree_le = instant(std::get<15>(row));
  return c;
}

template <class... Extra, class... Params>
std::optional<CompteRow<Extra...>> select_row(Unit& unit, const std::string& sql,
                                              const Params&... params) {
  return std::apply(
      [&](auto... columns) { return query_one<decltype(columns)...>(unit, sql, params...); },
      CompteRow<Extra...>{});
}

// The session's columns that follow kColumns in the statements that read both.
constexpr std::string_view kSessionColumns = ", s.csrf, s.cree_le, s.vu_le, s.expire_le";

// The session of a row of kColumns then kSessionColumns.
template <class Row>
SessionRow session_of(std::string_view empreinte, Row& row) {
  return {std::string(empreinte),     std::get<0>(row),           std::move(std::get<16>(row)),
          instant(std::get<17>(row)), instant(std::get<18>(row)), instant(std::get<19>(row))};
}

template <typename Key>
std::optional<Compte> select_one(Unit& unit, const char* where, const Key& key) {
  auto row = select_row(unit, "SELECT " + std::string(kColumns) + " FROM comptes c " + where, key);
  if (!row) return std::nullopt;
  return compte_of(*row);
}

}  // namespace

bool reserve_numero_candidat(Tx& tx, const std::string& numero, domain::Instant now) {
  return execute(tx,
                 "INSERT INTO numeros_candidat (numero, attribue_le) "
                 "VALUES (:n, :t) ON CONFLICT (numero) DO NOTHING",
                 numero, seconds(now)) == 1;
}

long long insert_compte(Tx& tx, const Compte& c, domain::Instant now) {
  const long long t = seconds(now);
  const std::optional<std::string> identifiant =
      c.identifiant.empty() ? std::nullopt : std::optional<std::string>(c.identifiant);
  return refusing_duplicates(
      [&] {
        return query_one<long long>(
                   tx,
                   "INSERT INTO comptes (numero_candidat, email, email_normalise, identifiant, "
                   "mot_de_passe, etat, civilite, nom_naissance, nom_usage, prenoms, "
                   "date_naissance, pays_naissance, departement_naissance, "
                   "commune_naissance_code, commune_naissance, cree_le, modifie_le) VALUES "
                   "(:numero, :email, :normalise, :identifiant, :mdp, :etat, :civilite, :nom, "
                   ":usage, :prenoms, :date, :pays, :dep, :code, :commune, :t, :t2) RETURNING id",
                   c.numero_candidat, c.email, domain::normalize_email(c.email), identifiant,
                   c.mot_de_passe, c.etat, c.identite.civilite, c.identite.nom_naissance,
                   c.identite.nom_usage, c.identite.prenoms,
                   domain::format_date_iso(c.identite.date_naissance), c.identite.pays_naissance,
                   c.identite.departement_naissance, c.identite.commune_naissance_code,
                   c.identite.commune_naissance, t, t)
            .value_or(0);
      },
      "un compte existe déjà avec cette adresse mail");
}

std::optional<Compte> find_compte(Unit& unit, long long id) {
  return select_one(unit, "WHERE id = :k", id);
}
std::optional<Compte> find_compte_by_email(Unit& unit, std::string_view email) {
  return select_one(unit, "WHERE email_normalise = :k", domain::normalize_email(email));
}
std::optional<Compte> find_compte_by_numero(Unit& unit, std::string_view numero) {
  return select_one(unit, "WHERE numero_candidat = :k", std::string(numero));
}
std::optional<Compte> find_compte_by_identifiant(Unit& unit, std::string_view login) {
  return select_one(unit, "WHERE identifiant = :k", domain::normalize_email(login));
}

std::optional<Compte> find_compte_by_any(Unit& unit, std::string_view identifier) {
  switch (domain::classify_identifier(identifier)) {
    case domain::IdentifierKind::numero_candidat:
      return find_compte_by_numero(unit, domain::normalize_email(identifier));
    case domain::IdentifierKind::email: return find_compte_by_email(unit, identifier);
    case domain::IdentifierKind::login: return find_compte_by_identifiant(unit, identifier);
  }
  return std::nullopt;
}

std::optional<std::pair<SessionRow, Compte>> find_session_compte(Unit& unit,
                                                                 std::string_view empreinte) {
  auto row = select_row<std::string, long long, long long, long long>(
      unit,
      "SELECT " + std::string(kColumns) + std::string(kSessionColumns) +
          " FROM sessions s "
          "JOIN comptes c ON c.id = s.compte_id WHERE s.empreinte = :k",
      std::string(empreinte));
  if (!row) return std::nullopt;
  return std::pair{session_of(empreinte, *row), compte_of(*row)};
}

std::optional<SessionSaisie> find_session_saisie(Unit& unit, std::string_view empreinte,
                                                 std::string_view cle) {
  auto row = select_row<std::string, long long, long long, long long, std::optional<std::string>>(
      unit,
      "SELECT " + std::string(kColumns) + std::string(kSessionColumns) +
          ", b.donnees FROM sessions s "
          "JOIN comptes c ON c.id = s.compte_id "
          "LEFT JOIN brouillons b ON b.compte_id = s.compte_id AND b.cle = :c "
          "WHERE s.empreinte = :k",
      std::string(cle), std::string(empreinte));
  if (!row) return std::nullopt;
  return SessionSaisie{session_of(empreinte, *row), compte_of(*row), std::move(std::get<20>(*row))};
}

std::optional<SessionAccueil> find_session_accueil(Unit& unit, std::string_view empreinte) {
  // One row per candidature then one per draft (k.n tells which), each repeating the session
  // and the account; a row with NULLs when the account has none of a kind. The constant
  // k keeps candidatures and drafts from multiplying each other.
  const std::string sql =
      "SELECT " + std::string(kColumns) + std::string(kSessionColumns) +
      ", k.n, ca.id, ca.domaine, ca.session, "
      "ca.academie, ca.numero_inscription, ca.etat, ca.version, ca.donnees, ca.cree_le, "
      "ca.modifie_le, b.cle, b.donnees FROM sessions s JOIN comptes c ON c.id = s.compte_id "
      "CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) k "
      "LEFT JOIN candidatures ca ON k.n = 0 AND ca.compte_id = s.compte_id "
      "LEFT JOIN brouillons b ON k.n = 1 AND b.compte_id = s.compte_id "
      "WHERE s.empreinte = :k ORDER BY k.n, ca.numero_inscription, b.cle";
  using Row =
      CompteRow<std::string, long long, long long, long long, int, std::optional<long long>,
                std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
                std::optional<std::string>, std::optional<std::string>, std::optional<int>,
                std::optional<std::string>, std::optional<long long>, std::optional<long long>,
                std::optional<std::string>, std::optional<std::string>>;
  auto rows = std::apply(
      [&](auto... columns) {
        return query_all<decltype(columns)...>(unit, sql, std::string(empreinte));
      },
      Row{});
  if (rows.empty()) return std::nullopt;
  auto& first = rows.front();
  SessionAccueil out{session_of(empreinte, first), compte_of(first), {}, {}};
  for (auto& row : rows) {
    if (auto& id = std::get<21>(row))
      out.candidatures.push_back(candidature_of(
          {*id, out.compte.id, std::move(*std::get<22>(row)), std::move(*std::get<23>(row)),
           std::move(*std::get<24>(row)), std::move(*std::get<25>(row)),
           std::move(*std::get<26>(row)), *std::get<27>(row), std::move(*std::get<28>(row)),
           *std::get<29>(row), *std::get<30>(row)}));
    if (auto& cle = std::get<31>(row))
      out.brouillons.emplace_back(std::move(*cle), std::move(*std::get<32>(row)));
  }
  return out;
}

bool email_taken(Unit& unit, std::string_view email, long long except_id) {
  return *query_one<int>(unit,
                         "SELECT COUNT(*) FROM comptes WHERE email_normalise = :e AND id <> :id",
                         domain::normalize_email(email), except_id) > 0;
}

bool has_any_candidature(Unit& unit, long long compte_id) {
  return *query_one<int>(unit, "SELECT COUNT(*) FROM candidatures WHERE compte_id = :id",
                         compte_id) > 0;
}

void activate_compte(Tx& tx, long long id, domain::Instant now) {
  const long long t = seconds(now);
  execute(tx, "UPDATE comptes SET etat = :etat, active_le = :t, modifie_le = :t2 WHERE id = :id",
          kEtatActif, t, t, id);
}

void update_identite(Tx& tx, long long id, const domain::Identite& i, domain::Instant now) {
  execute(tx,
          "UPDATE comptes SET civilite = :c, nom_naissance = :n, nom_usage = :u, prenoms = :p, "
          "date_naissance = :d, pays_naissance = :pays, departement_naissance = :dep, "
          "commune_naissance_code = :code, commune_naissance = :commune, modifie_le = :t "
          "WHERE id = :id",
          i.civilite, i.nom_naissance, i.nom_usage, i.prenoms,
          domain::format_date_iso(i.date_naissance), i.pays_naissance, i.departement_naissance,
          i.commune_naissance_code, i.commune_naissance, seconds(now), id);
}

void update_email(Tx& tx, long long id, std::string_view email, domain::Instant now) {
  execute(tx, "UPDATE comptes SET email = :e, email_normalise = :n, modifie_le = :t WHERE id = :id",
          email, domain::normalize_email(email), seconds(now), id);
}

void update_mot_de_passe(Tx& tx, long long id, std::string_view hash, domain::Instant now) {
  execute(tx, "UPDATE comptes SET mot_de_passe = :h, modifie_le = :t WHERE id = :id", hash,
          seconds(now), id);
}

void delete_compte(Tx& tx, long long id) {
  // Explicit deletes rather than relying on ON DELETE CASCADE alone: SQLite only
  // enforces it with PRAGMA foreign_keys, which a tool connection may lack.
  execute(tx, "DELETE FROM sessions WHERE compte_id = :id", id);
  execute(tx, "DELETE FROM jetons WHERE compte_id = :id", id);
  execute(tx, "DELETE FROM messages WHERE compte_id = :id", id);
  execute(tx, "DELETE FROM brouillons WHERE compte_id = :id", id);
  execute(tx, "DELETE FROM comptes WHERE id = :id", id);
}

int purge_pending_comptes(Tx& tx, domain::Instant cutoff) {
  // In batches, each deleted before the next is read.
  constexpr int kBatch = 1000;
  int purged = 0;
  for (;;) {
    const auto ids = query_all<long long>(
        tx, "SELECT id FROM comptes WHERE etat = :etat AND cree_le <= :t LIMIT :n", kEtatEnAttente,
        seconds(cutoff), kBatch);
    for (long long id : ids) delete_compte(tx, id);
    purged += static_cast<int>(ids.size());
    if (ids.size() < static_cast<std::size_t>(kBatch)) return purged;
  }
}

void insert_jeton(Tx& tx, std::string_view empreinte, long long titulaire_id,
                  std::string_view usage, domain::Instant now, domain::Instant expire_le,
                  Titulaire titulaire) {
  const auto t = table_of(titulaire, "jetons");
  execute(tx,
          "INSERT INTO " + t.table + " (empreinte, " + t.colonne +
              ", usage, cree_le, expire_le) VALUES (:e, :c, :u, :t, :x)",
          empreinte, titulaire_id, usage, seconds(now), seconds(expire_le));
}

JetonLu read_jeton(Unit& unit, std::string_view empreinte, std::string_view usage,
                   domain::Instant now, Titulaire titulaire) {
  const auto t = table_of(titulaire, "jetons");
  const auto row = query_one<long long, long long, std::optional<long long>>(
      unit,
      "SELECT " + t.colonne + ", expire_le, utilise_le FROM " + t.table +
          " WHERE empreinte = :e AND usage = :u",
      empreinte, usage);
  if (!row) return {};
  const auto& [titulaire_id, expire_le, utilise_le] = *row;
  JetonLu lu{JetonEtat::valide, titulaire_id};
  if (utilise_le)
    lu.etat = JetonEtat::utilise;
  else if (seconds(now) >= expire_le)
    lu.etat = JetonEtat::expire;
  return lu;
}

std::optional<long long> consume_jeton(Tx& tx, std::string_view empreinte, std::string_view usage,
                                       domain::Instant now, Titulaire titulaire) {
  const auto t = table_of(titulaire, "jetons");
  const long long instant = seconds(now);
  if (execute(tx,
              "UPDATE " + t.table +
                  " SET utilise_le = :t WHERE empreinte = :e AND usage = :u "
                  "AND utilise_le IS NULL AND expire_le > :t2",
              instant, empreinte, usage, instant) != 1)
    return std::nullopt;
  return query_one<long long>(
             tx, "SELECT " + t.colonne + " FROM " + t.table + " WHERE empreinte = :e", empreinte)
      .value_or(0);
}

void void_jetons(Tx& tx, long long titulaire_id, std::string_view usage, domain::Instant now,
                 Titulaire titulaire) {
  const auto t = table_of(titulaire, "jetons");
  execute(tx,
          "UPDATE " + t.table + " SET utilise_le = :t WHERE " + t.colonne +
              " = :c AND usage = :u AND utilise_le IS NULL",
          seconds(now), titulaire_id, usage);
}

int count_jetons_since(Unit& unit, long long compte_id, std::string_view usage,
                       domain::Instant since) {
  return *query_one<int>(
      unit, "SELECT COUNT(*) FROM jetons WHERE compte_id = :c AND usage = :u AND cree_le > :t",
      compte_id, usage, seconds(since));
}

void insert_demande_mot_de_passe(Tx& tx, std::string_view identifiant, domain::Instant now) {
  execute(tx, "INSERT INTO demandes_mot_de_passe (identifiant, cree_le) VALUES (:i, :t)",
          identifiant, seconds(now));
}

std::vector<DemandeMotDePasse> demandes_mot_de_passe(Unit& unit, int limit) {
  std::vector<DemandeMotDePasse> out;
  for (auto& [id, identifiant, cree] : query_all<long long, std::string, long long>(
           unit, "SELECT id, identifiant, cree_le FROM demandes_mot_de_passe ORDER BY id LIMIT :n",
           limit))
    out.push_back({id, std::move(identifiant), instant(cree)});
  return out;
}

bool take_demande_mot_de_passe(Tx& tx, long long id) {
  return execute(tx, "DELETE FROM demandes_mot_de_passe WHERE id = :id", id) == 1;
}

}  // namespace examens::store
