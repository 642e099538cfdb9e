// Storage of the audit trail.
#include "store/audit.hpp"

#include <limits>

#include "store/instants.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

std::optional<std::string> text_or_null(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

void append_audit(Tx& tx, const EntreeAudit& e) {
  execute(tx,
          "INSERT INTO audit (quand, acteur, acteur_id, academie, action, candidature_id, "
          "agent_id, avant, apres, adresse) VALUES (:q, :ac, :ai, :aca, :act, :c, :g, :av, :ap, "
          ":ad)",
          seconds(e.quand), e.acteur, e.acteur_id, e.academie, e.action, e.candidature_id,
          e.agent_id, text_or_null(e.avant), text_or_null(e.apres), text_or_null(e.adresse));
}

std::vector<LigneAudit> lire_audit(Unit& unit, const RechercheAudit& r) {
  // One statement for every filter (0: none), so that it is prepared once per session.
  const long long candidature = r.candidature_id.value_or(0);
  const long long agent = r.agent_id.value_or(0);
  std::vector<LigneAudit> out;
  for (auto& [id, quand, acteur, acteur_id, academie, action, candidature_id, agent_id, avant,
              apres, adresse, numero_candidat, numero_inscription, agent_email, acteur_email] :
       query_all<long long, long long, std::string, std::optional<long long>, std::string,
                 std::string, std::optional<long long>, std::optional<long long>,
                 std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
                 std::optional<std::string>, std::optional<std::string>, std::optional<std::string>,
                 std::optional<std::string>>(
           unit,
           "SELECT a.id, a.quand, a.acteur, a.acteur_id, a.academie, a.action, "
           "a.candidature_id, a.agent_id, a.avant, a.apres, a.adresse, co.numero_candidat, "
           "c.numero_inscription, g.email, ga.email FROM audit a "
           "LEFT JOIN candidatures c ON c.id = a.candidature_id "
           "LEFT JOIN comptes co ON co.id = c.compte_id "
           "LEFT JOIN agents g ON g.id = a.agent_id "
           "LEFT JOIN agents ga ON a.acteur = 'agent' AND ga.id = a.acteur_id "
           "WHERE a.academie = :academie AND a.id < :avant "
           "AND (CAST(:c AS BIGINT) = 0 OR a.candidature_id = :c2) "
           "AND (CAST(:g AS BIGINT) = 0 OR a.agent_id = :g2 "
           "OR (a.acteur = 'agent' AND a.acteur_id = :g3)) "
           "ORDER BY a.id DESC LIMIT :n",
           r.academie, r.avant.value_or(std::numeric_limits<long long>::max()), candidature,
           candidature, agent, agent, agent, static_cast<long long>(r.limite))) {
    LigneAudit l;
    l.entree = EntreeAudit{id,
                           instant(quand),
                           std::move(acteur),
                           acteur_id,
                           std::move(academie),
                           std::move(action),
                           candidature_id,
                           agent_id,
                           avant.value_or(""),
                           apres.value_or(""),
                           adresse.value_or("")};
    l.numero_candidat = numero_candidat.value_or("");
    l.numero_inscription = numero_inscription.value_or("");
    l.agent_email = agent_email.value_or("");
    l.acteur_email = acteur_email.value_or("");
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace examens::store
