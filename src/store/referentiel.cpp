// Reference data: bulk replacement and the in-memory lookup of each instance.
#include "store/referentiel.hpp"

#include <algorithm>

#include "store/sql.hpp"

namespace examens::store {

void replace_referentiel(Tx& tx, const std::vector<refdata::Pays>& pays,
                         const std::vector<refdata::Nationalite>& nationalites,
                         const std::vector<refdata::Departement>& departements,
                         const std::vector<refdata::Commune>& communes) {
  soci::session& sql = sql_of(tx);
  sql << "DELETE FROM communes";
  sql << "DELETE FROM departements";
  sql << "DELETE FROM nationalites";
  sql << "DELETE FROM pays";

  // Bulk inserts through vector binding: one prepared statement, many rows.
  {
    std::vector<std::string> codes, noms;
    std::vector<int> rangs;
    for (std::size_t i = 0; i < pays.size(); ++i) {
      codes.push_back(pays[i].code);
      noms.push_back(pays[i].nom);
      rangs.push_back(static_cast<int>(i));
    }
    if (!codes.empty())
      sql << "INSERT INTO pays (code, nom, rang) VALUES (:c, :n, :r)", soci::use(codes),
          soci::use(noms), soci::use(rangs);
  }
  {
    std::vector<std::string> codes, libelles;
    for (const auto& n : nationalites) {
      codes.push_back(n.code);
      libelles.push_back(n.libelle);
    }
    if (!codes.empty())
      sql << "INSERT INTO nationalites (code, libelle) VALUES (:c, :l)", soci::use(codes),
          soci::use(libelles);
  }
  {
    std::vector<std::string> codes, affiches, noms, zones;
    for (const auto& d : departements) {
      codes.push_back(d.code);
      affiches.push_back(d.code_affiche);
      noms.push_back(d.nom);
      zones.push_back(d.zone);
    }
    if (!codes.empty())
      sql << "INSERT INTO departements (code, code_affiche, nom, zone) VALUES (:c, :a, :n, :z)",
          soci::use(codes), soci::use(affiches), soci::use(noms), soci::use(zones);
  }
  {
    constexpr std::size_t kBatch = 2000;
    for (std::size_t start = 0; start < communes.size(); start += kBatch) {
      std::vector<std::string> codes, noms, deps, cles;
      for (std::size_t i = start; i < std::min(communes.size(), start + kBatch); ++i) {
        codes.push_back(communes[i].code);
        noms.push_back(communes[i].nom);
        deps.push_back(communes[i].departement);
        cles.push_back(refdata::search_key(communes[i].nom));
      }
      sql << "INSERT INTO communes (code, nom, departement, cle) VALUES (:c, :n, :d, :k)",
          soci::use(codes), soci::use(noms), soci::use(deps), soci::use(cles);
    }
  }
}

Referentiel::Referentiel(Unit& unit) {
  soci::session& sql = sql_of(unit);
  {
    refdata::Pays p;
    soci::statement st = (sql.prepare << "SELECT code, nom FROM pays ORDER BY rang",
                          soci::into(p.code), soci::into(p.nom));
    st.execute();
    while (st.fetch()) pays_.push_back(p);
  }
  {
    refdata::Nationalite n;
    soci::statement st = (sql.prepare << "SELECT code, libelle FROM nationalites ORDER BY libelle",
                          soci::into(n.code), soci::into(n.libelle));
    st.execute();
    while (st.fetch()) nationalites_.push_back(n);
  }
  {
    refdata::Departement d;
    soci::statement st =
        (sql.prepare << "SELECT code, code_affiche, nom, zone FROM departements "
                        "ORDER BY code_affiche",
         soci::into(d.code), soci::into(d.code_affiche), soci::into(d.nom), soci::into(d.zone));
    st.execute();
    while (st.fetch()) departements_.push_back(d);
  }
  {
    Entry e;
    soci::statement st = (sql.prepare << "SELECT code, nom, departement, cle FROM communes",
                          soci::into(e.commune.code), soci::into(e.commune.nom),
                          soci::into(e.commune.departement), soci::into(e.cle));
    st.execute();
    while (st.fetch()) communes_[e.commune.departement].push_back(e);
    for (auto& [dep, entries] : communes_)
      std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.cle, a.commune.code) < std::tie(b.cle, b.commune.code);
      });
  }
}

const refdata::Departement* Referentiel::departement(std::string_view code) const {
  for (const auto& d : departements_)
    if (d.code == code) return &d;
  return nullptr;
}

const refdata::Pays* Referentiel::pays(std::string_view code) const {
  for (const auto& p : pays_)
    if (p.code == code) return &p;
  return nullptr;
}

std::vector<refdata::Commune> Referentiel::search_communes(std::string_view departement,
                                                           std::string_view query,
                                                           std::size_t limit) const {
  std::vector<refdata::Commune> out;
  auto it = communes_.find(departement);
  if (it == communes_.end()) return out;
  const std::string key = refdata::search_key(query);
  if (key.empty()) return out;
  const auto& entries = it->second;
  auto first = std::lower_bound(entries.begin(), entries.end(), key,
                                [](const Entry& e, const std::string& k) { return e.cle < k; });
  for (; first != entries.end() && out.size() < limit; ++first) {
    if (first->cle.compare(0, key.size(), key) != 0) break;
    out.push_back(first->commune);
  }
  return out;
}

bool Referentiel::pays_exists(std::string_view code) const {
  return pays(code) != nullptr;
}

bool Referentiel::departement_exists(std::string_view code) const {
  return departement(code) != nullptr;
}

bool Referentiel::nationalite_exists(std::string_view code) const {
  return std::any_of(nationalites_.begin(), nationalites_.end(),
                     [code](const refdata::Nationalite& n) { return n.code == code; });
}

std::optional<std::string> Referentiel::commune_nom(std::string_view departement,
                                                    std::string_view code,
                                                    std::string_view nom) const {
  auto it = communes_.find(departement);
  if (it == communes_.end()) return std::nullopt;
  const std::string key = refdata::search_key(nom);
  std::optional<std::string> found;
  for (const auto& e : it->second) {
    if (e.commune.code != code) continue;
    if (e.cle == key) return e.commune.nom;
    if (!found) found = e.commune.nom;
  }
  return found;
}

std::optional<std::pair<std::string, std::string>> Referentiel::commune_par_nom(
    std::string_view departement, std::string_view nom) const {
  auto it = communes_.find(departement);
  if (it == communes_.end()) return std::nullopt;
  const std::string key = refdata::search_key(nom);
  std::optional<std::pair<std::string, std::string>> found;
  for (const auto& e : it->second) {
    if (e.cle != key) continue;
    if (found) return std::nullopt;  // two communes of that name: the list must decide
    found.emplace(e.commune.code, e.commune.nom);
  }
  return found;
}

}  // namespace examens::store
