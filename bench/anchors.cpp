// Anchors of `make bench`, measured on this machine in the same run as the portal:
// SQLite WAL single-row commits per second (synchronous=FULL) and one Argon2id hash at
// libsodium's INTERACTIVE limits. Prints one JSON object.
#include <sodium.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double sqlite_commits_per_second(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return -1;
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
               "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (v) VALUES ('une ligne de 30 caractères..')", -1, &insert,
                     nullptr);
  int commits = 0;
  const auto start = std::chrono::steady_clock::now();
  while (seconds_since(start) < 3.0) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    ++commits;
  }
  const double rate = commits / seconds_since(start);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return rate;
}

double argon2id_milliseconds() {
  char hash[crypto_pwhash_STRBYTES];
  const int rounds = 10;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i)
    if (crypto_pwhash_str(hash, "Examens-2026!", 13, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return -1;
  return seconds_since(start) * 1000 / rounds;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0 || argc < 2) {
    std::fprintf(stderr, "usage: bench_anchors SCRATCH_DIR\n");
    return 2;
  }
  const std::filesystem::path file = std::filesystem::path(argv[1]) / "anchor.db";
  std::filesystem::remove(file);
  const double commits = sqlite_commits_per_second(file);
  const double argon = argon2id_milliseconds();
  std::printf("{\"sqlite_commits_per_s\": %.0f, \"argon2id_ms\": %.1f}\n", commits, argon);
  return 0;
}
