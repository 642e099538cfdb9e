// Storage of the cancellation of candidatures without their signed récapitulatif.
#include "store/annulation.hpp"

#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

// The piece's row is joined on its code: the unique (candidature_id, code) index finds it.
constexpr const char* kSelect =
    "SELECT c.id, c.compte_id, c.domaine, c.session, c.academie, c.numero_inscription, "
    "c.version, c.donnees, co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms, "
    "j.statut, j.valide_le, (SELECT COUNT(*) FROM depots d WHERE d.justificatif_id = j.id) "
    "FROM candidatures c JOIN comptes co ON co.id = c.compte_id "
    "LEFT JOIN justificatifs j ON j.candidature_id = c.id AND j.code = :code "
    "WHERE c.etat = :e AND ";

// A row of kSelect. Only Inscrit candidatures are read: their state needs no decoding.
SansRecapitulatif of_ligne(auto&& ligne) {
  SansRecapitulatif s;
  Candidature& c = s.candidature;
  std::optional<std::string> statut;
  std::optional<long long> valide;
  std::tie(c.id, c.compte_id, c.domaine, c.session, c.academie, c.numero_inscription, c.version,
           c.donnees, s.numero_candidat, s.nom_naissance, s.nom_usage, s.prenoms, statut, valide,
           s.piece.depots) = std::move(ligne);
  c.etat = domain::EtatCandidature::inscrit;
  if (statut) s.piece.statut = domain::statut_of_code(*statut).value_or(domain::StatutPiece::aucun);
  if (valide) s.piece.valide_le = instant(*valide);
  return s;
}

std::string_view inscrit() {
  return domain::code_etat(domain::EtatCandidature::inscrit);
}

template <class... Params>
std::vector<SansRecapitulatif> select_lignes(Unit& unit, const std::string& where,
                                             const Params&... params) {
  std::vector<SansRecapitulatif> out;
  for (auto& ligne :
       query_all<long long, long long, std::string, std::string, std::string, std::string, int,
                 std::string, std::string, std::string, std::string, std::string,
                 std::optional<std::string>, std::optional<long long>, int>(
           unit, std::string(kSelect) + where, params...))
    out.push_back(of_ligne(std::move(ligne)));
  return out;
}

}  // namespace

std::vector<SansRecapitulatif> sans_recapitulatif(Unit& unit, const std::string& academie,
                                                  const std::string& code) {
  return select_lignes(unit,
                       "c.academie = :a AND (j.id IS NULL OR j.statut NOT IN (:recue, :conforme)) "
                       "ORDER BY co.numero_candidat, c.numero_inscription",
                       code, inscrit(), academie, domain::code_statut(domain::StatutPiece::recue),
                       domain::code_statut(domain::StatutPiece::conforme));
}

std::optional<SansRecapitulatif> sans_recapitulatif(Unit& unit, long long candidature_id,
                                                    const std::string& code) {
  auto lignes = select_lignes(unit, "c.id = :id", code, inscrit(), candidature_id);
  if (lignes.empty()) return std::nullopt;
  return std::move(lignes.front());
}

bool mark_annulee(Tx& tx, long long candidature_id, domain::Instant now) {
  return execute(tx,
                 "UPDATE candidatures SET etat = :e, modifie_le = :t WHERE id = :id AND etat = "
                 ":attendu",
                 domain::code_etat(domain::EtatCandidature::annulee), seconds(now), candidature_id,
                 domain::code_etat(domain::EtatCandidature::inscrit)) == 1;
}

}  // namespace examens::store
