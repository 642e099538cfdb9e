// The storage connection: one SOCI pool over SQLite (embedded default, WAL) or
// PostgreSQL, chosen by the URL; transactions, migrations, dialect differences, and the
// pool's recovery from lost connections (docs/decisions/0005-database-recovery.md).
// Thread-safe: any worker thread may begin a transaction; each holds one pooled session.
// Callers see units of work (Read, Tx) and the typed functions of store/*.hpp; SOCI stays
// inside store/ (store/sql.hpp), so no page or action can write SQL of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace examens::store {

enum class Backend { sqlite, postgresql };

// The database cannot be reached: the connection was lost (restart, failover, network cut)
// or cannot be made again yet. A transaction that met it before its COMMIT wrote nothing;
// one whose COMMIT met it may or may not have been written.
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the storage met on the calling thread since this object was made, so that a caller
// can tell work that may run again (a lost connection, nothing committed) from work that
// may not (a COMMIT was sent: running it again could write twice).
class Activity {
 public:
  Activity();
  bool connection_lost() const;
  bool commit_sent() const;
  // The statements sent since, BEGIN and COMMIT included: on PostgreSQL, each a round trip
  // to its server, which a page's cost is mostly made of.
  std::uint64_t statements_sent() const;

 private:
  std::uint64_t lost_;
  std::uint64_t commits_;
  std::uint64_t statements_;
};

class Database;
class StatementCache;

// One pooled session, held for the lease's lifetime. A connection found lost is
// reconnected when next leased, so the pool heals after a restart of the server.
class Lease {
 public:
  // batch_writer: the session kept for grouped's batches on SQLite (Database::grouped).
  explicit Lease(Database& db, bool batch_writer = false);
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();
  soci::session& sql() { return session_; }
  // The statements prepared on this pooled session (store/statements.hpp).
  StatementCache& statements();
  // Whether the connection is lost; it is then replaced when the session is next leased.
  bool lost();

 private:
  Database& db_;
  std::size_t position_;
  soci::session& session_;
};

// A unit of work: one pooled session, leased for the unit's lifetime. The store's
// functions take a Unit when they only read, and a Tx when they write.
class Unit {
 public:
  Unit(const Unit&) = delete;
  Unit& operator=(const Unit&) = delete;
  Backend backend() const;

 protected:
  explicit Unit(Database& db, bool batch_writer = false);
  ~Unit() = default;
  Database& db_;
  Lease lease_;

 private:
  friend soci::session& sql_of(Unit& unit);
  friend StatementCache& statements_of(Unit& unit);
};

// What may write: a transaction, or a single statement committed on its own. A function
// meant to run either way (store::save_brouillon) takes a Writer; the others take a Tx.
class Writer : public Unit {
 protected:
  using Unit::Unit;
};

// A write transaction. Rolled back on destruction unless committed, so an exception
// anywhere leaves nothing half-written.
class Tx : public Writer {
 public:
  explicit Tx(Database& db);
  ~Tx();
  void commit();

 private:
  friend class Database;
  Tx(Database& db, bool batch_writer);
  bool done_ = false;
};

// One write statement committed by itself (no BEGIN, no COMMIT: two round trips fewer on
// PostgreSQL), for a statement that writes the same however many times it runs (an upsert of
// given values): like a read, it may run again when it met a lost connection.
class Idempotent : public Writer {
 public:
  explicit Idempotent(Database& db);
};

// Reads outside a transaction (each statement sees committed data).
class Read : public Unit {
 public:
  explicit Read(Database& db);
};

// The backend a database URL names: "postgresql://…" or "postgres://…", else an SQLite file.
Backend backend_of(std::string_view url);

class Database {
 public:
  // url: a file path (SQLite) or "postgresql://…" / "postgres://…".
  Database(std::string_view url, std::size_t pool_size);
  ~Database();

  Backend backend() const { return backend_; }
  // Sessions in the pool (SQLite's batch writer aside).
  std::size_t pool_size() const { return pool_size_; }

  // Applies every migration of `dir` (NNNN_name.sql) not applied yet, each in its own
  // transaction, recording it in schema_migrations. Returns how many were applied. Safe
  // when several instances migrate one database at once: each migration is applied once.
  int migrate(const std::filesystem::path& dir);

  // Statements prepared so far on all pooled sessions: each SQL text is prepared once per
  // session and connection (docs/decisions/0008-statement-cache.md).
  std::uint64_t statements_prepared() const;

  // On SQLite, runs `work` in a write transaction shared with the works other threads hand
  // in while a batch runs: one turn of the write lock, one COMMIT and one sync of the log for
  // them all (docs/decisions/0028-group-commit.md). On PostgreSQL, `work` has a transaction
  // of its own on the caller's thread. In a batch of several,
  // each work runs in a savepoint of its own: one that returns false or throws undoes its
  // own writes only, and what it threw is rethrown to its caller. A work may run on another
  // thread than its caller's, which waits meanwhile; it neither commits nor hands in work.
  // Returns what `work` returned, once its writes are committed.
  bool grouped(const std::function<bool(Tx&)>& work);
  // One statement that writes the same however many times it runs (an upsert of given
  // values): on PostgreSQL committed by itself (Idempotent: no BEGIN, no COMMIT, two round
  // trips fewer); on SQLite in a batch of `grouped`, its commit shared.
  void grouped_idempotent(const std::function<void(Writer&)>& write);
  // Works handed in and waiting for the running batch to end.
  std::size_t grouped_waiting();
  // Transactions that `grouped` ran.
  std::uint64_t grouped_batches() const { return batches_.load(); }

 private:
  friend class Lease;
  struct GroupedWork;

  void run_batch(const std::vector<GroupedWork*>& batch, const GroupedWork& leader);

  // Leases a pooled session (or the batches' own, `batch_writer`), reconnecting it first if
  // its connection predates the last loss found; throws Unavailable when that fails or the
  // back-off forbids trying yet.
  std::size_t acquire(bool batch_writer);
  soci::session& session_at(std::size_t position);
  void release(std::size_t position);
  // Records that the session at `position` lost its connection, and returns whether it did.
  bool check_lost(std::size_t position);
  void connect(soci::session& session);

  Backend backend_;
  std::string url_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  // On SQLite, the session of grouped's batches, at position pool_size_: one batch runs at a
  // time, and a connection's page cache survives its own commits only, so the batches'
  // inserts find the indexes' pages in memory instead of reading them again from the file
  // after every other connection's commit.
  std::unique_ptr<soci::session> batch_writer_;
  // Per session (pooled, then the batches'); after pool_ and batch_writer_, so destroyed
  // before the sessions they were prepared on.
  std::vector<std::unique_ptr<StatementCache>> statements_;
  // Raised each time a lost connection is found: one lost connection means the others,
  // made to the same server, are most likely lost too, unknown to them until used.
  std::atomic<std::uint64_t> losses_{0};
  std::vector<std::uint64_t> connected_at_;  // per session: losses_ when it connected
  std::mutex backoff_mutex_;
  std::chrono::steady_clock::time_point next_attempt_;
  std::chrono::milliseconds backoff_{0};
  std::mutex group_mutex_;
  std::condition_variable group_turn_;
  std::vector<GroupedWork*> group_queue_;  // handed in, not taken by a batch yet
  bool group_leading_ = false;             // a caller is running a batch
  std::atomic<std::uint64_t> batches_{0};
};

// A write refused by a unique index: the row exists already (an e-mail address, a numéro,
// a second active candidature). The transaction can only be rolled back.
class Duplicate : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// libpq keyword form ("host=… port=… dbname=…") of a postgresql:// URL: SOCI 4.0
// mangles URLs handed to it as they are.
std::string postgres_connection_string(std::string_view url);

// SQL of a migration file for a backend: {{id}} becomes the auto-increment key column, and
// only the backend's own {{sqlite}}…{{/sqlite}} or {{postgresql}}…{{/postgresql}} sections stay.
std::string dialect_sql(std::string_view sql, Backend backend);

}  // namespace examens::store
