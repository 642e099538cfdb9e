// Storage side of the office's list of candidatures.
#include "store/dossiers.hpp"

#include "store/statements.hpp"

namespace examens::store {
namespace {

constexpr std::string_view kColonnes =
    "SELECT c.id, c.domaine, c.session, c.numero_inscription, c.etat, c.etat_pieces, "
    "co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms FROM candidatures c "
    "JOIN comptes co ON co.id = c.compte_id ";

using Row = std::tuple<long long, std::string, std::string, std::string, std::string, std::string,
                       std::string, std::string, std::string, std::string>;

LigneDossier ligne_of(Row&& row) {
  LigneDossier l;
  std::string etat, pieces;
  std::tie(l.id, l.domaine, l.session, l.numero_inscription, etat, pieces, l.numero_candidat,
           l.nom_naissance, l.nom_usage, l.prenoms) = std::move(row);
  l.etat = domain::etat_from_code(etat).value_or(domain::EtatCandidature::inscrit);
  l.pieces = domain::etat_dossier_of_code(pieces).value_or(domain::EtatDossierPieces::en_attente);
  return l;
}

template <class... Params>
std::vector<LigneDossier> lignes(Unit& unit, const std::string& sql, Params&&... params) {
  std::vector<LigneDossier> out;
  for (auto& row : query_all<long long, std::string, std::string, std::string, std::string,
                             std::string, std::string, std::string, std::string, std::string>(
           unit, sql, std::forward<Params>(params)...))
    out.push_back(ligne_of(std::move(row)));
  return out;
}

const std::string kInscrit(domain::code_etat(domain::EtatCandidature::inscrit));

}  // namespace

std::vector<LigneDossier> lire_dossiers(Unit& unit, const RechercheDossiers& r) {
  // Two statements rather than one with an optional filter: each walks its own index range
  // (candidatures_academie_pieces, candidatures_academie) on both backends.
  if (r.pieces)
    return lignes(unit,
                  std::string(kColonnes) +
                      "WHERE c.academie = :a AND c.etat = :e AND c.etat_pieces = :p AND c.id > :i "
                      "ORDER BY c.id LIMIT :n",
                  r.academie, kInscrit, std::string(domain::code_etat_dossier(*r.pieces)), r.apres,
                  static_cast<long long>(r.limite));
  return lignes(
      unit, std::string(kColonnes) + "WHERE c.academie = :a AND c.id > :i ORDER BY c.id LIMIT :n",
      r.academie, r.apres, static_cast<long long>(r.limite));
}

long long compter_dossiers(Unit& unit, const std::string& academie,
                           domain::EtatDossierPieces pieces, long long plafond) {
  return query_one<long long>(
             unit,
             "SELECT COUNT(*) FROM (SELECT 1 FROM candidatures WHERE academie = :a AND etat = :e "
             "AND etat_pieces = :p LIMIT :n) premiers",
             academie, kInscrit, std::string(domain::code_etat_dossier(pieces)), plafond + 1)
      .value_or(0);
}

std::optional<LigneDossier> find_dossier(Unit& unit, long long candidature_id) {
  auto rows = lignes(unit, std::string(kColonnes) + "WHERE c.id = :i", candidature_id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void set_etat_pieces(Tx& tx, long long candidature_id, domain::EtatDossierPieces etat) {
  execute(tx, "UPDATE candidatures SET etat_pieces = :p WHERE id = :i",
          std::string(domain::code_etat_dossier(etat)), candidature_id);
}

}  // namespace examens::store
