// What the durability test checks once the server stopped cleanly.
#include "durability/verification.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "fichiers/entrepot.hpp"
#include "store/sql.hpp"

namespace examens::testing {
namespace {

namespace fs = std::filesystem;

// A column as a whole number whatever type the backend reports it as; NULL is -1.
long long entier(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return -1;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    default: return std::stoll(r.get<std::string>(i));
  }
}

std::string texte(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? "" : r.get<std::string>(i);
}

template <class F>
void lignes(store::Database& db, const std::string& sql, F chaque) {
  store::Read read(db);
  soci::rowset<soci::row> rows = store::sql_of(read).prepare << sql;
  for (const auto& r : rows) chaque(r);
}

std::string lire(const fs::path& chemin) {
  std::ifstream in(chemin, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A mail of the file transport is whole when its MIME parts end with their closing boundary.
bool eml_entier(const std::string& octets) {
  const auto debut = octets.find("boundary=\"");
  if (debut == std::string::npos) return false;
  const auto fin = octets.find('"', debut + 10);
  if (fin == std::string::npos) return false;
  return octets.ends_with("\r\n--" + octets.substr(debut + 10, fin - debut - 10) + "--\r\n");
}

struct Candidature {
  long long compte_id = 0;
  std::string etat;
  int version = 0;
  std::string numero;
  std::string donnees;
};

struct Lu {
  std::map<long long, Candidature> candidatures;
  std::map<std::pair<long long, int>, std::string> versions;  // (candidature, version): snapshot
  // (candidature, version): the documents' natures and whether each is a rendered PDF.
  std::map<std::pair<long long, int>, std::multimap<std::string, bool>> documents;
  // compte: (objet, chemin of the .eml, or empty while not delivered)
  std::multimap<long long, std::pair<std::string, std::string>> mails;
  std::map<std::pair<long long, std::string>, int> audit;  // (candidature, action): entries
  std::set<std::pair<long long, std::string>> depots;      // (candidature, empreinte)
};

Lu lire_la_base(store::Database& db) {
  Lu lu;
  lignes(db, "SELECT id, compte_id, etat, version, numero_inscription, donnees FROM candidatures",
         [&](const soci::row& r) {
           lu.candidatures[entier(r, 0)] = {
               entier(r, 1), texte(r, 2), static_cast<int>(entier(r, 3)), texte(r, 4), texte(r, 5)};
         });
  lignes(db, "SELECT candidature_id, version, donnees FROM candidature_versions",
         [&](const soci::row& r) {
           lu.versions[{entier(r, 0), static_cast<int>(entier(r, 1))}] = texte(r, 2);
         });
  lignes(db, "SELECT candidature_id, version, nature, etat, pdf_base64 FROM documents",
         [&](const soci::row& r) {
           // "%PDF-" in base64.
           const bool pdf = texte(r, 3) == "pret" && texte(r, 4).starts_with("JVBERi0");
           lu.documents[{entier(r, 0), static_cast<int>(entier(r, 1))}].emplace(texte(r, 2), pdf);
         });
  lignes(
      db, "SELECT compte_id, objet, envoye_le, chemin_eml FROM messages", [&](const soci::row& r) {
        lu.mails.emplace(entier(r, 0), std::pair{texte(r, 1), entier(r, 2) < 0 ? "" : texte(r, 3)});
      });
  lignes(db, "SELECT candidature_id, action FROM audit WHERE candidature_id IS NOT NULL",
         [&](const soci::row& r) {
           ++lu.audit[{entier(r, 0), texte(r, 1)}];
         });
  lignes(db,
         "SELECT j.candidature_id, d.empreinte FROM depots d "
         "JOIN justificatifs j ON j.id = d.justificatif_id",
         [&](const soci::row& r) { lu.depots.emplace(entier(r, 0), texte(r, 1)); });
  return lu;
}

// One candidature whole: versions 1 to n with the last one's snapshot on the row, two
// rendered documents per version, its mails and audit entries once each.
void verifier_candidature(const Lu& lu, long long id, const Candidature& c, Bilan& bilan) {
  const std::string nom = "candidature " + std::to_string(id);
  auto erreur = [&](const std::string& quoi) { bilan.erreurs.push_back(nom + ": " + quoi); };
  if (c.etat != "inscrit") erreur("état " + c.etat);
  if (c.numero.empty()) erreur("no numéro d'inscription");
  for (int v = 1; v <= c.version; ++v) {
    ++bilan.versions;
    const auto snapshot = lu.versions.find({id, v});
    if (snapshot == lu.versions.end()) erreur("no snapshot of version " + std::to_string(v));
    if (v == c.version && snapshot != lu.versions.end() && snapshot->second != c.donnees)
      erreur("the row's data differ from the snapshot of its version");
    const auto documents = lu.documents.find({id, v});
    const std::size_t n = documents == lu.documents.end() ? 0 : documents->second.size();
    bilan.documents += static_cast<int>(n);
    if (n != 2 || documents->second.count("recapitulatif") != 1 ||
        documents->second.count("demande_pieces") != 1)
      erreur(std::to_string(n) + " documents for version " + std::to_string(v));
    else
      for (const auto& [nature, pdf] : documents->second)
        if (!pdf) erreur(nature + " of version " + std::to_string(v) + " not a rendered PDF");
  }
  if (lu.versions.contains({id, c.version + 1})) erreur("a version past the row's");
  if (lu.documents.contains({id, c.version + 1})) erreur("documents past the row's version");
  auto audit = [&](const std::string& action) {
    const auto it = lu.audit.find({id, action});
    return it == lu.audit.end() ? 0 : it->second;
  };
  if (audit("candidature.inscrite") != 1 || audit("candidature.modifiee") != c.version - 1)
    erreur("audit: " + std::to_string(audit("candidature.inscrite")) + " inscrite, " +
           std::to_string(audit("candidature.modifiee")) + " modifiee for version " +
           std::to_string(c.version));
  int confirmations = 0, modifications = 0;
  const auto [debut, fin] = lu.mails.equal_range(c.compte_id);
  for (auto it = debut; it != fin; ++it) {
    const auto& [objet, eml] = it->second;
    if (objet.starts_with("Confirmation d'inscription")) ++confirmations;
    if (objet.starts_with("Modification d'inscription")) ++modifications;
    ++bilan.mails;
    if (eml.empty())
      erreur("mail « " + objet + " » not delivered");
    else if (!eml_entier(lire(eml)))
      erreur("mail file " + eml + " not whole");
  }
  if (confirmations != 1 || modifications != c.version - 1)
    erreur("mails: " + std::to_string(confirmations) + " confirmation(s), " +
           std::to_string(modifications) + " modification(s) for version " +
           std::to_string(c.version));
}

// The files under a final name are whole.
void verifier_fichiers(const fs::path& donnees, Bilan& bilan) {
  const fs::path store = donnees / "justificatifs";
  if (fs::exists(store))
    for (const auto& f : fs::recursive_directory_iterator(store)) {
      if (!f.is_regular_file() || f.path().parent_path().filename() == "tmp") continue;
      ++bilan.fichiers;
      const std::string nom = f.path().filename().string();
      if (!fichiers::empreinte_valide(nom) || sha256(lire(f.path())) != nom)
        bilan.erreurs.push_back("stored file " + f.path().string() + " not whole");
    }
  if (fs::exists(donnees / "mail"))
    for (const auto& f : fs::directory_iterator(donnees / "mail")) {
      if (f.path().filename().string().starts_with(".")) continue;
      ++bilan.fichiers;
      if (f.path().extension() != ".eml" || !eml_entier(lire(f.path())))
        bilan.erreurs.push_back("mail file " + f.path().string() + " not whole");
    }
}

}  // namespace

bool attendre_les_envois(store::Database& db, std::chrono::seconds delai) {
  const auto limite = std::chrono::steady_clock::now() + delai;
  while (std::chrono::steady_clock::now() < limite) {
    long long restants = 0;
    lignes(db,
           "SELECT (SELECT COUNT(*) FROM documents WHERE etat <> 'pret') + "
           "(SELECT COUNT(*) FROM messages WHERE envoye_le IS NULL AND abandonne_le IS NULL)",
           [&](const soci::row& r) { restants = entier(r, 0); });
    if (restants == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

std::map<std::string, int> temporaires(const fs::path& donnees) {
  std::map<std::string, int> out;
  // The store's, the transport's upload spool, and the mail transport's dot files.
  const std::pair<const char*, bool> dossiers[] = {
      {"justificatifs/tmp", false}, {"uploads", false}, {"mail", true}};
  for (const auto& [dossier, points_seulement] : dossiers) {
    if (!fs::exists(donnees / dossier)) continue;
    for (const auto& f : fs::directory_iterator(donnees / dossier))
      if (f.is_regular_file() &&
          (!points_seulement || f.path().filename().string().starts_with(".")))
        ++out[dossier];
  }
  return out;
}

Bilan verifier(store::Database& db, const Accuses& accuses, const fs::path& donnees) {
  Bilan bilan;
  const Lu lu = lire_la_base(db);
  for (const auto& a : accuses.inscriptions()) {
    const auto it = lu.candidatures.find(a.candidature_id);
    const std::string nom = "acknowledged candidature " + std::to_string(a.candidature_id);
    if (it == lu.candidatures.end())
      bilan.erreurs.push_back(nom + " missing");
    else if (it->second.compte_id != a.compte_id || it->second.version < a.version)
      bilan.erreurs.push_back(nom + " has version " + std::to_string(it->second.version) +
                              ", acknowledged " + std::to_string(a.version));
  }
  std::map<long long, int> par_compte;
  for (const auto& [id, c] : lu.candidatures) {
    ++bilan.candidatures;
    if (++par_compte[c.compte_id] == 2)
      bilan.erreurs.push_back("account " + std::to_string(c.compte_id) + ": two candidatures");
    verifier_candidature(lu, id, c, bilan);
  }
  for (const auto& d : accuses.depots()) {
    if (!lu.depots.contains({d.candidature_id, d.empreinte}))
      bilan.erreurs.push_back("acknowledged deposit " + d.empreinte + " of candidature " +
                              std::to_string(d.candidature_id) + " missing");
    const fs::path fichier = fichiers::Entrepot(donnees / "justificatifs").chemin(d.empreinte);
    if (!fs::exists(fichier) || sha256(lire(fichier)) != d.empreinte)
      bilan.erreurs.push_back("acknowledged deposit " + d.empreinte + ": file missing or altered");
  }
  verifier_fichiers(donnees, bilan);
  bilan.temporaires = temporaires(donnees);
  return bilan;
}

}  // namespace examens::testing
