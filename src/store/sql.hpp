// SOCI inside the store: only store/*.cpp (and the tests that inspect rows) include this.
// Pages and actions reach the database through the typed functions of store/*.hpp.
#pragma once

#include <soci/soci.h>

#include "store/database.hpp"

namespace examens::store {

// The pooled session under a unit of work.
soci::session& sql_of(Unit& unit);

// Counts a statement sent on this thread (Activity::statements_sent).
void count_statement();

// A unique or primary-key violation (SOCI reports it differently per backend).
bool is_unique_violation(const soci::soci_error& error);

// Runs `write`, turning a unique violation into Duplicate.
template <class Write>
auto refusing_duplicates(Write&& write, const char* what) {
  try {
    return write();
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) throw Duplicate(what);
    throw;
  }
}

}  // namespace examens::store
