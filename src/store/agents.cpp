// Storage of staff accounts.
#include "store/agents.hpp"

#include "domain/compte.hpp"
#include "store/instants.hpp"
#include "store/sessions.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, email, nom, prenom, role, academie, mot_de_passe, etat, cree_le FROM agents ";

template <class... Params>
std::vector<Agent> select(Unit& unit, std::string_view where, Params&&... params) {
  std::vector<Agent> out;
  for (auto& [id, email, nom, prenom, role, academie, hash, etat, cree_le] :
       query_all<long long, std::string, std::string, std::string, std::string, std::string,
                 std::string, std::string, long long>(unit, std::string(kColumns) + where.data(),
                                                      std::forward<Params>(params)...))
    out.push_back(Agent{id, std::move(email), std::move(nom), std::move(prenom), std::move(role),
                        std::move(academie), std::move(hash), std::move(etat), instant(cree_le)});
  return out;
}

template <class Key>
std::optional<Agent> select_one(Unit& unit, std::string_view where, const Key& key) {
  auto found = select(unit, where, key);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace

long long insert_agent(Tx& tx, const Agent& a, domain::Instant now) {
  const long long t = seconds(now);
  return refusing_duplicates(
      [&] {
        return query_one<long long>(
                   tx,
                   "INSERT INTO agents (email, email_normalise, nom, prenom, role, academie, "
                   "mot_de_passe, etat, cree_le, modifie_le) VALUES (:email, :normalise, :nom, "
                   ":prenom, :role, :academie, '', :etat, :t, :t2) RETURNING id",
                   a.email, domain::normalize_email(a.email), a.nom, a.prenom, a.role, a.academie,
                   domain::kAgentEnAttente, t, t)
            .value_or(0);
      },
      "un agent existe déjà avec cette adresse mail");
}

void update_pending_agent(Tx& tx, const Agent& a, domain::Instant now) {
  execute(tx,
          "UPDATE agents SET nom = :nom, prenom = :prenom, role = :role, academie = :academie, "
          "modifie_le = :t WHERE id = :id AND etat = :etat",
          a.nom, a.prenom, a.role, a.academie, seconds(now), a.id, domain::kAgentEnAttente);
}

std::optional<Agent> find_agent(Unit& unit, long long id) {
  return select_one(unit, "WHERE id = :k", id);
}

std::optional<Agent> find_agent_by_email(Unit& unit, std::string_view email) {
  return select_one(unit, "WHERE email_normalise = :k", domain::normalize_email(email));
}

std::vector<Agent> list_agents(Unit& unit) {
  return select(unit, "ORDER BY academie, email_normalise");
}

void activate_agent(Tx& tx, long long id, std::string_view hash, domain::Instant now) {
  const long long t = seconds(now);
  execute(tx,
          "UPDATE agents SET mot_de_passe = :h, etat = :etat, active_le = :t, modifie_le = :t2 "
          "WHERE id = :id",
          hash, domain::kAgentActif, t, t, id);
}

void update_agent_mot_de_passe(Tx& tx, long long id, std::string_view hash, domain::Instant now) {
  execute(tx, "UPDATE agents SET mot_de_passe = :h, modifie_le = :t WHERE id = :id", hash,
          seconds(now), id);
}

void deactivate_agent(Tx& tx, long long id, domain::Instant now) {
  execute(tx, "UPDATE agents SET etat = :etat, modifie_le = :t WHERE id = :id",
          domain::kAgentDesactive, seconds(now), id);
  delete_other_sessions(tx, id, "", Titulaire::agent);
}

}  // namespace examens::store
