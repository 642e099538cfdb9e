// The storage connection: one SOCI pool over SQLite (embedded default, WAL) or
// PostgreSQL, chosen by the URL; transactions, migrations, dialect differences.
// Thread-safe: any worker thread may begin a transaction; each holds one pooled session.
#pragma once

#include <soci/soci.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace examens::store {

enum class Backend { sqlite, postgresql };

class Database;

// A pooled session inside a write transaction. Rolled back on destruction unless
// committed, so an exception anywhere leaves nothing half-written.
class Tx {
 public:
  explicit Tx(Database& db);
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  ~Tx();

  soci::session& sql() { return session_; }
  Backend backend() const;
  void commit();

 private:
  Database& db_;
  soci::session session_;
  bool done_ = false;
};

// A pooled session for reads outside a transaction (each statement sees committed data).
class Read {
 public:
  explicit Read(Database& db);
  soci::session& sql() { return session_; }

 private:
  soci::session session_;
};

class Database {
 public:
  // url: a file path (SQLite) or "postgresql://…" / "postgres://…".
  Database(std::string_view url, std::size_t pool_size);
  ~Database();

  Backend backend() const { return backend_; }
  soci::connection_pool& pool() { return *pool_; }

  // Applies every migration of `dir` (NNNN_name.sql) not applied yet, each in its own
  // transaction, recording it in schema_migrations. Returns how many were applied.
  int migrate(const std::filesystem::path& dir);

 private:
  Backend backend_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// A unique or primary-key violation (SOCI reports it differently per backend).
bool is_unique_violation(const soci::soci_error& error);

// libpq keyword form ("host=… port=… dbname=…") of a postgresql:// URL: SOCI 4.0
// mangles URLs handed to it as they are.
std::string postgres_connection_string(std::string_view url);

// SQL of a migration file for a backend: {{id}} becomes the auto-increment key column.
std::string dialect_sql(std::string_view sql, Backend backend);

}  // namespace examens::store
