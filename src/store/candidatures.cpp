// Storage of candidatures, versions and drafts.
#include "store/candidatures.hpp"

#include <stdexcept>

#include "store/instants.hpp"
#include "store/sql.hpp"

namespace examens::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, compte_id, domaine, session, academie, numero_inscription, etat, version, "
    "donnees, cree_le, modifie_le FROM candidatures ";

std::vector<Candidature> select_candidatures(soci::session& sql, const std::string& where,
                                             long long a, long long b) {
  std::vector<Candidature> out;
  Candidature c;
  std::string etat;
  long long cree = 0, modifie = 0;
  soci::statement st =
      (sql.prepare << kColumns + where, soci::use(a), soci::use(b), soci::into(c.id),
       soci::into(c.compte_id), soci::into(c.domaine), soci::into(c.session),
       soci::into(c.academie), soci::into(c.numero_inscription), soci::into(etat),
       soci::into(c.version), soci::into(c.donnees), soci::into(cree), soci::into(modifie));
  st.execute();
  while (st.fetch()) {
    Candidature row = c;
    const auto known = domain::etat_from_code(etat);
    // A state this code does not know was written by something else: showing it as
    // "Inscrit" would let the candidate act on a candidature the office has closed.
    if (!known)
      throw std::runtime_error("état de candidature inconnu en base : « " + etat +
                               " » (candidature " + std::to_string(c.id) + ")");
    row.etat = *known;
    row.cree_le = instant(cree);
    row.modifie_le = instant(modifie);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Candidature insert_candidature(Tx& tx, long long compte_id, const std::string& domaine,
                               const std::string& session, const std::string& academie,
                               const std::string& donnees, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  // One atomic increment: the row lock (PostgreSQL) or the write lock (SQLite) orders
  // racing registrations, and each reads back its own number.
  int rang = 0;
  sql << "UPDATE comptes SET dernier_numero_inscription = dernier_numero_inscription + 1 "
         "WHERE id = :id RETURNING dernier_numero_inscription",
      soci::use(compte_id), soci::into(rang);
  Candidature c;
  c.compte_id = compte_id;
  c.domaine = domaine;
  c.session = session;
  c.academie = academie;
  c.numero_inscription = domain::numero_inscription(rang);
  c.donnees = donnees;
  c.cree_le = c.modifie_le = now;
  const std::string etat(domain::code_etat(c.etat));
  const long long t = seconds(now);
  refusing_duplicates(
      [&] {
        sql << "INSERT INTO candidatures (compte_id, domaine, session, academie, "
               "numero_inscription, "
               "etat, version, donnees, cree_le, modifie_le) VALUES (:c, :d, :s, :a, :n, :e, 1, "
               ":o, :t, "
               ":t2) RETURNING id",
            soci::use(compte_id), soci::use(domaine), soci::use(session), soci::use(academie),
            soci::use(c.numero_inscription), soci::use(etat), soci::use(donnees), soci::use(t),
            soci::use(t), soci::into(c.id);
      },
      "une candidature active existe déjà pour cet examen et cette session");
  sql << "INSERT INTO candidature_versions (candidature_id, version, donnees, cree_le) "
         "VALUES (:id, 1, :o, :t)",
      soci::use(c.id), soci::use(donnees), soci::use(t);
  return c;
}

std::optional<int> save_modification(Tx& tx, long long candidature_id, const std::string& donnees,
                                     domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  int version = 0;
  const std::string inscrit(domain::code_etat(domain::EtatCandidature::inscrit));
  const std::string a_completer(domain::code_etat(domain::EtatCandidature::a_completer));
  sql << "UPDATE candidatures SET version = version + 1, donnees = :o, modifie_le = :t "
         "WHERE id = :id AND etat IN (:e1, :e2) RETURNING version",
      soci::use(donnees), soci::use(t), soci::use(candidature_id), soci::use(inscrit),
      soci::use(a_completer), soci::into(version);
  if (!sql.got_data()) return std::nullopt;
  sql << "INSERT INTO candidature_versions (candidature_id, version, donnees, cree_le) "
         "VALUES (:id, :v, :o, :t)",
      soci::use(candidature_id), soci::use(version), soci::use(donnees), soci::use(t);
  return version;
}

bool mark_desinscrite(Tx& tx, long long candidature_id, domain::Instant now) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const std::string etat(domain::code_etat(domain::EtatCandidature::desinscrit_candidat));
  const std::string attendu(domain::code_etat(domain::EtatCandidature::inscrit));
  soci::statement st =
      (sql.prepare << "UPDATE candidatures SET etat = :e, desinscrit_le = :t, modifie_le = :t2 "
                      "WHERE id = :id AND etat = :attendu",
       soci::use(etat), soci::use(t), soci::use(t), soci::use(candidature_id), soci::use(attendu));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Candidature> find_candidature(Unit& unit, long long compte_id, long long id) {
  soci::session& sql = sql_of(unit);
  auto rows = select_candidatures(sql, "WHERE compte_id = :a AND id = :b", compte_id, id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Candidature> candidatures_of(Unit& unit, long long compte_id) {
  soci::session& sql = sql_of(unit);
  return select_candidatures(sql, "WHERE compte_id = :a AND id > :b ORDER BY numero_inscription",
                             compte_id, 0);
}

std::optional<std::string> version_snapshot(Unit& unit, long long candidature_id, int version) {
  soci::session& sql = sql_of(unit);
  std::string donnees;
  sql << "SELECT donnees FROM candidature_versions WHERE candidature_id = :id AND version = :v",
      soci::use(candidature_id), soci::use(version), soci::into(donnees);
  if (!sql.got_data()) return std::nullopt;
  return donnees;
}

void save_brouillon(Tx& tx, long long compte_id, const std::string& cle, const std::string& donnees,
                    domain::Instant now, domain::Instant ferme_le) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(now);
  const long long f = seconds(ferme_le);
  sql << "INSERT INTO brouillons (compte_id, cle, donnees, modifie_le, ferme_le) "
         "VALUES (:c, :k, :d, :t, :f) "
         "ON CONFLICT (compte_id, cle) DO UPDATE SET donnees = excluded.donnees, "
         "modifie_le = excluded.modifie_le, ferme_le = excluded.ferme_le",
      soci::use(compte_id), soci::use(cle), soci::use(donnees), soci::use(t), soci::use(f);
}

int purge_brouillons(Tx& tx, domain::Instant cutoff) {
  soci::session& sql = sql_of(tx);
  const long long t = seconds(cutoff);
  soci::statement st =
      (sql.prepare << "DELETE FROM brouillons WHERE ferme_le > 0 AND ferme_le <= :t", soci::use(t));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

std::optional<std::string> load_brouillon(Unit& unit, long long compte_id, const std::string& cle) {
  soci::session& sql = sql_of(unit);
  std::string donnees;
  sql << "SELECT donnees FROM brouillons WHERE compte_id = :c AND cle = :k", soci::use(compte_id),
      soci::use(cle), soci::into(donnees);
  if (!sql.got_data()) return std::nullopt;
  return donnees;
}

std::vector<std::pair<std::string, std::string>> brouillons_of(Unit& unit, long long compte_id) {
  soci::session& sql = sql_of(unit);
  std::vector<std::pair<std::string, std::string>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT cle, donnees FROM brouillons WHERE compte_id = :c ORDER BY cle",
       soci::use(compte_id));
  for (const auto& row : rows) out.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
  return out;
}

bool delete_brouillon(Tx& tx, long long compte_id, const std::string& cle) {
  soci::session& sql = sql_of(tx);
  soci::statement st = (sql.prepare << "DELETE FROM brouillons WHERE compte_id = :c AND cle = :k",
                        soci::use(compte_id), soci::use(cle));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace examens::store
