// Durability (issue 16): the closing-hour scenario against a real `examens serve` process,
// killed with SIGKILL at random moments and started again on the same port and data, on the
// backend named by EXAMENS_TEST_DB. Every Enregistrer answered with its numéro page and every
// deposit answered 303 must be there afterwards, whole (docs/decisions/0019-durability.md).
// DURABILITY_SEED replays a run; DURABILITY_KILLS sets how many kills (9).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

#include "actions/justificatifs.hpp"
#include "crypto/secrets.hpp"
#include "durability/serveur.hpp"
#include "durability/verification.hpp"
#include "mail/transport.hpp"

namespace examens::testing {
namespace {

namespace fs = std::filesystem;
using Horloge = std::chrono::steady_clock;

constexpr int kClients = 6;
constexpr int kComptes = 1500;

long long entier_env(const char* nom, long long defaut) {
  const char* v = std::getenv(nom);
  return v && *v ? std::stoll(v) : defaut;
}

std::string texte(const std::map<std::string, int>& par_dossier) {
  std::string out;
  for (const auto& [dossier, n] : par_dossier)
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " in " + dossier;
  return out.empty() ? "none" : out;
}

fs::path dossier_temporaire() {
  auto dir = fs::temp_directory_path() / ("examens-durability-" + crypto::random_token(8));
  fs::create_directories(dir);
  return dir;
}

double secondes_depuis(Horloge::time_point debut) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Horloge::now() - debut).count() /
         1000.0;
}

// The kills at random moments, each followed by a start on the same port and data. One in
// three is aimed at an Enregistrer in flight, one at a deposit: a purely random moment
// mostly falls between two of them.
void tuer_et_redemarrer(Serveur& serveur, const Accuses& accuses, int tueries,
                        std::mt19937_64& aleas, Horloge::time_point debut) {
  std::uniform_int_distribution<int> attente_ms(2000, 5000);
  for (int k = 1; k <= tueries; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(attente_ms(aleas)));
    const char* cible = k % 3 == 1   ? "a random moment"
                        : k % 3 == 2 ? "an Enregistrer"
                                     : "a deposit";
    if (k % 3 != 1)
      viser(k % 3 == 2 ? accuses.enregistrer_en_cours : accuses.depots_en_cours, aleas);
    serveur.tuer();
    serveur.demarrer(k);
    std::cout << "durability: kill " << k << " (" << cible << ") at " << secondes_depuis(debut)
              << " s; so far " << accuses.coupees << " requests cut, " << accuses.refusees
              << " refused" << std::endl;
  }
}

// The purge the server runs at start and every ten minutes, without its hour of grace
// (nothing is being uploaded now): what the kills left goes, what was acknowledged stays.
fichiers::Entrepot::Purge purger(store::Database& db, const fs::path& donnees) {
  auto purge = actions::purger_fichiers(db, fichiers::Entrepot(donnees / "justificatifs"),
                                        donnees / "uploads", std::chrono::seconds(0));
  purge.temporaires +=
      mail::FileTransport(donnees / "mail").remove_leftovers(std::chrono::seconds(0));
  return purge;
}

void rapporter(const Accuses& accuses, int deroules, const Bilan& bilan,
               const std::map<std::string, int>& avant_la_purge,
               const fichiers::Entrepot::Purge& purge, Horloge::time_point debut) {
  const auto inscriptions = accuses.inscriptions();
  const long modifications = std::count_if(inscriptions.begin(), inscriptions.end(),
                                           [](const auto& i) { return i.version == 2; });
  const long premieres = static_cast<long>(inscriptions.size()) - modifications;
  std::cout << "durability: " << deroules << " candidates done; acknowledged " << premieres
            << " registrations, " << modifications << " modifications, " << accuses.depots().size()
            << " deposits; cut " << accuses.coupees << " requests (" << accuses.enregistrer_coupes
            << " Enregistrer, " << accuses.depots_coupes << " deposits), " << accuses.refusees
            << " refused; committed unacknowledged: " << bilan.candidatures - premieres
            << " registrations, " << bilan.versions - bilan.candidatures - modifications
            << " modifications; checked " << bilan.candidatures << " candidatures, "
            << bilan.versions << " versions, " << bilan.documents << " documents, " << bilan.mails
            << " mails, " << bilan.fichiers
            << " files; temporary files before the purge: " << texte(avant_la_purge) << ", purged "
            << purge.temporaires << " temporary and " << purge.orphelins << " orphan files; "
            << secondes_depuis(debut) << " s" << std::endl;
}

TEST(Durability, every_acknowledged_enregistrer_survives_sigkill) {
  const char* binaire = std::getenv("EXAMENS_BIN");
  ASSERT_TRUE(binaire && *binaire) << "EXAMENS_BIN: the examens binary";
  crypto::init_secrets();
  const auto graine = static_cast<unsigned long long>(
      entier_env("DURABILITY_SEED", static_cast<long long>(std::random_device{}() >> 1)));
  const int tueries = static_cast<int>(entier_env("DURABILITY_KILLS", 9));
  std::cout << "durability: seed " << graine << " (DURABILITY_SEED), " << tueries << " kills"
            << std::endl;
  std::mt19937_64 aleas(graine);
  const auto debut = Horloge::now();

  TestDatabase base;
  const auto candidats = creer_candidats(base.db(), kComptes, aleas);
  const fs::path donnees = dossier_temporaire();
  Serveur serveur(binaire,
                  {{"EXAMENS_DB", base.url()},
                   {"EXAMENS_DATA_DIR", donnees.string()},
                   {"EXAMENS_MAIL", "file:" + (donnees / "mail").string()},
                   {"EXAMENS_ROOT", EXAMENS_SOURCE_DIR},
                   {"EXAMENS_ASSETS", EXAMENS_ASSETS_DIR},
                   {"EXAMENS_WORKERS", "4"}},
                  donnees / "serve.log");
  serveur.demarrer(0);

  Accuses accuses;
  std::atomic<std::size_t> suivant{0};
  std::atomic<bool> assez{false};
  std::atomic<int> deroules{0};
  const auto limite = Horloge::now() + std::chrono::minutes(4);
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&] {
      for (std::size_t i = suivant++; !assez && i < candidats.size(); i = suivant++) {
        try {
          Scenario(serveur.base_url(), accuses, limite).derouler(candidats[i]);
          ++deroules;
        } catch (const std::exception& e) {
          accuses.anomalie(candidats[i].email + ": " + e.what());
        }
      }
    });
  try {
    tuer_et_redemarrer(serveur, accuses, tueries, aleas, debut);
    // The candidates go on a while after the last start, then finish what they began.
    std::this_thread::sleep_for(std::chrono::seconds(3));
  } catch (const std::exception& e) {
    // A start that failed: the clients give up at their deadline, and are joined.
    ADD_FAILURE() << e.what();
  }
  assez = true;
  for (auto& c : clients) c.join();
  if (HasFailure()) {
    std::cout << "durability: data kept in " << donnees << std::endl;
    return;
  }
  EXPECT_TRUE(attendre_les_envois(base.db(), std::chrono::seconds(90)))
      << "documents or mails still waiting";
  EXPECT_EQ(serveur.arreter(), 0) << serveur.fin_du_journal();

  const auto avant_la_purge = temporaires(donnees);
  const auto purge = purger(base.db(), donnees);
  const Bilan bilan = verifier(base.db(), accuses, donnees);
  rapporter(accuses, deroules, bilan, avant_la_purge, purge, debut);
  for (const auto& a : accuses.anomalies()) ADD_FAILURE() << "anomaly: " << a;
  for (const auto& e : bilan.erreurs) ADD_FAILURE() << e;
  EXPECT_TRUE(bilan.temporaires.empty()) << "left after the purge: " << texte(bilan.temporaires);
  // The kills cut requests in flight, or the run proved nothing about them.
  EXPECT_GT(accuses.coupees.load(), 0);
  EXPECT_FALSE(accuses.inscriptions().empty());
  if (!HasFailure())
    fs::remove_all(donnees);
  else
    std::cout << "durability: data kept in " << donnees << std::endl;
}

}  // namespace
}  // namespace examens::testing
