// The candidates of the durability test.
#include "durability/candidats.hpp"

#include <thread>

#include "crypto/empreinte.hpp"
#include "crypto/secrets.hpp"
#include "integration/justificatifs_support.hpp"
#include "store/comptes.hpp"
#include "unit/echantillons.hpp"

namespace examens::testing {
namespace {

constexpr std::string_view kCle = "N-BCP-2027-GUY";
constexpr std::string_view kPiece = "93475001";  // the identity document, deposited online

// Client::perform's failure: the request got no answer (refused, reset, cut short).
bool sans_reponse(const std::exception& e) {
  return std::string_view(e.what()).starts_with("HTTP request failed");
}

// Cut after it was sent, as opposed to refused while the server was down.
bool coupee(const std::exception& e) {
  return sans_reponse(e) &&
         std::string_view(e.what()).find("connect to server") == std::string_view::npos;
}

void exiger(bool condition, const std::string& quoi, const HttpResult& r) {
  if (!condition)
    throw Anomalie(quoi + ": status " + std::to_string(r.status) + ", location « " +
                   r.header("location") + " »");
}

}  // namespace

std::vector<Candidat> creer_candidats(store::Database& db, int nombre, std::mt19937_64& aleas) {
  std::bernoulli_distribution deposer(0.5), modifier(0.35);
  std::vector<Candidat> out;
  store::Tx tx(db);
  auto comptes = comptes_actives(tx, nombre, "Secret-2026", "candidat.", 90000000000LL,
                                 domain::SystemClock().now());
  tx.commit();
  for (auto& compte : comptes)
    out.push_back({compte.id, std::move(compte.email), deposer(aleas), modifier(aleas)});
  return out;
}

void viser(const std::atomic<int>& en_cours, std::mt19937_64& aleas) {
  const auto limite = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (en_cours.load() == 0 && std::chrono::steady_clock::now() < limite)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  std::this_thread::sleep_for(
      std::chrono::microseconds(std::uniform_int_distribution<int>(0, 8000)(aleas)));
}

std::string sha256(const std::string& octets) {
  crypto::Sha256 h;
  h.update(octets);
  return h.hex();
}

void Accuses::inscription(const Inscription& i) {
  std::lock_guard lock(mutex_);
  inscriptions_.push_back(i);
}

void Accuses::depot(const Depot& d) {
  std::lock_guard lock(mutex_);
  depots_.push_back(d);
}

void Accuses::anomalie(const std::string& texte) {
  std::lock_guard lock(mutex_);
  anomalies_.push_back(texte);
}

std::vector<Accuses::Inscription> Accuses::inscriptions() const {
  std::lock_guard lock(mutex_);
  return inscriptions_;
}

std::vector<Accuses::Depot> Accuses::depots() const {
  std::lock_guard lock(mutex_);
  return depots_;
}

std::vector<std::string> Accuses::anomalies() const {
  std::lock_guard lock(mutex_);
  return anomalies_;
}

std::string piece_pdf(const std::string& email, std::size_t taille) {
  // Comments after the header keep it a PDF (and its end marker last) while making its digest
  // the candidate's own; their length makes the upload last long enough to be cut.
  std::string octets = kPdf.substr(0, kPdf.find('\n') + 1) + "% " + email + "\n";
  while (octets.size() + kPdf.size() < taille) octets += "% remplissage de la piece\n";
  return octets + kPdf.substr(kPdf.find('\n') + 1);
}

Scenario::Scenario(const std::string& base_url, Accuses& accuses,
                   std::chrono::steady_clock::time_point limite)
    : client_(base_url), accuses_(accuses), limite_(limite) {}

template <class F>
auto Scenario::reprendre(F etape) {
  for (;;) {
    try {
      return etape();
    } catch (const std::runtime_error& e) {
      if (!sans_reponse(e)) throw;
      ++(coupee(e) ? accuses_.coupees : accuses_.refusees);
      if (std::chrono::steady_clock::now() > limite_)
        throw Anomalie(std::string("the server did not answer again: ") + e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

void Scenario::derouler(const Candidat& c) {
  reprendre([&] { connecter(c); });
  const long long id = inscrire(c);
  if (c.deposer) deposer(c, id);
  if (c.modifier) modifier(c, id);
}

void Scenario::connecter(const Candidat& c) {
  const auto r = login(client_, c.email, "Secret-2026");
  exiger(r.status == 303 && r.header("location") == "/", "login of " + c.email, r);
}

void Scenario::passer_onglet(const std::string& cle, int n, Fields champs) {
  // Tabs 3 and 5 may first show a notice (the category, the exemptions) to read before
  // going on; once read, the same submission passes.
  for (int essai = 0; essai < 3; ++essai) {
    const auto r = parcours_.envoyer(cle, n, champs);
    const std::string location = r.header("location");
    exiger(r.status == 303, "tab " + std::to_string(n), r);
    if (location == onglet(cle, n + 1)) return;
    exiger(location.starts_with(onglet(cle, n) + "?avis="), "tab " + std::to_string(n), r);
    client_.get(location);
    if (n == 5 && essai == 0)
      for (const char* code : {"E4", "E5-A", "E5-B", "E6", "E7"}) {
        champs.emplace_back("dispenses_affichees", code);
        champs.emplace_back("dispenses", code);
      }
  }
  throw Anomalie("tab " + std::to_string(n) + " never passed");
}

template <class F>
HttpResult Scenario::suivi(std::atomic<int>& en_cours, std::atomic<int>& coupes, F requete) {
  ++en_cours;
  try {
    auto r = requete();
    --en_cours;
    return r;
  } catch (const std::runtime_error& e) {
    --en_cours;
    if (coupee(e)) ++coupes;
    throw;
  }
}

HttpResult Scenario::enregistrer(const std::string& cle) {
  return suivi(accuses_.enregistrer_en_cours, accuses_.enregistrer_coupes,
               [&] { return parcours_.envoyer(cle, 8, exemple().at(8), "enregistrer"); });
}

long long Scenario::inscrire(const Candidat& c) {
  const std::string cle(kCle);
  const auto onglets = exemple();
  for (int tour = 0; tour < 20; ++tour) {
    const auto id = reprendre([&]() -> long long {
      const auto debut = parcours_.demarrer("GUY");
      const std::string location = debut.header("location");
      exiger(debut.status == 303, "M'inscrire", debut);
      // Registered by an Enregistrer whose answer was lost: the candidature, unacknowledged.
      exiger(location.starts_with("/inscription/"), "M'inscrire", debut);
      if (!location.starts_with("/inscription/saisie/")) return std::stoll(location.substr(13));
      for (int n = 1; n <= 7; ++n) passer_onglet(cle, n, onglets.at(n));
      const auto r = enregistrer(cle);
      // The draft is gone: a lost Enregistrer committed it; M'inscrire says where it went.
      if (r.status == 404) return 0;
      const std::string numero = r.header("location");
      exiger(r.status == 303 && numero.starts_with("/inscription/") && numero.ends_with("/numero"),
             "Enregistrer", r);
      const long long inscrite = std::stoll(numero.substr(13));
      accuses_.inscription({c.compte_id, inscrite, 1});
      return inscrite;
    });
    if (id > 0) return id;
  }
  throw Anomalie("Enregistrer never settled for " + c.email);
}

void Scenario::deposer(const Candidat& c, long long id) {
  const std::string page = "/inscription/" + std::to_string(id) + "/justificatifs";
  const std::string octets = piece_pdf(c.email, 256 * 1024);
  const std::string empreinte = sha256(octets);
  reprendre([&] {
    const std::string jeton = csrf_of(client_.get(page).body);
    const auto r = suivi(accuses_.depots_en_cours, accuses_.depots_coupes, [&] {
      return client_.post_raw(page + "/pieces/" + std::string(kPiece) + "?csrf=" + jeton,
                              "multipart/form-data; boundary=" + kBoundary,
                              multipart(jeton, "piece.pdf", octets));
    });
    exiger(r.status == 303, "deposit of " + c.email, r);
    accuses_.depot({id, empreinte});
  });
}

void Scenario::modifier(const Candidat& c, long long id) {
  const std::string base = "/inscription/" + std::to_string(id);
  const std::string cle = "C-" + std::to_string(id);
  Fields onglet3 = exemple().at(3);
  for (auto& [nom, valeur] : onglet3)
    if (nom == "diffusion_presse") valeur = "oui";
  for (int tour = 0; tour < 20; ++tour) {
    const bool fait = reprendre([&] {
      // A lost Enregistrer may have committed: the récapitulatif says which version stands.
      const auto recapitulatif = client_.get(base + "/recapitulatif");
      exiger(recapitulatif.status == 200, "récapitulatif", recapitulatif);
      if (contains(recapitulatif.body, "Version 02")) return true;
      const auto ouverte = client_.submit(base + "/recapitulatif", base + "/modifier", {});
      exiger(ouverte.status == 303 && ouverte.header("location") == onglet(cle, 1), "Modifier",
             ouverte);
      const auto r3 = parcours_.envoyer(cle, 3, onglet3);
      exiger(r3.status == 303 && r3.header("location") == onglet(cle, 4), "tab 3 modified", r3);
      const auto r = enregistrer(cle);
      if (r.status == 404) return false;
      exiger(r.status == 303 && r.header("location") == base + "/numero",
             "Enregistrer of the modification", r);
      accuses_.inscription({c.compte_id, id, 2});
      return true;
    });
    if (fait) return;
  }
  throw Anomalie("the modification never settled for " + c.email);
}

}  // namespace examens::testing
