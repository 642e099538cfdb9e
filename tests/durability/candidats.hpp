// The candidates of the durability test and what the server acknowledged them: each logs in,
// goes through the eight tabs to Enregistrer, and some deposit a justificatif or make a
// modification with a second Enregistrer. A request that got no answer (the server killed)
// is acknowledged by nothing: the candidate waits for the server and takes the step again
// from what the server shows him.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "integration/parcours.hpp"
#include "integration/support.hpp"

namespace examens::testing {

struct Candidat {
  long long compte_id = 0;
  std::string email;
  bool deposer = false;   // a justificatif after the registration
  bool modifier = false;  // a modification and its Enregistrer (version 2)
};

// An answer the scenario does not allow, as opposed to a request that got none.
class Anomalie : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// What the server acknowledged, shared by the candidates' threads.
class Accuses {
 public:
  struct Inscription {
    long long compte_id = 0;
    long long candidature_id = 0;
    int version = 1;
  };
  struct Depot {
    long long candidature_id = 0;
    std::string empreinte;
  };

  void inscription(const Inscription& i);
  void depot(const Depot& d);
  void anomalie(const std::string& texte);
  std::vector<Inscription> inscriptions() const;
  std::vector<Depot> depots() const;
  std::vector<std::string> anomalies() const;

  std::atomic<int> refusees{0};            // connections refused while the server was down
  std::atomic<int> coupees{0};             // requests sent and cut by a kill before their answer
  std::atomic<int> enregistrer_coupes{0};  // of which Enregistrer
  std::atomic<int> depots_coupes{0};       // of which deposits
  // In flight now: what the killer aims at.
  std::atomic<int> enregistrer_en_cours{0};
  std::atomic<int> depots_en_cours{0};

 private:
  mutable std::mutex mutex_;
  std::vector<Inscription> inscriptions_;
  std::vector<Depot> depots_;
  std::vector<std::string> anomalies_;
};

// `nombre` activated accounts written straight into the database, one password hash for all
// (Argon2id is slow on purpose, and the tests are about what follows the login); about half
// deposit a justificatif and a third modify their registration, as `aleas` draws.
std::vector<Candidat> creer_candidats(store::Database& db, int nombre, std::mt19937_64& aleas);

// Returns once a request counted by `en_cours` is in flight (or after 5 s), a few
// milliseconds later: somewhere inside it.
void viser(const std::atomic<int>& en_cours, std::mt19937_64& aleas);

// The SHA-256 of `octets` in lowercase hex, as the store names its files.
std::string sha256(const std::string& octets);

// The PDF a candidate deposits: a valid one, unique to him, of about `taille` bytes.
std::string piece_pdf(const std::string& email, std::size_t taille);

// One candidate's session with the portal at `base_url`; gives up waiting for the server at
// `limite`.
class Scenario {
 public:
  Scenario(const std::string& base_url, Accuses& accuses,
           std::chrono::steady_clock::time_point limite);
  // Throws Anomalie on an answer the scenario does not allow.
  void derouler(const Candidat& c);

 private:
  template <class F>
  auto reprendre(F etape);
  void connecter(const Candidat& c);
  long long inscrire(const Candidat& c);
  void passer_onglet(const std::string& cle, int n, Fields champs);
  HttpResult enregistrer(const std::string& cle);
  // Sends a request counted in `en_cours` while in flight and in `coupes` when cut.
  template <class F>
  HttpResult suivi(std::atomic<int>& en_cours, std::atomic<int>& coupes, F requete);
  void deposer(const Candidat& c, long long id);
  void modifier(const Candidat& c, long long id);

  Client client_;
  Parcours parcours_{client_};
  Accuses& accuses_;
  std::chrono::steady_clock::time_point limite_;
};

}  // namespace examens::testing
