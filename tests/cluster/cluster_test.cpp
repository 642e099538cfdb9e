// The cluster (issue 16, docs/decisions/0023-cluster.md): scripts/cluster.sh starts a
// PostgreSQL 15 primary with a synchronous streaming standby, two `examens serve` instances on
// the primary sharing one data folder, and nginx in front of both. A candidate logs in on
// instance A and goes through the wizard on B and A in turn. Then candidates register through
// nginx, the closing-hour scenario of the durability test, while instance A is killed with
// SIGKILL. At the end every acknowledged registration is on the standby, whole, the standby's
// tables equal the primary's, and no mail or document was handled by both instances.
// CLUSTER_SEED replays a run's random choices.
#include "cluster/cluster.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "crypto/secrets.hpp"
#include "durability/verification.hpp"
#include "integration/parcours.hpp"

namespace examens::testing {
namespace {

namespace fs = std::filesystem;
using Horloge = std::chrono::steady_clock;

constexpr int kClients = 6;
constexpr int kComptes = 600;

double secondes_depuis(Horloge::time_point debut) {
  return std::chrono::duration<double>(Horloge::now() - debut).count();
}

template <class T>
T une_valeur(store::Database& db, const std::string& sql) {
  store::Read read(db);
  T valeur{};
  store::sql_of(read) << sql, soci::into(valeur);
  return valeur;
}

// The requests of the wizard in an instance's log.
int requetes_du_parcours(const fs::path& journal) {
  std::ifstream in(journal);
  int n = 0;
  for (std::string ligne; std::getline(in, ligne);)
    n += ligne.find("\"path\":\"/inscription/saisie/") != std::string::npos;
  return n;
}

// Logs in on instance A, then goes through the wizard on B and A in turn: each form's page
// from one instance and its submission to the other. The session, its CSRF token and the
// draft live in the database, so either instance serves any request.
Accuses::Inscription sur_deux_instances(const Cluster& cluster, const Candidat& c) {
  Client client(cluster["INSTANCE_A_URL"]);
  const auto connexion = login(client, c.email, "Secret-2026");
  EXPECT_EQ(connexion.status, 303);
  EXPECT_EQ(connexion.header("location"), "/");
  const int avant_a = requetes_du_parcours(cluster.journal('a'));
  const int avant_b = requetes_du_parcours(cluster.journal('b'));
  client.alternate({cluster["INSTANCE_B_URL"], cluster["INSTANCE_A_URL"]});
  const long long id = Parcours{client}.inscrire();
  EXPECT_GT(requetes_du_parcours(cluster.journal('a')), avant_a + 5);
  EXPECT_GT(requetes_du_parcours(cluster.journal('b')), avant_b + 5);
  const auto numero = client.get("/inscription/" + std::to_string(id) + "/numero");
  EXPECT_EQ(numero.status, 200);
  EXPECT_TRUE(contains(numero.body, "id=\"numero\"")) << numero.body.substr(0, 2000);
  return {c.compte_id, id, 1};
}

// The candidates register through nginx, kClients at once; after a few seconds instance A is
// killed while an Enregistrer is in flight, and they go on through nginx on B.
void ruee(Cluster& cluster, const std::vector<Candidat>& candidats, Accuses& accuses,
          std::mt19937_64& aleas) {
  std::atomic<std::size_t> suivant{1};
  std::atomic<bool> assez{false};
  const auto limite = Horloge::now() + std::chrono::seconds(90);
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&] {
      for (std::size_t i = suivant++; !assez && i < candidats.size(); i = suivant++) {
        try {
          Scenario(cluster["PROXY_URL"], accuses, limite).derouler(candidats[i]);
        } catch (const std::exception& e) {
          accuses.anomalie(candidats[i].email + ": " + e.what());
        }
      }
    });
  std::size_t avant = 0;
  try {
    std::this_thread::sleep_for(std::chrono::seconds(7));
    viser(accuses.enregistrer_en_cours, aleas);
    avant = accuses.inscriptions().size();
    cluster.kill('a');
    std::cout << "cluster: instance A killed after " << avant << " acknowledged registrations"
              << std::endl;
    std::this_thread::sleep_for(std::chrono::seconds(10));
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
  assez = true;
  for (auto& c : clients) c.join();
  const auto apres = accuses.inscriptions().size();
  std::cout << "cluster: " << apres << " acknowledged registrations and modifications, "
            << apres - avant << " after the kill; " << accuses.coupees
            << " requests cut (answered 502 by nginx), " << accuses.refusees << " refused"
            << std::endl;
  EXPECT_GT(apres, avant + 5) << "the candidates did not go on through nginx";
}

// Nothing is left to send or render once the rush is over: B stops, and A starts again alone
// with its clock past every lease (the killed A's claims lapse, as they would after 60 and
// 120 s of real time), and does what A's claims held.
void vider_les_files(Cluster& cluster, store::Database& primaire, Horloge::time_point debut) {
  cluster.stop('b');
  std::cout << "cluster: B stopped; waiting: "
            << une_valeur<long long>(primaire,
                                     "SELECT COUNT(*) FROM documents WHERE etat <> 'pret'")
            << " documents, "
            << une_valeur<long long>(primaire,
                                     "SELECT COUNT(*) FROM messages WHERE envoye_le IS NULL")
            << " mails" << std::endl;
  const int minutes = static_cast<int>(secondes_depuis(debut) / 60) + 4;
  char heure[32];
  std::snprintf(heure, sizeof heure, "2026-11-23 10:%02d", minutes);
  cluster.restart('a', heure);
  EXPECT_TRUE(attendre_les_envois(primaire, std::chrono::seconds(60)))
      << "documents or mails still waiting";
  cluster.stop('a');
}

// Waits until the standby replayed all the primary wrote.
bool replique(store::Database& primaire, store::Database& secours) {
  const auto lsn = une_valeur<std::string>(primaire, "SELECT pg_current_wal_lsn()::text");
  const auto limite = Horloge::now() + std::chrono::seconds(30);
  while (Horloge::now() < limite) {
    if (une_valeur<int>(secours, "SELECT CASE WHEN pg_last_wal_replay_lsn() >= '" + lsn +
                                     "'::pg_lsn THEN 1 ELSE 0 END") == 1)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// The rows of a table, as a count and a digest that does not depend on their order.
std::string empreinte(store::Database& db, const std::string& table) {
  return une_valeur<std::string>(
      db,
      "SELECT COUNT(*) || ' rows, ' || COALESCE(md5(string_agg(md5(t::text), ',' ORDER BY "
      "md5(t::text))), '-') FROM " +
          table + " t");
}

// How many times each mail and each document was handled, by any instance, from their logs:
// "mail_delivery" delivered, "document_prepared" stored or not (a second rendering).
struct Traitements {
  std::map<long long, int> mails;
  std::map<long long, int> documents;
  std::map<char, int> par_instance;
};

Traitements traitements(const Cluster& cluster) {
  Traitements t;
  for (const char instance : {'a', 'b'}) {
    std::ifstream in(cluster.journal(instance));
    for (std::string ligne; std::getline(in, ligne);) {
      if (!ligne.starts_with("{")) continue;
      const auto o = boost::json::parse(ligne).as_object();
      const auto evenement = o.at("event").as_string();
      if (evenement == "mail_delivery" && o.at("delivered").as_bool())
        ++t.mails[o.at("id").to_number<long long>()];
      else if (evenement == "document_prepared")
        ++t.documents[o.at("id").to_number<long long>()];
      else
        continue;
      ++t.par_instance[instance];
    }
  }
  return t;
}

void verifier_les_traitements(const Cluster& cluster, store::Database& secours) {
  auto t = traitements(cluster);
  for (const auto& [id, n] : t.mails) EXPECT_EQ(n, 1) << "mail " << id << " delivered " << n;
  for (const auto& [id, n] : t.documents)
    EXPECT_EQ(n, 1) << "document " << id << " rendered " << n << " times";
  EXPECT_GT(t.par_instance['a'], 0) << "instance A handled no mail and no document";
  EXPECT_GT(t.par_instance['b'], 0) << "instance B handled no mail and no document";
  EXPECT_EQ(une_valeur<long long>(secours, "SELECT COUNT(*) FROM messages WHERE tentatives <> 1"),
            0)
      << "mails attempted more than once";
  std::cout << "cluster: the logs show " << t.mails.size() << " mails delivered and "
            << t.documents.size() << " documents rendered (A " << t.par_instance['a'] << ", B "
            << t.par_instance['b'] << ")" << std::endl;
}

TEST(Cluster, two_instances_a_kill_and_every_registration_on_the_standby) {
  const char* binaire = std::getenv("EXAMENS_BIN");
  ASSERT_TRUE(binaire && *binaire) << "EXAMENS_BIN: the examens binary";
  crypto::init_secrets();
  const char* graine_env = std::getenv("CLUSTER_SEED");
  const auto graine = graine_env && *graine_env ? std::stoull(graine_env) : std::random_device{}();
  std::cout << "cluster: seed " << graine << " (CLUSTER_SEED)" << std::endl;
  std::mt19937_64 aleas(graine);
  const auto debut = Horloge::now();

  Cluster cluster(binaire);
  std::cout << "cluster: started in " << secondes_depuis(debut) << " s (" << cluster.dossier()
            << ")" << std::endl;
  store::Database primaire(cluster["PRIMARY_URL"], 2);
  const auto candidats = creer_candidats(primaire, kComptes, aleas);
  Accuses accuses;
  accuses.inscription(sur_deux_instances(cluster, candidats.front()));
  ruee(cluster, candidats, accuses, aleas);
  for (const auto& a : accuses.anomalies()) ADD_FAILURE() << "anomaly: " << a;
  vider_les_files(cluster, primaire, debut);

  store::Database secours(cluster["STANDBY_URL"], 2);
  ASSERT_TRUE(replique(primaire, secours)) << "the standby did not catch up within 30 s";
  for (const char* table :
       {"candidatures", "candidature_versions", "documents", "messages", "depots", "audit"})
    EXPECT_EQ(empreinte(secours, table), empreinte(primaire, table)) << table;
  const Bilan bilan = verifier(secours, accuses, cluster["DATA_DIR"]);
  for (const auto& e : bilan.erreurs) ADD_FAILURE() << "on the standby: " << e;
  verifier_les_traitements(cluster, secours);
  std::cout << "cluster: on the standby " << bilan.candidatures << " candidatures, "
            << bilan.versions << " versions, " << bilan.documents << " documents, " << bilan.mails
            << " mails, " << bilan.fichiers << " files; " << secondes_depuis(debut) << " s"
            << std::endl;
}

}  // namespace
}  // namespace examens::testing
