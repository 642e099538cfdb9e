// The fixture of the Mes justificatifs tests.
#include "integration/justificatifs_support.hpp"

#include <fstream>
#include <regex>

#include "domain/agents.hpp"
#include "store/agents.hpp"

namespace examens::testing {
namespace fs = std::filesystem;

std::string multipart(const std::string& csrf, const std::string& nom, const std::string& octets) {
  const std::string b = "--" + kBoundary + "\r\n";
  return b + "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n" + b +
         "Content-Disposition: form-data; name=\"fichier\"; filename=\"" + nom +
         "\"\r\nContent-Type: application/pdf\r\n\r\n" + octets + "\r\n--" + kBoundary + "--\r\n";
}

void Justificatifs::SetUp() {
  create_account(portal, client, spec, true);
  login(client, spec.email, spec.password);
  id = parcours.inscrire();
}

std::string Justificatifs::csrf() {
  return csrf_of(client.get(page()).body);
}

HttpResult Justificatifs::deposer(const std::string& code, const std::string& nom,
                                  const std::string& octets) {
  const std::string jeton = csrf();
  return client.post_raw(page() + "/pieces/" + code + "?csrf=" + jeton,
                         "multipart/form-data; boundary=" + kBoundary,
                         multipart(jeton, nom, octets));
}

HttpResult Justificatifs::supprimer(long long depot) {
  return client.post(page() + "/fichiers/" + std::to_string(depot) + "/supprimer",
                     {{"csrf", csrf()}});
}

HttpResult Justificatifs::valider() {
  return client.post(page() + "/valider", {{"csrf", csrf()}});
}

std::vector<std::string> Justificatifs::en_ligne() {
  const std::string body = client.get(page()).body;
  static const std::regex re(R"re(id="fichier-(\d+)")re");
  std::vector<std::string> out;
  for (std::sregex_iterator it(body.begin(), body.end(), re), end; it != end; ++it)
    out.push_back((*it)[1]);
  return out;
}

std::vector<LigneDepot> Justificatifs::depots() {
  std::vector<LigneDepot> out;
  store::Read read(portal.db());
  soci::rowset<soci::row> rows =
      (store::sql_of(read).prepare << "SELECT id, empreinte, type_mime, nom, taille FROM depots "
                                      "ORDER BY id");
  for (const auto& r : rows) {
    const auto entier = [&](std::size_t i) {
      return r.get_properties(i).get_data_type() == soci::dt_integer
                 ? static_cast<long long>(r.get<int>(i))
                 : r.get<long long>(i);
    };
    out.push_back({entier(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                   entier(4)});
  }
  return out;
}

std::vector<fs::path> Justificatifs::fichiers_stockes() const {
  std::vector<fs::path> out;
  if (!fs::exists(portal.justificatifs_dir())) return out;
  for (const auto& f : fs::recursive_directory_iterator(portal.justificatifs_dir()))
    if (f.is_regular_file() && f.path().parent_path().filename() != "tmp") out.push_back(f.path());
  return out;
}

std::vector<fs::path> Justificatifs::temporaires() const {
  std::vector<fs::path> out;
  const fs::path tmp = portal.justificatifs_dir() / "tmp";
  if (!fs::exists(tmp)) return out;
  for (const auto& f : fs::directory_iterator(tmp)) out.push_back(f.path());
  return out;
}

fs::path Justificatifs::ecrire(const std::string& nom, const std::string& octets) const {
  const fs::path p = portal.upload_dir() / nom;
  std::ofstream(p, std::ios::binary) << octets;
  return p;
}

long long Justificatifs::ajouter_agent(const std::string& academie) {
  store::Agent agent;
  agent.email = "gestion." + academie + "@example.fr";
  agent.nom = "GESTION";
  agent.prenom = "Anne";
  agent.role = std::string(domain::kRoleGestionnaire);
  agent.academie = academie;
  store::Tx tx(portal.db());
  const long long agent_id = store::insert_agent(tx, agent, portal.clock().now());
  tx.commit();
  return agent_id;
}

}  // namespace examens::testing
