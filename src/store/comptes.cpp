// Storage of accounts, numéros de candidat and single-use tokens.
#include "store/comptes.hpp"

#include "store/instants.hpp"
#include "store/sql.hpp"

namespace examens::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, numero_candidat, email, identifiant, mot_de_passe, etat, civilite, "
    "nom_naissance, nom_usage, prenoms, date_naissance, pays_naissance, departement_naissance, "
    "commune_naissance_code, commune_naissance, cree_le FROM comptes ";

template <typename Value>
std::optional<Compte> select_one(soci::session& sql, const std::string& where, const Value& v) {
  Compte c;
  std::string identifiant, date;
  soci::indicator identifiant_ind = soci::i_ok;
  long long cree_le = 0;
  Value key = v;
  sql << kColumns + where, soci::use(key), soci::into(c.id), soci::into(c.numero_candidat),
      soci::into(c.email), soci::into(identifiant, identifiant_ind), soci::into(c.mot_de_passe),
      soci::into(c.etat), soci::into(c.identite.civilite), soci::into(c.identite.nom_naissance),
      soci::into(c.identite.nom_usage), soci::into(c.identite.prenoms), soci::into(date),
      soci::into(c.identite.pays_naissance), soci::into(c.identite.departement_naissance),
      soci::into(c.identite.commune_naissance_code), soci::into(c.identite.commune_naissance),
      soci::into(cree_le);
  if (!sql.got_data()) return std::nullopt;
  if (identifiant_ind == soci::i_ok) c.identifiant = identifiant;
  if (auto d = domain::parse_date_iso(date)) c.identite.date_naissance = *d;
  c.cree_le = instant(cree_le);
  return c;
}

}  // namespace

bool reserve_numero_candidat(Tx& tx, const std::string& numero, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  soci::statement st = (sql.prepare << "INSERT INTO numeros_candidat (numero, attribue_le) "
                                       "VALUES (:n, :t) ON CONFLICT (numero) DO NOTHING",
                        soci::use(numero), soci::use(t));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long insert_compte(Tx& tx, const Compte& c, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const std::string date = domain::format_date_iso(c.identite.date_naissance);
  const std::string normalise = domain::normalize_email(c.email);
  soci::indicator identifiant_ind = c.identifiant.empty() ? soci::i_null : soci::i_ok;
  long long id = 0;
  refusing_duplicates(
      [&] {
        sql << "INSERT INTO comptes (numero_candidat, email, email_normalise, identifiant, "
               "mot_de_passe, etat, civilite, nom_naissance, nom_usage, prenoms, date_naissance, "
               "pays_naissance, departement_naissance, commune_naissance_code, commune_naissance, "
               "cree_le, modifie_le) VALUES (:numero, :email, :normalise, :identifiant, :mdp, "
               ":etat, "
               ":civilite, :nom, :usage, :prenoms, :date, :pays, :dep, :code, :commune, :t, :t2) "
               "RETURNING id",
            soci::use(c.numero_candidat), soci::use(c.email), soci::use(normalise),
            soci::use(c.identifiant, identifiant_ind), soci::use(c.mot_de_passe), soci::use(c.etat),
            soci::use(c.identite.civilite), soci::use(c.identite.nom_naissance),
            soci::use(c.identite.nom_usage), soci::use(c.identite.prenoms), soci::use(date),
            soci::use(c.identite.pays_naissance), soci::use(c.identite.departement_naissance),
            soci::use(c.identite.commune_naissance_code), soci::use(c.identite.commune_naissance),
            soci::use(t), soci::use(t), soci::into(id);
      },
      "un compte existe déjà avec cette adresse mail");
  return id;
}

std::optional<Compte> find_compte(Unit& unit, long long id) {
  soci::session& sql = sql_of(unit);
  return select_one(sql, "WHERE id = :k", id);
}
std::optional<Compte> find_compte_by_email(Unit& unit, std::string_view email) {
  soci::session& sql = sql_of(unit);
  return select_one(sql, "WHERE email_normalise = :k", domain::normalize_email(email));
}
std::optional<Compte> find_compte_by_numero(Unit& unit, std::string_view numero) {
  soci::session& sql = sql_of(unit);
  return select_one(sql, "WHERE numero_candidat = :k", std::string(numero));
}
std::optional<Compte> find_compte_by_identifiant(Unit& unit, std::string_view login) {
  soci::session& sql = sql_of(unit);
  return select_one(sql, "WHERE identifiant = :k", domain::normalize_email(login));
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

bool email_taken(Unit& unit, std::string_view email, long long except_id) {
  soci::session& sql = sql_of(unit);
  int count = 0;
  const std::string normalise = domain::normalize_email(email);
  sql << "SELECT COUNT(*) FROM comptes WHERE email_normalise = :e AND id <> :id",
      soci::use(normalise), soci::use(except_id), soci::into(count);
  return count > 0;
}

bool has_any_candidature(Unit& unit, long long compte_id) {
  soci::session& sql = sql_of(unit);
  int count = 0;
  sql << "SELECT COUNT(*) FROM candidatures WHERE compte_id = :id", soci::use(compte_id),
      soci::into(count);
  return count > 0;
}

void activate_compte(Tx& tx, long long id, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const std::string etat(kEtatActif);
  sql << "UPDATE comptes SET etat = :etat, active_le = :t, modifie_le = :t2 WHERE id = :id",
      soci::use(etat), soci::use(t), soci::use(t), soci::use(id);
}

void update_identite(Tx& tx, long long id, const domain::Identite& i, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const std::string date = domain::format_date_iso(i.date_naissance);
  sql << "UPDATE comptes SET civilite = :c, nom_naissance = :n, nom_usage = :u, prenoms = :p, "
         "date_naissance = :d, pays_naissance = :pays, departement_naissance = :dep, "
         "commune_naissance_code = :code, commune_naissance = :commune, modifie_le = :t "
         "WHERE id = :id",
      soci::use(i.civilite), soci::use(i.nom_naissance), soci::use(i.nom_usage),
      soci::use(i.prenoms), soci::use(date), soci::use(i.pays_naissance),
      soci::use(i.departement_naissance), soci::use(i.commune_naissance_code),
      soci::use(i.commune_naissance), soci::use(t), soci::use(id);
}

void update_email(Tx& tx, long long id, std::string_view email, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const std::string e(email);
  const std::string normalise = domain::normalize_email(email);
  sql << "UPDATE comptes SET email = :e, email_normalise = :n, modifie_le = :t WHERE id = :id",
      soci::use(e), soci::use(normalise), soci::use(t), soci::use(id);
}

void update_mot_de_passe(Tx& tx, long long id, std::string_view hash, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const std::string h(hash);
  sql << "UPDATE comptes SET mot_de_passe = :h, modifie_le = :t WHERE id = :id", soci::use(h),
      soci::use(t), soci::use(id);
}

void delete_compte(Tx& tx, long long id) {
  soci::session& sql = sql_of(tx);
  // Explicit deletes rather than relying on ON DELETE CASCADE alone: SQLite only
  // enforces it with PRAGMA foreign_keys, which a tool connection may lack.
  sql << "DELETE FROM sessions WHERE compte_id = :id", soci::use(id);
  sql << "DELETE FROM jetons WHERE compte_id = :id", soci::use(id);
  sql << "DELETE FROM messages WHERE compte_id = :id", soci::use(id);
  sql << "DELETE FROM brouillons WHERE compte_id = :id", soci::use(id);
  sql << "DELETE FROM comptes WHERE id = :id", soci::use(id);
}

int purge_pending_comptes(Tx& tx, domain::Instant cutoff) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(cutoff);
  const std::string etat(kEtatEnAttente);
  // In batches: a vector into() fetches at most its size.
  constexpr std::size_t kBatch = 1000;
  int purged = 0;
  for (;;) {
    std::vector<long long> ids(kBatch);
    sql << "SELECT id FROM comptes WHERE etat = :etat AND cree_le <= :t", soci::use(etat),
        soci::use(t), soci::into(ids);
    for (long long id : ids) delete_compte(tx, id);
    purged += static_cast<int>(ids.size());
    if (ids.size() < kBatch) return purged;
  }
}

void insert_jeton(Tx& tx, std::string_view empreinte, long long compte_id, std::string_view usage,
                  domain::Instant now, domain::Instant expire_le) {
  soci::session& sql = sql_of(tx);
  const std::string e(empreinte), u(usage);
  const long long t = seconds(now), x = seconds(expire_le);
  sql << "INSERT INTO jetons (empreinte, compte_id, usage, cree_le, expire_le) "
         "VALUES (:e, :c, :u, :t, :x)",
      soci::use(e), soci::use(compte_id), soci::use(u), soci::use(t), soci::use(x);
}

JetonLu read_jeton(Unit& unit, std::string_view empreinte, std::string_view usage,
                   domain::Instant now) {
  soci::session& sql = sql_of(unit);
  const std::string e(empreinte), u(usage);
  long long compte_id = 0, expire_le = 0, utilise_le = 0;
  soci::indicator utilise_ind = soci::i_null;
  sql << "SELECT compte_id, expire_le, utilise_le FROM jetons WHERE empreinte = :e AND usage = :u",
      soci::use(e), soci::use(u), soci::into(compte_id), soci::into(expire_le),
      soci::into(utilise_le, utilise_ind);
  if (!sql.got_data()) return {};
  JetonLu lu{JetonEtat::valide, compte_id};
  if (utilise_ind == soci::i_ok)
    lu.etat = JetonEtat::utilise;
  else if (seconds(now) >= expire_le)
    lu.etat = JetonEtat::expire;
  return lu;
}

std::optional<long long> consume_jeton(Tx& tx, std::string_view empreinte, std::string_view usage,
                                       domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const std::string e(empreinte), u(usage);
  const long long t = seconds(now);
  soci::statement st =
      (sql.prepare << "UPDATE jetons SET utilise_le = :t WHERE empreinte = :e AND usage = :u "
                      "AND utilise_le IS NULL AND expire_le > :t2",
       soci::use(t), soci::use(e), soci::use(u), soci::use(t));
  st.execute(true);
  if (st.get_affected_rows() != 1) return std::nullopt;
  long long compte_id = 0;
  sql << "SELECT compte_id FROM jetons WHERE empreinte = :e", soci::use(e), soci::into(compte_id);
  return compte_id;
}

void void_jetons(Tx& tx, long long compte_id, std::string_view usage, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const std::string u(usage);
  const long long t = seconds(now);
  sql << "UPDATE jetons SET utilise_le = :t WHERE compte_id = :c AND usage = :u AND "
         "utilise_le IS NULL",
      soci::use(t), soci::use(compte_id), soci::use(u);
}

int count_jetons_since(Unit& unit, long long compte_id, std::string_view usage,
                       domain::Instant since) {
  soci::session& sql = sql_of(unit);
  const std::string u(usage);
  const long long t = seconds(since);
  int n = 0;
  sql << "SELECT COUNT(*) FROM jetons WHERE compte_id = :c AND usage = :u AND cree_le > :t",
      soci::use(compte_id), soci::use(u), soci::use(t), soci::into(n);
  return n;
}

void insert_demande_mot_de_passe(Tx& tx, std::string_view identifiant, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const std::string i(identifiant);
  const long long t = seconds(now);
  sql << "INSERT INTO demandes_mot_de_passe (identifiant, cree_le) VALUES (:i, :t)", soci::use(i),
      soci::use(t);
}

std::vector<DemandeMotDePasse> demandes_mot_de_passe(Unit& unit, int limit) {
  soci::session& sql = sql_of(unit);
  std::vector<DemandeMotDePasse> out;
  DemandeMotDePasse d;
  long long cree = 0;
  soci::statement st = (sql.prepare << "SELECT id, identifiant, cree_le FROM demandes_mot_de_passe "
                                       "ORDER BY id LIMIT " +
                                           std::to_string(limit),
                        soci::into(d.id), soci::into(d.identifiant), soci::into(cree));
  st.execute();
  while (st.fetch()) {
    d.cree_le = instant(cree);
    out.push_back(d);
  }
  return out;
}

bool take_demande_mot_de_passe(Tx& tx, long long id) {
  soci::session& sql = sql_of(tx);
  soci::statement st =
      (sql.prepare << "DELETE FROM demandes_mot_de_passe WHERE id = :id", soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace examens::store
