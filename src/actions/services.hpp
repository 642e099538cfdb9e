// What every action works with: the storage, the reference data and catalogue loaded once
// at start, the mail queue, and the settings rules depend on. One per process, shared by
// the candidate pages, the office's pages and the API; read-only once built, so
// thread-safe. Actions take the time as an input (`now`), never a clock of their own.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "domain/catalogue.hpp"
#include "domain/qualification.hpp"
#include "fichiers/entrepot.hpp"
#include "mail/courrier.hpp"
#include "store/database.hpp"
#include "store/referentiel.hpp"
#include "templates/templates.hpp"

namespace examens::actions {

struct Reglages {
  std::string base_url;  // the public address: links in mails
  std::chrono::seconds session_idle{30 * 60};
  // The store of deposited pièces justificatives ($EXAMENS_DATA_DIR/justificatifs).
  std::filesystem::path justificatifs = "var/justificatifs";
  // clamd's unix socket (EXAMENS_CLAMD); empty: deposits are not scanned.
  std::string clamd;
};

class Services {
 public:
  // Loads the référentiel and the catalogue from the database; throws when the stored
  // catalogue does not load (written by something other than `examens init`).
  Services(store::Database& db, const templates::Templates& templates, Reglages reglages);
  ~Services();

  store::Database& db() const { return db_; }
  const Reglages& reglages() const { return reglages_; }
  const store::Referentiel& referentiel() const { return *referentiel_; }
  const domain::Catalogue& catalogue() const { return catalogue_; }
  const domain::CatalogueQualification& qualification() const { return qualification_; }
  const fichiers::Entrepot& entrepot() const { return entrepot_; }
  const mail::Courrier& courrier() const { return courrier_; }
  mail::Courrier& courrier() { return courrier_; }
  // An Argon2id hash verified when no account matches, so a login costs the same
  // whether or not the identifier exists.
  const std::string& dummy_hash() const { return dummy_hash_; }
  // Wakes the documents' preparer, after a transaction that queued documents committed.
  void on_documents_queued(std::function<void()> callback) {
    documents_queued_ = std::move(callback);
  }
  void documents_committed() const {
    if (documents_queued_) documents_queued_();
  }

 private:
  store::Database& db_;
  Reglages reglages_;
  std::unique_ptr<store::Referentiel> referentiel_;
  domain::Catalogue catalogue_;
  domain::CatalogueQualification qualification_;
  mail::Courrier courrier_;
  fichiers::Entrepot entrepot_;
  std::string dummy_hash_;
  std::function<void()> documents_queued_;
};

}  // namespace examens::actions
