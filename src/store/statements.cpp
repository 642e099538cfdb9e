// The statement cache of a pooled session.
#include "store/statements.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>

namespace examens::store {

void StatementCache::retire(CachedStatement& statement) {
  const auto found = std::find_if(statements_.begin(), statements_.end(), [&](const auto& entry) {
    return entry.second.get() == &statement;
  });
  if (found == statements_.end()) return;
  retired_.push_back(std::move(found->second));
  statements_.erase(found);
}

void StatementCache::drop_retired() {
  retired_.clear();
}

void StatementCache::forget() {
  if (backend_ == Backend::postgresql) {
    // SOCI's statement sends DEALLOCATE when destroyed: a round trip each, for a connection
    // about to be closed, or a wait on one already dead. Without a name it sends nothing.
    const auto unname = [](CachedStatement& s) {
      static_cast<soci::postgresql_statement_backend*>(s.statement().get_backend())
          ->statementName_.clear();
    };
    for (auto& entry : statements_) unname(*entry.second);
    for (auto& statement : retired_) unname(*statement);
  }
  statements_.clear();
  retired_.clear();
}

}  // namespace examens::store
