// Storage of candidatures, versions and drafts.
#include "store/candidatures.hpp"

#include <stdexcept>

#include "store/candidature_row.hpp"
#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, compte_id, domaine, session, academie, numero_inscription, etat, version, "
    "donnees, cree_le, modifie_le FROM candidatures ";

std::vector<Candidature> select_candidatures(Unit& unit, const char* where, long long a,
                                             long long b) {
  auto rows = std::apply(
      [&](auto... columns) {
        return query_all<decltype(columns)...>(unit, std::string(kColumns) + where, a, b);
      },
      CandidatureRow{});
  std::vector<Candidature> out;
  out.reserve(rows.size());
  for (auto& row : rows) out.push_back(candidature_of(std::move(row)));
  return out;
}

}  // namespace

Candidature candidature_of(CandidatureRow&& row) {
  Candidature c;
  std::string etat;
  long long cree = 0, modifie = 0;
  std::tie(c.id, c.compte_id, c.domaine, c.session, c.academie, c.numero_inscription, etat,
           c.version, c.donnees, cree, modifie) = std::move(row);
  const auto known = domain::etat_from_code(etat);
  // A state this code does not know was written by something else: showing it as
  // "Inscrit" would let the candidate act on a candidature the office has closed.
  if (!known)
    throw std::runtime_error("état de candidature inconnu en base : « " + etat +
                             " » (candidature " + std::to_string(c.id) + ")");
  c.etat = *known;
  c.cree_le = instant(cree);
  c.modifie_le = instant(modifie);
  return c;
}

Candidature insert_candidature(Tx& tx, long long compte_id, const std::string& domaine,
                               const std::string& session, const std::string& academie,
                               const std::string& donnees, domain::Instant now) {
  // One atomic increment: the row lock (PostgreSQL) or the write lock (SQLite) orders
  // racing registrations, and each reads back its own number.
  const int rang =
      query_one<int>(tx,
                     "UPDATE comptes SET dernier_numero_inscription = dernier_numero_inscription "
                     "+ 1 WHERE id = :id RETURNING dernier_numero_inscription",
                     compte_id)
          .value_or(0);
  Candidature c;
  c.compte_id = compte_id;
  c.domaine = domaine;
  c.session = session;
  c.academie = academie;
  c.numero_inscription = domain::numero_inscription(rang);
  c.donnees = donnees;
  c.cree_le = c.modifie_le = now;
  const long long t = seconds(now);
  c.id = refusing_duplicates(
      [&] {
        return query_one<long long>(
                   tx,
                   "INSERT INTO candidatures (compte_id, domaine, session, academie, "
                   "numero_inscription, etat, version, donnees, cree_le, modifie_le) VALUES "
                   "(:c, :d, :s, :a, :n, :e, 1, :o, :t, :t2) RETURNING id",
                   compte_id, domaine, session, academie, c.numero_inscription,
                   domain::code_etat(c.etat), donnees, t, t)
            .value_or(0);
      },
      "une candidature active existe déjà pour cet examen et cette session");
  execute(tx,
          "INSERT INTO candidature_versions (candidature_id, version, donnees, cree_le) "
          "VALUES (:id, 1, :o, :t)",
          c.id, donnees, t);
  return c;
}

std::optional<int> save_modification(Tx& tx, long long candidature_id, const std::string& donnees,
                                     domain::Instant now) {
  const long long t = seconds(now);
  const auto version = query_one<int>(
      tx,
      "UPDATE candidatures SET version = version + 1, donnees = :o, modifie_le = :t "
      "WHERE id = :id AND etat IN (:e1, :e2) RETURNING version",
      donnees, t, candidature_id, domain::code_etat(domain::EtatCandidature::inscrit),
      domain::code_etat(domain::EtatCandidature::a_completer));
  if (!version) return std::nullopt;
  execute(tx,
          "INSERT INTO candidature_versions (candidature_id, version, donnees, cree_le) "
          "VALUES (:id, :v, :o, :t)",
          candidature_id, *version, donnees, t);
  return version;
}

bool mark_desinscrite(Tx& tx, long long candidature_id, domain::Instant now) {
  const long long t = seconds(now);
  return execute(tx,
                 "UPDATE candidatures SET etat = :e, desinscrit_le = :t, modifie_le = :t2 "
                 "WHERE id = :id AND etat = :attendu",
                 domain::code_etat(domain::EtatCandidature::desinscrit_candidat), t, t,
                 candidature_id, domain::code_etat(domain::EtatCandidature::inscrit)) == 1;
}

std::optional<Candidature> find_candidature(Unit& unit, long long compte_id, long long id) {
  auto rows = select_candidatures(unit, "WHERE compte_id = :a AND id = :b", compte_id, id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Candidature> candidatures_of(Unit& unit, long long compte_id) {
  return select_candidatures(unit, "WHERE compte_id = :a AND id > :b ORDER BY numero_inscription",
                             compte_id, 0);
}

std::optional<Candidature> find_candidature_by_id(Unit& unit, long long id) {
  auto rows = select_candidatures(unit, "WHERE id = :a AND compte_id > :b", id, 0);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<long long> candidature_id_by_numeros(Unit& unit, const std::string& numero_candidat,
                                                   const std::string& numero_inscription) {
  return query_one<long long>(
      unit,
      "SELECT c.id FROM candidatures c JOIN comptes co ON co.id = c.compte_id "
      "WHERE co.numero_candidat = :n AND c.numero_inscription = :i",
      numero_candidat, numero_inscription);
}

std::optional<std::string> version_snapshot(Unit& unit, long long candidature_id, int version) {
  return query_one<std::string>(
      unit, "SELECT donnees FROM candidature_versions WHERE candidature_id = :id AND version = :v",
      candidature_id, version);
}

void save_brouillon(Writer& w, long long compte_id, const std::string& cle,
                    const std::string& donnees, domain::Instant now, domain::Instant ferme_le) {
  execute(w,
          "INSERT INTO brouillons (compte_id, cle, donnees, modifie_le, ferme_le) "
          "VALUES (:c, :k, :d, :t, :f) "
          "ON CONFLICT (compte_id, cle) DO UPDATE SET donnees = excluded.donnees, "
          "modifie_le = excluded.modifie_le, ferme_le = excluded.ferme_le",
          compte_id, cle, donnees, seconds(now), seconds(ferme_le));
}

int purge_brouillons(Tx& tx, domain::Instant cutoff) {
  return static_cast<int>(
      execute(tx, "DELETE FROM brouillons WHERE ferme_le > 0 AND ferme_le <= :t", seconds(cutoff)));
}

std::optional<std::string> load_brouillon(Unit& unit, long long compte_id, const std::string& cle) {
  return query_one<std::string>(
      unit, "SELECT donnees FROM brouillons WHERE compte_id = :c AND cle = :k", compte_id, cle);
}

bool delete_brouillon(Tx& tx, long long compte_id, const std::string& cle) {
  return execute(tx, "DELETE FROM brouillons WHERE compte_id = :c AND cle = :k", compte_id, cle) ==
         1;
}

}  // namespace examens::store
