// Storage of the candidature's documents.
#include "store/documents.hpp"

#include "store/instants.hpp"
#include "store/sql.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

constexpr const char* kAPreparer = "a_preparer";
constexpr const char* kPret = "pret";

// The columns every read of a document starts with, in Document's order.
constexpr const char* kColumns =
    "d.id, d.candidature_id, d.nature, d.version, d.code, d.etat, d.cree_le, d.prepare_le";
using Columns = std::tuple<long long, long long, std::string, int, std::string, std::string,
                           long long, std::optional<long long>>;

Document document_of(Columns&& row) {
  Document d;
  std::string nature, etat;
  long long cree = 0;
  std::optional<long long> prepare;
  std::tie(d.id, d.candidature_id, nature, d.version, d.code, etat, cree, prepare) = std::move(row);
  d.nature = domain::nature_of_code(nature).value_or(domain::NatureDocument::recapitulatif);
  d.pret = etat == kPret;
  d.cree_le = instant(cree);
  if (prepare) d.prepare_le = instant(*prepare);
  return d;
}

// The first elements of `row` as a Document's columns, the rest as they are.
template <class... Rest>
std::pair<Document, std::tuple<Rest...>> split(
    std::tuple<long long, long long, std::string, int, std::string, std::string, long long,
               std::optional<long long>, Rest...>&& row) {
  auto head = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return Columns(std::move(std::get<I>(row))...);
  }
  (std::make_index_sequence<8>{});
  auto tail = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::tuple<Rest...>(std::move(std::get<8 + I>(row))...);
  }
  (std::index_sequence_for<Rest...>{});
  return {document_of(std::move(head)), std::move(tail)};
}

// The latest version of the document's kind for its candidature.
constexpr const char* kDerniereVersion =
    "(SELECT MAX(e.version) FROM documents e WHERE e.candidature_id = d.candidature_id AND "
    "e.nature = d.nature)";

}  // namespace

void insert_document(Tx& tx, long long candidature_id, domain::NatureDocument nature, int version,
                     const std::string& code, domain::Instant now) {
  refusing_duplicates(
      [&] {
        return execute(tx,
                       "INSERT INTO documents (candidature_id, nature, version, code, etat, "
                       "cree_le) VALUES (:c, :n, :v, :code, :e, :t)",
                       candidature_id, std::string(domain::code_nature(nature)), version, code,
                       kAPreparer, seconds(now));
      },
      "document");
}

std::vector<DocumentAPreparer> claim_documents(Tx& tx, domain::Instant now,
                                               std::chrono::seconds lease, int limit) {
  const long long t = seconds(now);
  auto rows = query_all<long long, long long, std::string, int, std::string, std::string, long long,
                        std::optional<long long>, std::string, std::string, long long>(
      tx,
      std::string("SELECT ") + kColumns +
          ", c.numero_inscription, v.donnees, v.cree_le FROM documents d "
          "JOIN candidatures c ON c.id = d.candidature_id "
          "JOIN candidature_versions v ON v.candidature_id = d.candidature_id AND "
          "v.version = d.version "
          "WHERE d.etat = :e AND d.reserve_jusqu_a <= :t ORDER BY d.id LIMIT :n",
      kAPreparer, t, limit);
  std::vector<DocumentAPreparer> claimed;
  for (auto& row : rows) {
    auto [document, rest] = split(std::move(row));
    // The guard on reserve_jusqu_a makes the claim atomic against another preparer.
    if (execute(tx,
                "UPDATE documents SET reserve_jusqu_a = :u WHERE id = :id AND "
                "reserve_jusqu_a <= :t AND etat = :e",
                t + lease.count(), document.id, t, kAPreparer) != 1)
      continue;
    auto& [numero, donnees, enregistre] = rest;
    claimed.push_back(
        {std::move(document), std::move(numero), std::move(donnees), instant(enregistre)});
  }
  return claimed;
}

bool store_pdf(Tx& tx, long long id, const std::string& pdf_base64, domain::Instant now) {
  return execute(tx,
                 "UPDATE documents SET etat = :p, pdf_base64 = :b, prepare_le = :t "
                 "WHERE id = :id AND etat = :e",
                 kPret, pdf_base64, seconds(now), id, kAPreparer) == 1;
}

std::vector<Document> latest_documents_of(Unit& unit, long long compte_id) {
  std::vector<Document> out;
  for (auto& row : query_all<long long, long long, std::string, int, std::string, std::string,
                             long long, std::optional<long long>>(
           unit,
           std::string("SELECT ") + kColumns +
               " FROM documents d JOIN candidatures c ON c.id = d.candidature_id "
               "WHERE c.compte_id = :c AND d.version = " +
               kDerniereVersion + " ORDER BY d.candidature_id, d.nature DESC",
           compte_id))
    out.push_back(document_of(std::move(row)));
  return out;
}

std::optional<std::pair<Document, std::string>> document_of_compte(Unit& unit, long long compte_id,
                                                                   long long id) {
  auto row = query_one<long long, long long, std::string, int, std::string, std::string, long long,
                       std::optional<long long>, std::optional<std::string>>(
      unit,
      std::string("SELECT ") + kColumns +
          ", d.pdf_base64 FROM documents d JOIN candidatures c ON c.id = d.candidature_id "
          "WHERE d.id = :id AND c.compte_id = :c",
      id, compte_id);
  if (!row) return std::nullopt;
  auto [document, rest] = split(std::move(*row));
  return std::pair{std::move(document), std::get<0>(rest).value_or("")};
}

std::optional<Verification> verify_code(Unit& unit, const std::string& code) {
  auto row = query_one<long long, long long, std::string, int, std::string, std::string, long long,
                       std::optional<long long>, std::string, std::string, std::string, std::string,
                       long long, int>(
      unit,
      std::string("SELECT ") + kColumns +
          ", c.domaine, c.session, c.academie, v.donnees, v.cree_le, " + kDerniereVersion +
          " FROM documents d JOIN candidatures c ON c.id = d.candidature_id "
          "JOIN candidature_versions v ON v.candidature_id = d.candidature_id AND "
          "v.version = d.version WHERE d.code = :code",
      code);
  if (!row) return std::nullopt;
  auto [document, rest] = split(std::move(*row));
  Verification out;
  long long enregistre = 0;
  std::tie(out.domaine, out.session, out.academie, out.donnees, enregistre, out.derniere_version) =
      std::move(rest);
  out.document = std::move(document);
  out.enregistre_le = instant(enregistre);
  out.derniere_date =
      instant(query_one<long long>(unit,
                                   "SELECT cree_le FROM candidature_versions "
                                   "WHERE candidature_id = :c AND version = :v",
                                   out.document.candidature_id, out.derniere_version)
                  .value_or(enregistre));
  return out;
}

}  // namespace examens::store
