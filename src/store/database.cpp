// The storage connection pool, transactions and migrations.
#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "store/statements.hpp"

namespace examens::store {
namespace {

// The PostgreSQL advisory lock of migrations: any number the application uses for nothing
// else ("examens" in ASCII).
constexpr long long kMigrationLock = 0x6578616d656e73;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Splits a migration into statements on ';' at line ends: a statement holding ';' of its
// own (a trigger's body) is written on one line.
std::vector<std::string> statements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;
  std::istringstream in(sql);
  for (std::string line; std::getline(in, line);) {
    const auto comment = line.find("--");
    std::string code = comment == std::string::npos ? line : line.substr(0, comment);
    current += code + "\n";
    const auto last = code.find_last_not_of(" \t\r");
    if (last != std::string::npos && code[last] == ';') {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

// Single-quotes a libpq keyword value.
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// Reconnection attempts to an unreachable server are spaced from the first to the last
// delay, doubling: requests fail fast meanwhile, and the server, once back, is found
// within the last delay.
constexpr auto kFirstBackoff = std::chrono::milliseconds(100);
constexpr auto kLastBackoff = std::chrono::milliseconds(2000);

// Marks a pooled session whose connection was found lost (no value of the loss count).
constexpr std::uint64_t kLost = std::numeric_limits<std::uint64_t>::max();

// Per thread: a request runs on one worker thread, and Activity compares these around it.
thread_local std::uint64_t t_lost = 0;
thread_local std::uint64_t t_commits = 0;
thread_local std::uint64_t t_statements = 0;
// Whether this thread runs grouped works: one handing in another would wait for itself.
thread_local bool t_grouping = false;

struct Grouping {
  Grouping() {
    if (t_grouping) throw std::logic_error("Database::grouped called from a grouped work");
    t_grouping = true;
  }
  ~Grouping() { t_grouping = false; }
  Grouping(const Grouping&) = delete;
  Grouping& operator=(const Grouping&) = delete;
};

// A lost connection: libpq's own verdict on PostgreSQL (whatever the error said), no
// connection at all after a reconnection failed. An SQLite file has no connection to lose.
bool connection_lost(soci::session& s, Backend backend) {
  auto* session_backend = s.get_backend();
  if (!session_backend) return true;
  if (backend == Backend::sqlite) return false;
  auto* pg = static_cast<soci::postgresql_session_backend*>(session_backend);
  return PQstatus(pg->conn_) == CONNECTION_BAD;
}

}  // namespace

std::string postgres_connection_string(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument("invalid PostgreSQL URL");
  std::string out;
  auto add = [&out](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += std::string(key) + "=" + quoted(value);
  };
  add("host", parsed->encoded_host().decode());
  add("port", parsed->port());
  add("user", parsed->encoded_user().decode());
  add("password", parsed->encoded_password().decode());
  std::string path = parsed->encoded_path().decode();
  if (!path.empty() && path.front() == '/') path.erase(0, 1);
  add("dbname", path);
  for (auto param : parsed->params()) add(param.key, param.value);
  return out;
}

namespace {

// Keeps the text between {{name}} and {{/name}} when `keep`, drops it otherwise; the
// markers go either way.
std::string section(std::string text, const std::string& name, bool keep) {
  const std::string open = "{{" + name + "}}", close = "{{/" + name + "}}";
  for (std::size_t start; (start = text.find(open)) != std::string::npos;) {
    const std::size_t end = text.find(close, start);
    if (end == std::string::npos) throw std::runtime_error("migration: " + open + " not closed");
    if (keep) {
      text.erase(end, close.size());
      text.erase(start, open.size());
    } else {
      text.erase(start, end + close.size() - start);
    }
  }
  return text;
}

}  // namespace

std::string dialect_sql(std::string_view sql, Backend backend) {
  std::string out = section(section(std::string(sql), "sqlite", backend == Backend::sqlite),
                            "postgresql", backend == Backend::postgresql);
  const std::string id = backend == Backend::sqlite
                             ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                             : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (std::size_t pos; (pos = out.find("{{id}}")) != std::string::npos;) out.replace(pos, 6, id);
  return out;
}

Backend backend_of(std::string_view url) {
  return starts_with(url, "postgresql://") || starts_with(url, "postgres://") ? Backend::postgresql
                                                                              : Backend::sqlite;
}

Database::Database(std::string_view url, std::size_t pool_size)
    : backend_(backend_of(url)),
      url_(url),
      pool_size_(std::max<std::size_t>(pool_size, 1)),
      pool_(std::make_unique<soci::connection_pool>(pool_size_)),
      connected_at_(pool_size_, 0) {
  if (backend_ == Backend::sqlite) {
    const std::filesystem::path file(url_);
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  }
  if (backend_ == Backend::sqlite) {
    batch_writer_ = std::make_unique<soci::session>();
    connected_at_.push_back(0);
  }
  const std::size_t sessions = pool_size_ + (batch_writer_ ? 1 : 0);
  for (std::size_t i = 0; i < sessions; ++i) {
    statements_.push_back(std::make_unique<StatementCache>(backend_));
    connect(session_at(i));
  }
}

// Opens the session, or reopens it with the same parameters, and applies the per-session
// settings, which a new connection does not inherit.
void Database::connect(soci::session& s) {
  if (s.get_backend())
    s.reconnect();
  else if (backend_ == Backend::sqlite)
    // timeout: seconds a writer waits for another's lock (SQLite allows one writer).
    s.open(*soci::factory_sqlite3(), "db=" + url_ + " timeout=30");
  else
    s.open(*soci::factory_postgresql(), postgres_connection_string(url_));
  if (backend_ == Backend::sqlite) {
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA synchronous=FULL";
    s << "PRAGMA foreign_keys=ON";
    // A checkpoint every 10,000 pages of log (about 40 MB) instead of 1,000: a page written
    // by many commits in between is copied into the database once (Enregistrer alone
    // 2,065 · 2,210 -> 2,424 · 2,431/s; docs/decisions/0028-group-commit.md).
    s << "PRAGMA wal_autocheckpoint=10000";
    // A batch's works each run in a savepoint, whose journal keeps the pages they change:
    // in memory, not in a temporary file written page by page (Enregistrer alone
    // 1,191 -> 1,378/s, three pairs; docs/decisions/0029-enregistrer-writes.md).
    s << "PRAGMA temp_store=MEMORY";
  } else {
    s << "SET client_min_messages TO WARNING";
  }
}

soci::session& Database::session_at(std::size_t position) {
  return position == pool_size_ ? *batch_writer_ : pool_->at(position);
}

std::size_t Database::acquire(bool batch_writer) {
  if (batch_writer && !batch_writer_) throw std::logic_error("no batch writer on PostgreSQL");
  const std::size_t position = batch_writer ? pool_size_ : pool_->lease();
  const auto give_back = [&] {
    if (!batch_writer) pool_->give_back(position);
  };
  if (connected_at_[position] == losses_.load()) return position;
  {
    std::lock_guard lock(backoff_mutex_);
    if (backoff_.count() > 0 && std::chrono::steady_clock::now() < next_attempt_) {
      give_back();
      ++t_lost;
      throw Unavailable("database unreachable: waiting before connecting again");
    }
  }
  // Read before connecting: a loss found meanwhile makes this connection suspect too.
  const std::uint64_t losses = losses_.load();
  // Statements of the old connection: PostgreSQL forgot them, SQLite's belong to its handle,
  // and SOCI's reconnection destroys the session backend they point to.
  statements_[position]->forget();
  try {
    connect(session_at(position));
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(backoff_mutex_);
      backoff_ = std::clamp(backoff_ * 2, kFirstBackoff, kLastBackoff);
      next_attempt_ = std::chrono::steady_clock::now() + backoff_;
    }
    give_back();
    ++t_lost;
    throw Unavailable(std::string("database unreachable: ") + e.what());
  }
  connected_at_[position] = losses;
  {
    std::lock_guard lock(backoff_mutex_);
    backoff_ = std::chrono::milliseconds(0);
  }
  return position;
}

bool Database::check_lost(std::size_t position) {
  if (!connection_lost(session_at(position), backend_)) return false;
  // Counted once per connection: the lease's release checks it again.
  if (connected_at_[position] != kLost) {
    connected_at_[position] = kLost;
    ++losses_;
    ++t_lost;
  }
  return true;
}

void Database::release(std::size_t position) {
  // After the unit's ROLLBACK or COMMIT: the retired statements can be deallocated now.
  if (check_lost(position))
    statements_[position]->forget();
  else
    statements_[position]->drop_retired();
  if (position != pool_size_) pool_->give_back(position);
}

std::uint64_t Database::statements_prepared() const {
  std::uint64_t prepared = 0;
  for (const auto& cache : statements_) prepared += cache->prepared();
  return prepared;
}

Database::~Database() = default;

struct Database::GroupedWork {
  const std::function<bool(Tx&)>* work;
  bool done = false;
  bool kept = false;
  std::exception_ptr error;
  // What the batch met, for the caller's Activity when another thread ran it.
  bool lost = false;
  bool commit_sent = false;
};

bool Database::grouped(const std::function<bool(Tx&)>& work) {
  if (backend_ == Backend::postgresql) {
    // PostgreSQL runs transactions side by side and syncs the commits that meet together
    // itself; a batch would run its works' round trips one after another (measured:
    // Enregistrer alone 1,113/s in transactions of their own, 536/s in batches).
    const Grouping grouping;
    ++batches_;
    Tx tx(*this);
    const bool kept = work(tx);
    if (kept) tx.commit();
    return kept;
  }
  if (t_grouping) throw std::logic_error("Database::grouped called from a grouped work");
  GroupedWork mine{&work, false, false, {}, false, false};
  std::unique_lock lock(group_mutex_);
  group_queue_.push_back(&mine);
  group_turn_.wait(lock, [&] { return mine.done || !group_leading_; });
  if (!mine.done) {
    // No batch runs: this caller runs one, of every work handed in so far.
    group_leading_ = true;
    std::vector<GroupedWork*> batch;
    batch.swap(group_queue_);
    lock.unlock();
    run_batch(batch, mine);
    lock.lock();
    for (auto* w : batch) w->done = true;
    group_leading_ = false;
    // Wakes the batch's callers, and lets one of those handed in meanwhile run the next.
    group_turn_.notify_all();
  } else {
    if (mine.lost) ++t_lost;
    if (mine.commit_sent) ++t_commits;
  }
  lock.unlock();
  if (mine.error) std::rethrow_exception(mine.error);
  return mine.kept;
}

void Database::grouped_idempotent(const std::function<void(Writer&)>& write) {
  if (backend_ == Backend::postgresql) {
    Idempotent alone(*this);
    write(alone);
    return;
  }
  grouped([&](Tx& tx) {
    write(tx);
    return true;
  });
}

std::size_t Database::grouped_waiting() {
  std::lock_guard lock(group_mutex_);
  return group_queue_.size();
}

void Database::run_batch(const std::vector<GroupedWork*>& batch, const GroupedWork& leader) {
  const Activity activity;
  const Grouping grouping;
  const auto statement = [](Tx& tx, const char* sql) {
    count_statement();
    sql_of(tx) << sql;
  };
  try {
    Tx tx(*this, true);
    ++batches_;
    if (batch.size() == 1) {
      // Alone: no savepoint, the transaction is the work's own.
      batch[0]->kept = (*batch[0]->work)(tx);
      if (batch[0]->kept) tx.commit();
    } else {
      bool any_kept = false;
      for (auto* w : batch) {
        statement(tx, "SAVEPOINT travail");
        try {
          w->kept = (*w->work)(tx);
        } catch (...) {
          w->error = std::current_exception();
        }
        if (!w->kept) statement(tx, "ROLLBACK TO SAVEPOINT travail");
        statement(tx, "RELEASE SAVEPOINT travail");
        any_kept = any_kept || w->kept;
      }
      if (any_kept) tx.commit();
    }
  } catch (...) {
    // Nothing of the batch was committed (or, a COMMIT met a lost connection, may have
    // been): every work not refused already is told so.
    for (auto* w : batch) {
      if (w->error) continue;
      w->error = std::current_exception();
      w->kept = false;
    }
  }
  for (auto* w : batch) {
    if (w == &leader) continue;
    w->lost = activity.connection_lost();
    w->commit_sent = activity.commit_sent();
  }
}

int Database::migrate(const std::filesystem::path& dir) {
  // Instances starting at once on one database take turns, each migration's transaction
  // holding the lock: the check below then sees what the other applied. SQLite's
  // BEGIN IMMEDIATE is that lock already; PostgreSQL's BEGIN takes none, so two instances
  // would both create schema_migrations, or both apply a migration and one fail.
  const auto lock = [this](Tx& tx) {
    if (backend_ == Backend::postgresql)
      sql_of(tx) << "SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")";
  };
  {
    Tx tx(*this);
    lock(tx);
    sql_of(tx) << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    tx.commit();
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  int applied = 0;
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    const int version = std::stoi(name.substr(0, name.find('_')));
    Tx tx(*this);
    lock(tx);
    int count = 0;
    sql_of(tx) << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version),
        soci::into(count);
    if (count > 0) continue;
    for (const auto& statement : statements(dialect_sql(read_file(file), backend_)))
      sql_of(tx) << statement;
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    sql_of(tx) << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
        soci::use(version), soci::use(name), soci::use(now);
    tx.commit();
    ++applied;
  }
  return applied;
}

Lease::Lease(Database& db, bool batch_writer)
    : db_(db), position_(db.acquire(batch_writer)), session_(db.session_at(position_)) {}

Lease::~Lease() {
  db_.release(position_);
}

bool Lease::lost() {
  return db_.check_lost(position_);
}

StatementCache& Lease::statements() {
  return *db_.statements_[position_];
}

Activity::Activity() : lost_(t_lost), commits_(t_commits), statements_(t_statements) {}

bool Activity::connection_lost() const {
  return t_lost != lost_;
}

bool Activity::commit_sent() const {
  return t_commits != commits_;
}

std::uint64_t Activity::statements_sent() const {
  return t_statements - statements_;
}

void count_statement() {
  ++t_statements;
}

Unit::Unit(Database& db, bool batch_writer) : db_(db), lease_(db, batch_writer) {}

Backend Unit::backend() const {
  return db_.backend();
}

soci::session& sql_of(Unit& unit) {
  return unit.lease_.sql();
}

StatementCache& statements_of(Unit& unit) {
  return unit.lease_.statements();
}

Tx::Tx(Database& db) : Tx(db, false) {}

Tx::Tx(Database& db, bool batch_writer) : Writer(db, batch_writer) {
  // SQLite: take the write lock at BEGIN, so two writers queue on the busy timeout
  // instead of failing when a read lock is upgraded mid-transaction.
  try {
    count_statement();
    sql_of(*this) << (db_.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (const std::exception& e) {
    if (lease_.lost()) throw Unavailable(std::string("connection lost: ") + e.what());
    throw;
  }
}

Tx::~Tx() {
  if (done_) return;
  try {
    count_statement();
    sql_of(*this) << "ROLLBACK";
  } catch (const std::exception&) {
    // A lost connection, which the lease's release records: the server rolls back.
  }
}

void Tx::commit() {
  ++t_commits;
  count_statement();
  try {
    sql_of(*this) << "COMMIT";
    done_ = true;
  } catch (const std::exception& e) {
    if (lease_.lost())
      throw Unavailable(std::string("connection lost during COMMIT (it may have been written): ") +
                        e.what());
    throw;
  }
}

Idempotent::Idempotent(Database& db) : Writer(db) {}

Read::Read(Database& db) : Unit(db) {}

bool is_unique_violation(const soci::soci_error& error) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error))
    return pg->sqlstate() == "23505";
  const std::string what = error.what();
  return what.find("UNIQUE constraint failed") != std::string::npos ||
         what.find("PRIMARY KEY must be unique") != std::string::npos;
}

}  // namespace examens::store
