// What the durability test checks once the server stopped cleanly: every acknowledged
// Enregistrer and deposit in the database and the files, every candidature whole (its
// versions, snapshot, documents, mails and audit entries, each once), and no file
// half-written under a final name.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "durability/candidats.hpp"
#include "store/database.hpp"

namespace examens::testing {

struct Bilan {
  int candidatures = 0;
  int versions = 0;
  int documents = 0;
  int mails = 0;
  int fichiers = 0;                        // stored justificatifs and .eml files, checked whole
  std::map<std::string, int> temporaires;  // by folder, as temporaires() counts them
  std::vector<std::string> erreurs;        // each broken promise, in words
};

// Waits until the preparer rendered every document and the sender delivered every mail;
// false when `delai` passed first.
bool attendre_les_envois(store::Database& db, std::chrono::seconds delai);

// The temporary files under `donnees`, by folder: the store's tmp/, the transport's uploads/
// and the mail transport's dot files.
std::map<std::string, int> temporaires(const std::filesystem::path& donnees);

// `donnees`: the instance's EXAMENS_DATA_DIR (justificatifs/, uploads/, mail/).
Bilan verifier(store::Database& db, const Accuses& accuses, const std::filesystem::path& donnees);

}  // namespace examens::testing
