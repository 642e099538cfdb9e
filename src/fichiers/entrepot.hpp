// The store of deposited files under EXAMENS_DATA_DIR/justificatifs/: each file named by the
// SHA-256 of its content (ab/abcdef…), written whole or not at all (a temporary file in tmp/,
// fsync, rename, fsync of the folder), so that a crash never leaves a half-written file under
// a final name. The database records which digests are deposited; what it does not name is
// removed by purger(). Thread-safe (no state but its folder).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace examens::fichiers {

class Entrepot {
 public:
  explicit Entrepot(std::filesystem::path racine);

  // Copies `source` into the store while hashing it, and returns its digest (64 hex
  // characters). The same content twice is one file. Throws std::system_error on an I/O
  // failure; the temporary file is removed then.
  std::string deposer(const std::filesystem::path& source) const;
  // Where the file of `empreinte` lives; empty when `empreinte` is not a digest (never a path
  // built from anything else).
  std::filesystem::path chemin(std::string_view empreinte) const;

  struct Purge {
    int temporaires = 0;  // tmp/ files a crash left between their write and their rename
    int orphelins = 0;    // stored files no row names
  };
  // Removes the temporary files and the files `reference` says no row names, when they are
  // older than `delai`: a younger one may belong to an upload whose row is about to commit.
  Purge purger(const std::function<bool(std::string_view empreinte)>& reference,
               std::chrono::seconds delai) const;

  const std::filesystem::path& racine() const { return racine_; }

 private:
  std::filesystem::path racine_;
};

// Removes the files directly in `dossier` older than `delai` and returns how many: what a
// crash left of the transport's uploads (a file being received is rewritten at least every
// read timeout, so it is never that old).
int purger_anciens(const std::filesystem::path& dossier, std::chrono::seconds delai);

// Whether `texte` is a digest as the store names files: 64 lowercase hex characters.
bool empreinte_valide(std::string_view texte);

}  // namespace examens::fichiers
