// The fixture of the hostile-input tests.
#include "integration/hostile.hpp"

#include <filesystem>
#include <thread>

#include "integration/justificatifs_support.hpp"
#include "unit/echantillons.hpp"

namespace examens::testing {
namespace {

long long rows(store::Database& db, const std::string& sql) {
  store::Read read(db);
  long long n = 0;
  store::sql_of(read) << sql, soci::into(n);
  return n;
}

}  // namespace

void Hostile::SetUp() {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  id = parcours.inscrire();
  const std::string jeton = csrf();
  const auto deposited = client.post_raw(page() + "/justificatifs/pieces/93475001?csrf=" + jeton,
                                         "multipart/form-data; boundary=" + kBoundary,
                                         multipart(jeton, "bulletin.pdf", kPdf));
  ASSERT_EQ(deposited.status, 303) << deposited.body;
  depot = rows(portal.db(), "SELECT MAX(id) FROM depots");
}

std::vector<int> Hostile::raw(std::string_view bytes) {
  return statuses(exchange(port(), bytes));
}

std::string Hostile::cookies() const {
  return "examens_session=" + client.cookie("examens_session").value_or("") +
         "; examens_visiteur=" + client.cookie("examens_visiteur").value_or("");
}

std::string Hostile::csrf() {
  return csrf_of(client.get(page() + "/justificatifs").body);
}

void Hostile::intact(const std::string& what) {
  SCOPED_TRACE(what);
  Client visitor(portal.base_url());
  EXPECT_EQ(visitor.get("/connexion").status, 200);
  const auto recapitulatif = client.get(page() + "/recapitulatif");
  EXPECT_EQ(recapitulatif.status, 200);
  EXPECT_TRUE(contains(recapitulatif.body, spec.nom));
  const auto piece = client.get(page() + "/justificatifs/fichiers/" + std::to_string(depot));
  EXPECT_EQ(piece.status, 200);
  EXPECT_EQ(piece.body, kPdf);
  EXPECT_EQ(rows(portal.db(), "SELECT COUNT(*) FROM candidatures"), 1);
  EXPECT_EQ(rows(portal.db(), "SELECT COUNT(*) FROM depots"), 1);
  EXPECT_EQ(rows(portal.db(), "SELECT COUNT(*) FROM comptes"), 1);
  // A refused upload's file goes once its connection is done, which the client need not wait for.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!std::filesystem::is_empty(portal.upload_dir()) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_TRUE(std::filesystem::is_empty(portal.upload_dir()));
}

}  // namespace examens::testing
