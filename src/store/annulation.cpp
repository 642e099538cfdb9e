// Storage of the cancellation of candidatures without their signed récapitulatif.
#include "store/annulation.hpp"

#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

// The piece's row is joined on its code: the unique (candidature_id, code) index finds it.
constexpr std::string_view kSelect =
    "SELECT c.id, c.compte_id, c.domaine, c.session, c.academie, c.numero_inscription, "
    "c.version, c.donnees, co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms, "
    "j.statut, j.valide_le, (SELECT COUNT(*) FROM depots d WHERE d.justificatif_id = j.id) "
    "FROM candidatures c JOIN comptes co ON co.id = c.compte_id "
    "LEFT JOIN justificatifs j ON j.candidature_id = c.id AND j.code = :code WHERE ";

// SessionSansRecapitulatif as SQL: the académie, state and session are an index range
// (candidatures_academie in id order for a page, candidatures_session for a count); the piece
// is probed once per candidature in the unique (candidature_id, code) index, and its files in
// depots_justificatif.
constexpr std::string_view kSession =
    "c.academie = :a AND c.etat = :e AND c.domaine = :d AND c.session = :s AND NOT EXISTS "
    "(SELECT 1 FROM justificatifs r WHERE r.candidature_id = c.id AND r.code = :code2 AND "
    "(r.statut IN (:recue, :conforme) OR (:en_ligne = 1 AND r.statut = :aucun AND "
    "r.valide_le IS NOT NULL AND EXISTS (SELECT 1 FROM depots p WHERE p.justificatif_id = "
    "r.id))))";

const std::string kPage =
    std::string(kSelect) + std::string(kSession) + " AND c.id > :i ORDER BY c.id LIMIT :n";
const std::string kCompte = "SELECT COUNT(*) FROM (SELECT 1 FROM candidatures c WHERE " +
                            std::string(kSession) + " LIMIT :n) premiers";
const std::string kUne = std::string(kSelect) + "c.etat = :e AND c.id = :id";

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
std::vector<SansRecapitulatif> select_lignes(Unit& unit, const std::string& sql,
                                             const Params&... params) {
  std::vector<SansRecapitulatif> out;
  for (auto& ligne :
       query_all<long long, long long, std::string, std::string, std::string, std::string, int,
                 std::string, std::string, std::string, std::string, std::string,
                 std::optional<std::string>, std::optional<long long>, int>(unit, sql, params...))
    out.push_back(of_ligne(std::move(ligne)));
  return out;
}

// kSession's parameters, then `rest`, in the order of the statement.
template <class Run, class... Rest>
auto with_session(Run run, const SessionSansRecapitulatif& s, const Rest&... rest) {
  return run(s.academie, inscrit(), s.domaine, s.session, s.code,
             domain::code_statut(domain::StatutPiece::recue),
             domain::code_statut(domain::StatutPiece::conforme), s.en_ligne ? 1 : 0,
             domain::code_statut(domain::StatutPiece::aucun), rest...);
}

}  // namespace

std::vector<SansRecapitulatif> sans_recapitulatif(Unit& unit, const SessionSansRecapitulatif& s,
                                                  long long apres, int limite) {
  return with_session(
      [&](const auto&... params) { return select_lignes(unit, kPage, s.code, params...); }, s,
      apres, static_cast<long long>(limite));
}

long long compter_sans_recapitulatif(Unit& unit, const SessionSansRecapitulatif& s,
                                     long long plafond) {
  return with_session(
      [&](const auto&... params) {
        return query_one<long long>(unit, kCompte, params...).value_or(0);
      },
      s, plafond + 1);
}

std::optional<SansRecapitulatif> sans_recapitulatif(Unit& unit, long long candidature_id,
                                                    const std::string& code) {
  auto lignes = select_lignes(unit, kUne, code, inscrit(), candidature_id);
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
