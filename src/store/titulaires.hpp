// Whose sessions and single-use links: a candidate's account or a staff member's. Each kind
// has tables of its own (sessions/jetons, sessions_agents/jetons_agents), so a token of one
// kind is never found when looking for the other
// (docs/decisions/0012-staff-accounts.md).
#pragma once

namespace examens::store {

enum class Titulaire { compte, agent };

}  // namespace examens::store
