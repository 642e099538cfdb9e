// The candidature's documents (SPEC §5, issue 14): queued in the Enregistrer transaction,
// rendered after it by the preparer (actions/preparateur.hpp), listed in "Mes documents",
// downloaded by their owner only, and checked by anyone through their verification code.
#pragma once

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "actions/brouillon.hpp"
#include "actions/services.hpp"
#include "domain/clock.hpp"
#include "store/comptes.hpp"
#include "store/documents.hpp"

namespace examens::actions {

// Queues the récapitulatif and the demande de pièces of the version, each with a fresh
// verification code, in the transaction that registers it; call
// services.documents_committed() once it commits.
void demander_documents(store::Tx& tx, long long candidature_id, int version, domain::Instant now);

// Renders the documents queued and not claimed by another preparer, up to a batch, and
// stores them; returns how many were stored. Throws when the database is unreachable: the
// claims lapse and the next call renders them. Used by the preparer's thread and directly by
// tests.
int preparer_documents(const Services& services, domain::Instant now);

// "Mes documents": the latest version of each kind of each of the account's candidatures.
std::vector<store::Document> derniers_documents(const Services& services, long long compte_id);

// A PDF as served: its file name and its bytes.
struct Pdf {
  std::string nom_fichier;
  std::string octets;
};
struct DocumentIntrouvable {};  // not a document of this account (or no such document)
struct DocumentEnPreparation {
  store::Document document;
};
using Telechargement = std::variant<DocumentIntrouvable, DocumentEnPreparation, Pdf>;
Telechargement telecharger_document(const Services& services, long long compte_id, long long id);

// "Visualiser/Imprimer" on tab 7: the récapitulatif of the draft `cle` as it stands, marked
// provisional, with no version and no verification code. Costs a rendering (~6 ms): call it
// on a worker thread. nullopt when the account has no such draft.
std::optional<Pdf> recapitulatif_provisoire(const Services& services, const store::Compte& compte,
                                            const std::string& cle, domain::Instant now);

// ---- /verifier ----
struct CodeMalforme {};  // cannot be a code: said next to the field
struct CodeInconnu {};   // well formed, but no document has it
// This address checked too many codes: 429, for `attente` more.
struct VerificationBloquee {
  std::chrono::seconds attente{};
};
struct DocumentAuthentique {
  std::string initiales;  // all that is told of the candidate
  std::string domaine;
  std::string session;
  std::string academie;
  domain::NatureDocument nature = domain::NatureDocument::recapitulatif;
  int version = 1;
  domain::Instant date{};
  std::optional<std::pair<int, domain::Instant>> remplace_par;  // a newer version, and its date
};
using Verification =
    std::variant<CodeMalforme, CodeInconnu, VerificationBloquee, DocumentAuthentique>;
// Each check by `adresse` counts toward its limit, a found code or not, so that guessing
// (hopeless at 80 bits) and harvesting are both slowed down.
Verification verifier_document(const Services& services, const std::string& adresse,
                               std::string_view saisi, domain::Instant now);

}  // namespace examens::actions
