// Storage of staff accounts (gestionnaires, administrateurs). Their sessions and single-use
// links are stored by store/sessions.hpp and store/comptes.hpp with Titulaire::agent.
// Functions take the session of a Tx (writes) or a Read, so a caller composes them in one
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/agents.hpp"
#include "domain/clock.hpp"
#include "store/database.hpp"

namespace examens::store {

struct Agent {
  long long id = 0;
  std::string email;
  std::string nom;
  std::string prenom;
  std::string role;          // domain::kRoleGestionnaire…
  std::string academie;      // code
  std::string mot_de_passe;  // Argon2id hash string; empty until activation
  std::string etat;          // domain::kAgentEnAttente…
  domain::Instant cree_le{};
  bool actif() const { return etat == domain::kAgentActif; }
};

// Inserts a pending staff member with no password. A twin email throws Duplicate.
long long insert_agent(Tx& tx, const Agent& agent, domain::Instant now);

// Rewrites the names, role and académie of a staff member still pending.
void update_pending_agent(Tx& tx, const Agent& agent, domain::Instant now);

std::optional<Agent> find_agent(Unit& unit, long long id);
std::optional<Agent> find_agent_by_email(Unit& unit, std::string_view email);
// Every staff member, by académie then email.
std::vector<Agent> list_agents(Unit& unit);

// Sets the password and makes the staff member active (his activation link's choice).
void activate_agent(Tx& tx, long long id, std::string_view hash, domain::Instant now);
void update_agent_mot_de_passe(Tx& tx, long long id, std::string_view hash, domain::Instant now);
// Désactivé: he can no longer log in, and his sessions end. The row stays (the audit names it).
void deactivate_agent(Tx& tx, long long id, domain::Instant now);

}  // namespace examens::store
