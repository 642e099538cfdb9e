// The closing-hour scenario of `make bench` (docs/decisions/0021-bench.md): ACCOUNTS activated
// accounts written straight into the portal's database, then CLIENTS candidates at once, each
// with an account of his own, logging in, going through the eight tabs and Enregistrer, again
// and again for SECONDS. MODE `connexion` logs each in through the form (one Argon2id hash
// each); MODE `session` writes each one's session into the database too, so that what is
// measured is the wizard alone. Prints CSV: each step's count, p50 and p99 in ms, then the
// completed registrations and their rate. MODE `enregistrer` measures Enregistrer alone: one
// candidate fills the eight tabs, his draft is copied to every other account, and the
// candidates only press Enregistrer (the target: Enregistrer per second against the
// backend's own commits).
// usage: bench_rush BASE_URL DATABASE ACCOUNTS CLIENTS SECONDS connexion|session|enregistrer
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "crypto/secrets.hpp"
#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/sessions.hpp"

namespace examens::testing {
namespace {

using Horloge = std::chrono::steady_clock;
constexpr const char* kMotDePasse = "Examens-2026!";
constexpr const char* kCle = "N-BCP-2027-GUY";

struct Candidat {
  std::string email;
  std::string jeton;  // the session cookie, when written into the database
  std::string csrf;   // and its form token
  long long compte_id = 0;
};

// The two modes take accounts of their own: a candidate registers once for the session.
std::vector<Candidat> creer_comptes(store::Database& db, int nombre, bool sessions,
                                    const std::string& mode) {
  const auto maintenant = domain::SystemClock().now();
  const std::string prefixe = "ruee." + mode + ".";
  const long long premier_numero = mode == "connexion" ? 91000000000LL
                                   : mode == "session" ? 92000000000LL
                                                       : 93000000000LL;
  std::vector<Candidat> candidats;
  store::Tx tx(db);
  for (auto& compte :
       comptes_actives(tx, nombre, kMotDePasse, prefixe, premier_numero, maintenant)) {
    Candidat candidat{std::move(compte.email), "", crypto::random_token(32), compte.id};
    if (sessions) {
      candidat.jeton = crypto::random_token(32);
      const store::SessionRow row{
          crypto::token_hash(candidat.jeton), compte.id, candidat.csrf, maintenant, maintenant,
          maintenant + std::chrono::hours(2)};
      store::insert_session(tx, row, maintenant, "127.0.0.1", "bench_rush");
    }
    candidats.push_back(std::move(candidat));
  }
  tx.commit();
  return candidats;
}

// Each step's latencies in ms, in the order of the scenario.
struct Mesures {
  std::vector<std::string> etapes{"connexion", "m'inscrire", "onglet 1", "onglet 2", "onglet 3",
                                  "onglet 4",  "onglet 5",   "onglet 6", "onglet 7", "enregistrer"};
  std::vector<std::vector<double>> ms = std::vector<std::vector<double>>(etapes.size());
  long terminees = 0;
  long echecs = 0;
  std::vector<std::string> premiers_echecs;

  void fusionner(const Mesures& autre) {
    for (std::size_t i = 0; i < ms.size(); ++i)
      ms[i].insert(ms[i].end(), autre.ms[i].begin(), autre.ms[i].end());
    terminees += autre.terminees;
    echecs += autre.echecs;
    for (const auto& e : autre.premiers_echecs)
      if (premiers_echecs.size() < 5) premiers_echecs.push_back(e);
  }
};

void exiger(bool condition, const std::string& etape, const HttpResult& r) {
  if (!condition)
    throw std::runtime_error(etape + " : statut " + std::to_string(r.status) + ", vers « " +
                             r.header("location") + " »");
}

// A submission timed from the form's GET to the POST's answer, as a candidate waits for it.
template <class F>
HttpResult chronometrer(std::vector<double>& ms, F etape) {
  const auto debut = Horloge::now();
  auto r = etape();
  ms.push_back(std::chrono::duration<double, std::milli>(Horloge::now() - debut).count());
  return r;
}

std::string page_onglet(int n) {
  return std::string("/inscription/saisie/").append(kCle).append("/").append(std::to_string(n));
}

// A tab; tabs 3 and 5 first show a notice (the category, the exemptions) and pass once read.
HttpResult onglet(Client& client, int n, Fields champs) {
  const std::string page = page_onglet(n);
  champs.emplace_back("action", "suivant");
  auto r = client.submit(page, page, champs);
  if (r.status == 303 && r.header("location").starts_with(page + "?avis=")) {
    client.get(r.header("location"));
    if (n == 5)
      for (const char* code : {"E4", "E5-A", "E5-B", "E6", "E7"}) {
        champs.emplace_back("dispenses_affichees", code);
        champs.emplace_back("dispenses", code);
      }
    r = client.submit(page, page, champs);
  }
  return r;
}

// M'inscrire and tabs 1 to 7, each timed; the draft then waits on tab 8.
void remplir(Client& client, Mesures& m) {
  const auto onglets = exemple();
  auto r = chronometrer(m.ms[1], [&] {
    return client.submit("/inscription/nouvelle?domaine=BCP&session=2027&academie=GUY",
                         "/inscription/nouvelle",
                         {{"domaine", "BCP"}, {"session", "2027"}, {"academie", "GUY"}});
  });
  exiger(r.status == 303, "m'inscrire", r);
  for (int n = 1; n <= 7; ++n) {
    r = chronometrer(m.ms[1 + n], [&] { return onglet(client, n, onglets.at(n)); });
    exiger(r.status == 303 && r.header("location").ends_with(page_onglet(n + 1)),
           "onglet " + std::to_string(n), r);
  }
}

const std::string kPageConditions = page_onglet(8);

void inscrire(const std::string& base_url, const Candidat& candidat, Mesures& m) {
  Client client(base_url);
  if (candidat.jeton.empty()) {
    const auto r =
        chronometrer(m.ms[0], [&] { return login(client, candidat.email, kMotDePasse); });
    exiger(r.status == 303 && r.header("location") == "/", "connexion", r);
  } else {
    client.set_cookie("examens_session", candidat.jeton);
  }
  remplir(client, m);
  Fields conditions = exemple().at(8);
  conditions.emplace_back("action", "enregistrer");
  const auto r = chronometrer(
      m.ms[9], [&] { return client.submit(kPageConditions, kPageConditions, conditions); });
  exiger(r.status == 303 && r.header("location").ends_with("/numero"), "enregistrer", r);
}

// Enregistrer alone: the draft is in the database, the form's token known; one POST.
void enregistrer(Client& client, const Candidat& candidat, Mesures& m) {
  client.set_cookie("examens_session", candidat.jeton);
  Fields conditions = exemple().at(8);
  conditions.emplace_back("action", "enregistrer");
  conditions.emplace_back("csrf", candidat.csrf);
  const auto r = chronometrer(m.ms[9], [&] { return client.post(kPageConditions, conditions); });
  exiger(r.status == 303 && r.header("location").ends_with("/numero"), "enregistrer", r);
}

// The first candidate fills the tabs through the portal; his draft is copied to the others,
// who then have nothing left but Enregistrer.
void preparer_brouillons(const std::string& base_url, store::Database& db,
                         std::vector<Candidat>& candidats) {
  Client client(base_url);
  client.set_cookie("examens_session", candidats.front().jeton);
  Mesures ignorees;
  remplir(client, ignorees);
  const auto now = domain::SystemClock().now();
  store::Tx tx(db);
  const auto donnees = store::load_brouillon(tx, candidats.front().compte_id, kCle).value();
  for (const auto& c : candidats)
    store::save_brouillon(tx, c.compte_id, kCle, donnees, now, now + std::chrono::hours(24));
  tx.commit();
}

double centile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

int run(int argc, char** argv) {
  const std::string mode = argc == 7 ? argv[6] : "";
  if (mode != "connexion" && mode != "session" && mode != "enregistrer") {
    std::cerr << "usage: bench_rush BASE_URL DATABASE ACCOUNTS CLIENTS SECONDS "
                 "connexion|session|enregistrer\n";
    return 2;
  }
  crypto::init_secrets();
  const std::string base_url = argv[1];
  const int clients = std::stoi(argv[4]);
  const auto duree = std::chrono::seconds(std::stoi(argv[5]));
  std::vector<Candidat> candidats;
  {
    store::Database db(argv[2], 1);
    candidats = creer_comptes(db, std::stoi(argv[3]), mode != "connexion", mode);
    if (mode == "enregistrer") preparer_brouillons(base_url, db, candidats);
  }
  Mesures total;
  std::mutex mutex;
  std::atomic<std::size_t> suivant{0};
  const auto debut = Horloge::now();
  std::vector<std::thread> fils;
  for (int t = 0; t < clients; ++t)
    fils.emplace_back([&] {
      Mesures m;
      Client client(base_url);  // kept alive from one Enregistrer to the next
      for (std::size_t i = suivant++; i < candidats.size() && Horloge::now() - debut < duree;
           i = suivant++) {
        try {
          if (mode == "enregistrer")
            enregistrer(client, candidats[i], m);
          else
            inscrire(base_url, candidats[i], m);
          ++m.terminees;
        } catch (const std::exception& e) {
          ++m.echecs;
          if (m.premiers_echecs.size() < 5)
            m.premiers_echecs.push_back(candidats[i].email + " " + e.what());
        }
      }
      std::lock_guard lock(mutex);
      total.fusionner(m);
    });
  for (auto& f : fils) f.join();
  const double secondes = std::chrono::duration<double>(Horloge::now() - debut).count();
  std::printf("step,count,p50_ms,p99_ms\n");
  for (std::size_t i = 0; i < total.etapes.size(); ++i)
    std::printf("%s,%zu,%.1f,%.1f\n", total.etapes[i].c_str(), total.ms[i].size(),
                centile(total.ms[i], 0.50), centile(total.ms[i], 0.99));
  std::printf("completed,%ld,%.1f,%.2f\nfailed,%ld\n", total.terminees, secondes,
              total.terminees / secondes, total.echecs);
  for (const auto& e : total.premiers_echecs) std::cerr << "bench_rush: " << e << "\n";
  if (static_cast<std::size_t>(suivant.load()) >= candidats.size())
    std::cerr << "bench_rush: every account was used before the time was up\n";
  return total.terminees > 0 ? 0 : 1;
}

}  // namespace
}  // namespace examens::testing

int main(int argc, char** argv) {
  return examens::testing::run(argc, argv);
}
