// Whose sessions and single-use links: a candidate's account or a staff member's. Each kind
// has tables of its own (sessions/jetons, sessions_agents/jetons_agents), so a token of one
// kind is never found when looking for the other
// (docs/decisions/0012-staff-accounts.md).
#pragma once

#include <string>
#include <string_view>

namespace examens::store {

enum class Titulaire { compte, agent };

// Where the store's functions find the rows of `titulaire`: the candidates' table (`table`,
// "sessions") or its staff twin ("sessions_agents"), and the column naming the owner.
struct TableTitulaire {
  std::string table;
  std::string colonne;
};
inline TableTitulaire table_of(Titulaire titulaire, std::string_view table) {
  if (titulaire == Titulaire::agent) return {std::string(table) + "_agents", "agent_id"};
  return {std::string(table), "compte_id"};
}

}  // namespace examens::store
