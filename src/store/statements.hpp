// Statements prepared once per pooled session and run again with new values
// (docs/decisions/0008-statement-cache.md). The store's functions run their SQL through
// query_one, query_all and execute; each pooled session keeps its own cache, emptied when its
// connection is replaced.
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/sql.hpp"

namespace examens::store {

// A statement of the cache, whatever the values it is bound to.
class CachedStatement {
 public:
  virtual ~CachedStatement() = default;
  virtual soci::statement& statement() = 0;
};

// The statements prepared on one pooled session. Used by the lease holding that session
// only, as the session itself: no lock.
class StatementCache {
 public:
  explicit StatementCache(Backend backend) : backend_(backend) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { forget(); }

  // The statement of `sql` with Statement's bindings, prepared on `session` at its first use.
  template <class Statement>
  Statement& get(soci::session& session, std::string_view sql) {
    auto found = statements_.find(KeyView{typeid(Statement), sql});
    if (found == statements_.end()) {
      auto prepared = std::make_unique<Statement>(session, std::string(sql));
      ++prepared_;
      found =
          statements_.emplace(Key{typeid(Statement), std::string(sql)}, std::move(prepared)).first;
    }
    return static_cast<Statement&>(*found->second);
  }

  // Takes out a statement whose run threw: SOCI may have left parameter buffers of that run
  // in it (PostgreSQL sends such a buffer again in place of a NULL). The next use prepares
  // the SQL again; the statement itself is destroyed by drop_retired.
  void retire(CachedStatement& statement);
  // At the end of a lease, when the unit's transaction is over: PostgreSQL refuses the
  // DEALLOCATE of a retired statement inside the transaction that failed.
  void drop_retired();
  // Frees every statement without a word to the server, before its connection is closed or
  // replaced: the server drops its prepared statements with the connection.
  void forget();

  // Statements prepared on this session since the Database was made, the retired included.
  std::uint64_t prepared() const { return prepared_.load(); }

 private:
  struct Key {
    std::type_index type;
    std::string sql;
  };
  struct KeyView {
    std::type_index type;
    std::string_view sql;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(const KeyView& key) const {
      return std::hash<std::string_view>{}(key.sql) ^ key.type.hash_code();
    }
    std::size_t operator()(const Key& key) const { return (*this)(KeyView{key.type, key.sql}); }
  };
  struct Equal {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return a.type == b.type && std::string_view(a.sql) == std::string_view(b.sql);
    }
  };

  Backend backend_;
  std::unordered_map<Key, std::unique_ptr<CachedStatement>, Hash, Equal> statements_;
  std::vector<std::unique_ptr<CachedStatement>> retired_;
  std::atomic<std::uint64_t> prepared_{0};
};

// The cache of the unit's pooled session.
StatementCache& statements_of(Unit& unit);

namespace detail {

// Text parameters are kept as std::string: SOCI binds no string_view.
template <class T>
struct StoredAs {
  using type = T;
};
template <>
struct StoredAs<std::string_view> {
  using type = std::string;
};
template <>
struct StoredAs<const char*> {
  using type = std::string;
};
template <class T>
using Stored = typename StoredAs<std::decay_t<T>>::type;

// Where a parameter or a column lives between runs: SOCI binds its address once, when the
// statement is prepared. A std::optional is NULL when empty, through SOCI's indicator.
template <class T>
struct Slot {
  T value{};
  void use(soci::details::prepare_temp_type& p) { p, soci::use(value); }
  void into(soci::details::prepare_temp_type& p) { p, soci::into(value); }
  template <class V>
  void set(V&& v) {
    value = std::forward<V>(v);
  }
  T take() { return std::move(value); }
};

template <class T>
struct Slot<std::optional<T>> {
  T value{};
  soci::indicator indicator = soci::i_null;
  void use(soci::details::prepare_temp_type& p) { p, soci::use(value, indicator); }
  void into(soci::details::prepare_temp_type& p) { p, soci::into(value, indicator); }
  void set(const std::optional<T>& v) {
    indicator = v ? soci::i_ok : soci::i_null;
    if (v) value = *v;
  }
  std::optional<T> take() {
    if (indicator != soci::i_ok) return std::nullopt;
    return std::move(value);
  }
};

// A row: the value itself for a single column, a tuple otherwise.
template <class... Columns>
struct RowOf {
  using type = std::tuple<Columns...>;
};
template <class Column>
struct RowOf<Column> {
  using type = Column;
};

template <class Columns, class Params>
class Bound;

// A statement with the slots its columns and parameters are bound to, side by side on the
// heap for the statement's lifetime.
template <class... Columns, class... Params>
class Bound<std::tuple<Columns...>, std::tuple<Params...>> final : public CachedStatement {
 public:
  using Row = typename RowOf<Columns...>::type;

  Bound(soci::session& session, const std::string& sql) : statement_(prepare(session, sql)) {}
  soci::statement& statement() override { return statement_; }

  template <class... Values>
  void set(Values&&... values) {
    std::apply([&](auto&... slot) { (slot.set(std::forward<Values>(values)), ...); }, params_);
  }
  Row row() {
    if constexpr (sizeof...(Columns) == 1)
      return std::get<0>(columns_).take();
    else
      return std::apply([](auto&... slot) { return Row(slot.take()...); }, columns_);
  }

 private:
  soci::details::prepare_temp_type prepare(soci::session& session, const std::string& sql) {
    soci::details::prepare_temp_type p = (session.prepare << sql);
    std::apply([&](auto&... slot) { (slot.use(p), ...); }, params_);
    std::apply([&](auto&... slot) { (slot.into(p), ...); }, columns_);
    return p;
  }

  std::tuple<Slot<Params>...> params_;
  std::tuple<Slot<Columns>...> columns_;
  soci::statement statement_;  // last: destroyed before the slots it points to
};

// One run of a cached statement, which it leaves ready for the next. SQLite keeps the read
// transaction of a statement stepped to a row open until the statement is reset or run to
// completion (a snapshot that holds WAL checkpoints back and goes stale): the rows left are
// run through, even when an exception interrupts the run. A statement that threw is retired.
template <class Statement>
class Run {
 public:
  template <class... Values>
  Run(Unit& unit, std::string_view sql, Values&&... values)
      : cache_(statements_of(unit)), bound_(cache_.get<Statement>(sql_of(unit), sql)) {
    bound_.set(std::forward<Values>(values)...);
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;
  ~Run() {
    try {
      while (pending_) pending_ = bound_.statement().fetch();
    } catch (const std::exception&) {
      failed_ = true;
    }
    if (failed_) cache_.retire(bound_);
  }

  // Runs the statement; true when it gave a row, then in row().
  bool execute() {
    count_statement();
    return step([this] { return bound_.statement().execute(true); });
  }
  // The next row, if any.
  bool fetch() {
    return step([this] { return bound_.statement().fetch(); });
  }
  typename Statement::Row row() { return bound_.row(); }
  long long affected_rows() { return bound_.statement().get_affected_rows(); }

 private:
  template <class Step>
  bool step(Step run) {
    try {
      pending_ = run();
      return pending_;
    } catch (...) {
      pending_ = false;
      failed_ = true;
      throw;
    }
  }

  StatementCache& cache_;
  Statement& bound_;
  bool pending_ = false;
  bool failed_ = false;
};

template <class Columns, class... Params>
using RunOf = Run<Bound<Columns, std::tuple<Stored<Params>...>>>;

}  // namespace detail

// The first row of `sql` run with `params` (bound in order), nullopt when it gave none.
// Columns are the C++ types the row is read into, std::optional<T> for a column that may
// be NULL; a single column comes as itself, several as a tuple.
template <class... Columns, class... Params>
std::optional<typename detail::RowOf<Columns...>::type> query_one(Unit& unit, std::string_view sql,
                                                                  Params&&... params) {
  detail::RunOf<std::tuple<Columns...>, Params...> run(unit, sql, std::forward<Params>(params)...);
  if (!run.execute()) return std::nullopt;
  return run.row();
}

// Every row of `sql` run with `params`, as query_one reads one.
template <class... Columns, class... Params>
std::vector<typename detail::RowOf<Columns...>::type> query_all(Unit& unit, std::string_view sql,
                                                                Params&&... params) {
  detail::RunOf<std::tuple<Columns...>, Params...> run(unit, sql, std::forward<Params>(params)...);
  std::vector<typename detail::RowOf<Columns...>::type> rows;
  for (bool more = run.execute(); more; more = run.fetch()) rows.push_back(run.row());
  return rows;
}

// Runs `sql`, which gives no rows, with `params`. Returns how many rows it changed.
template <class... Params>
long long execute(Unit& unit, std::string_view sql, Params&&... params) {
  detail::RunOf<std::tuple<>, Params...> run(unit, sql, std::forward<Params>(params)...);
  run.execute();
  return run.affected_rows();
}

}  // namespace examens::store
