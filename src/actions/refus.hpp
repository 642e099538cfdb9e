// The outcome "refused now" shared by the wizard's actions and the pieces' ones, so that a
// page may include both.
#pragma once

#include <string>

namespace examens::actions {

// Refused now (outside the window, the candidature left the candidate's hands, a piece that
// takes no more files): the French reason, for the candidate.
struct Refus {
  std::string raison;
};

}  // namespace examens::actions
