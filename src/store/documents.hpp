// Storage of the candidature's documents: queued a_preparer in the transaction that registers
// a version, claimed and rendered by the preparer, then served to their owner and checked by
// their verification code. The PDF is stored as base64 text (docs/decisions/0011-documents.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/document.hpp"
#include "store/database.hpp"

namespace examens::store {

struct Document {
  long long id = 0;
  long long candidature_id = 0;
  domain::NatureDocument nature = domain::NatureDocument::recapitulatif;
  int version = 1;
  std::string code;
  bool pret = false;  // rendered; a_preparer until then
  domain::Instant cree_le{};
  std::optional<domain::Instant> prepare_le;
};

// Queues a document of a version in the caller's transaction. Throws Duplicate when the code
// is taken (one chance in 2^80 per code already stored) or the version has one already.
void insert_document(Tx& tx, long long candidature_id, domain::NatureDocument nature, int version,
                     const std::string& code, domain::Instant now);

// What the preparer renders a claimed document from.
struct DocumentAPreparer {
  Document document;
  std::string numero_inscription;
  std::string donnees;              // the version's snapshot
  domain::Instant enregistre_le{};  // the version's registration
};

// Claims up to `limit` documents still a_preparer for `lease`: another preparer (another
// instance) skips them until the lease ends; a crashed one's claims lapse with it.
std::vector<DocumentAPreparer> claim_documents(Tx& tx, domain::Instant now,
                                               std::chrono::seconds lease, int limit);
// Stores the rendered PDF; false when the document was already rendered (a lapsed claim
// rendered twice): the first rendering stays.
bool store_pdf(Tx& tx, long long id, const std::string& pdf_base64, domain::Instant now);

// The latest version of each kind of each of the account's candidatures.
std::vector<Document> latest_documents_of(Unit& unit, long long compte_id);
// The document `id` when it is one of the account's, with its PDF (base64, empty until
// rendered).
std::optional<std::pair<Document, std::string>> document_of_compte(Unit& unit, long long compte_id,
                                                                   long long id);

// What /verifier tells of a document, found by its code.
struct Verification {
  Document document;
  std::string domaine;
  std::string session;
  std::string academie;
  std::string donnees;              // the version's snapshot: the candidate's initials
  domain::Instant enregistre_le{};  // the version's registration
  int derniere_version = 1;         // the latest version of this kind for the candidature
  domain::Instant derniere_date{};  // and its registration
};
std::optional<Verification> verify_code(Unit& unit, const std::string& code);

}  // namespace examens::store
