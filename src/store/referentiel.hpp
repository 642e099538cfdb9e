// Geographic reference data (pays, nationalités, départements, communes): written by
// `examens init` from the public sources, then held in memory by each instance,
// since every form shows the lists and the commune search runs per keystroke.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/compte.hpp"
#include "refdata/refdata.hpp"
#include "store/database.hpp"

namespace examens::store {

// Replaces the whole reference data in one transaction (the caller's).
void replace_referentiel(Tx& tx, const std::vector<refdata::Pays>& pays,
                         const std::vector<refdata::Nationalite>& nationalites,
                         const std::vector<refdata::Departement>& departements,
                         const std::vector<refdata::Commune>& communes);

class Referentiel final : public domain::ReferenceLookup {
 public:
  // Loads everything from the database.
  explicit Referentiel(Unit& unit);

  const std::vector<refdata::Pays>& pays() const { return pays_; }
  const std::vector<refdata::Nationalite>& nationalites() const { return nationalites_; }
  const std::vector<refdata::Departement>& departements() const { return departements_; }
  const refdata::Departement* departement(std::string_view code) const;
  const refdata::Pays* pays(std::string_view code) const;

  // Communes of `departement` whose folded name starts with the folded `query`.
  std::vector<refdata::Commune> search_communes(std::string_view departement,
                                                std::string_view query, std::size_t limit) const;

  bool pays_exists(std::string_view code) const override;
  bool departement_exists(std::string_view code) const override;
  bool nationalite_exists(std::string_view code) const override;
  std::optional<std::string> commune_nom(std::string_view departement, std::string_view code,
                                         std::string_view nom) const override;
  std::optional<std::pair<std::string, std::string>> commune_par_nom(
      std::string_view departement, std::string_view nom) const override;

 private:
  struct Entry {
    std::string cle;
    refdata::Commune commune;
  };
  std::vector<refdata::Pays> pays_;
  std::vector<refdata::Nationalite> nationalites_;
  std::vector<refdata::Departement> departements_;
  std::map<std::string, std::vector<Entry>, std::less<>>
      communes_;  // by département, sorted by cle
};

}  // namespace examens::store
