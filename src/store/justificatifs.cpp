// Storage of the pièces justificatives and their deposits.
#include "store/justificatifs.hpp"

#include <map>

#include "store/instants.hpp"
#include "store/sql.hpp"
#include "store/statements.hpp"

namespace examens::store {
namespace {

std::optional<domain::Instant> instant_of(const std::optional<long long>& s) {
  if (!s) return std::nullopt;
  return instant(*s);
}

std::optional<long long> seconds_of(const std::optional<domain::Instant>& t) {
  if (!t) return std::nullopt;
  return seconds(*t);
}

constexpr const char* kDepotColumns =
    "p.id, p.justificatif_id, p.empreinte, p.type_mime, p.taille, p.nom, p.depose_le";
using DepotRow =
    std::tuple<long long, long long, std::string, std::string, long long, std::string, long long>;

Depot depot_of(DepotRow&& row) {
  Depot d;
  long long depose = 0;
  std::tie(d.id, d.justificatif_id, d.empreinte, d.type_mime, d.taille, d.nom, depose) =
      std::move(row);
  d.depose_le = instant(depose);
  return d;
}

}  // namespace

std::vector<Justificatif> justificatifs_of(Unit& unit, long long candidature_id) {
  std::vector<Justificatif> out;
  std::map<long long, std::size_t> index;
  for (auto& [id, code, statut, reception, commentaire, valide] :
       query_all<long long, std::string, std::string, std::optional<long long>, std::string,
                 std::optional<long long>>(
           unit,
           "SELECT id, code, statut, date_reception, commentaire, valide_le FROM justificatifs "
           "WHERE candidature_id = :c ORDER BY id",
           candidature_id)) {
    Justificatif j;
    j.id = id;
    j.candidature_id = candidature_id;
    j.code = std::move(code);
    j.statut = domain::statut_of_code(statut).value_or(domain::StatutPiece::aucun);
    j.date_reception = instant_of(reception);
    j.commentaire = std::move(commentaire);
    j.valide_le = instant_of(valide);
    index[id] = out.size();
    out.push_back(std::move(j));
  }
  for (auto& row :
       query_all<long long, long long, std::string, std::string, long long, std::string, long long>(
           unit,
           std::string("SELECT ") + kDepotColumns +
               " FROM depots p JOIN justificatifs j ON j.id = p.justificatif_id "
               "WHERE j.candidature_id = :c ORDER BY p.depose_le, p.id",
           candidature_id)) {
    Depot d = depot_of(std::move(row));
    // Outside a transaction each statement sees what was committed when it ran: a piece
    // deposited between the two is shown at the next reading.
    const auto it = index.find(d.justificatif_id);
    if (it != index.end()) out[it->second].depots.push_back(std::move(d));
  }
  return out;
}

long long ensure_justificatif(Tx& tx, long long candidature_id, const std::string& code,
                              domain::Instant now) {
  execute(tx,
          "INSERT INTO justificatifs (candidature_id, code, modifie_le) VALUES (:c, :code, :t) "
          "ON CONFLICT (candidature_id, code) DO NOTHING",
          candidature_id, code, seconds(now));
  return query_one<long long>(
             tx, "SELECT id FROM justificatifs WHERE candidature_id = :c AND code = :code",
             candidature_id, code)
      .value();
}

bool prendre_modifiable(Tx& tx, long long justificatif_id, domain::Instant now) {
  return execute(tx,
                 "UPDATE justificatifs SET modifie_le = :t WHERE id = :id AND valide_le IS NULL",
                 seconds(now), justificatif_id) == 1;
}

long long insert_depot(Tx& tx, long long justificatif_id, const NouveauDepot& depot,
                       domain::Instant now) {
  // Only the statuses that reopened the piece: a new file then awaits a new control.
  execute(tx, "UPDATE justificatifs SET statut = :a WHERE id = :id AND statut IN (:n, :p)",
          std::string(domain::code_statut(domain::StatutPiece::aucun)), justificatif_id,
          std::string(domain::code_statut(domain::StatutPiece::non_conforme)),
          std::string(domain::code_statut(domain::StatutPiece::nouvelle_pj)));
  return query_one<long long>(tx,
                              "INSERT INTO depots (justificatif_id, empreinte, type_mime, taille, "
                              "nom, depose_le) VALUES (:j, :e, :m, :s, :n, :t) RETURNING id",
                              justificatif_id, depot.empreinte, depot.type_mime, depot.taille,
                              depot.nom, seconds(now))
      .value();
}

bool delete_depot(Tx& tx, long long depot_id) {
  return execute(tx, "DELETE FROM depots WHERE id = :id", depot_id) == 1;
}

int nombre_depots(Unit& unit, long long justificatif_id) {
  return query_one<int>(unit, "SELECT COUNT(*) FROM depots WHERE justificatif_id = :j",
                        justificatif_id)
      .value_or(0);
}

std::optional<DepotTrouve> find_depot(Unit& unit, long long depot_id) {
  auto row = query_one<long long, long long, std::string, std::string, long long, std::string,
                       long long, long long, long long, std::string, std::string>(
      unit,
      std::string("SELECT ") + kDepotColumns +
          ", c.id, c.compte_id, c.academie, j.code FROM depots p "
          "JOIN justificatifs j ON j.id = p.justificatif_id "
          "JOIN candidatures c ON c.id = j.candidature_id WHERE p.id = :id",
      depot_id);
  if (!row) return std::nullopt;
  auto& [id, jid, empreinte, type, taille, nom, depose, cid, compte, academie, code] = *row;
  DepotTrouve out;
  out.depot =
      depot_of({id, jid, std::move(empreinte), std::move(type), taille, std::move(nom), depose});
  out.candidature_id = cid;
  out.compte_id = compte;
  out.academie = std::move(academie);
  out.code = std::move(code);
  return out;
}

bool valider_piece(Tx& tx, long long justificatif_id, domain::Instant now) {
  return execute(tx,
                 "UPDATE justificatifs SET valide_le = :t, modifie_le = :t2 "
                 "WHERE id = :id AND valide_le IS NULL",
                 seconds(now), seconds(now), justificatif_id) == 1;
}

bool rouvrir_piece(Tx& tx, long long justificatif_id, domain::Instant now) {
  return execute(tx,
                 "UPDATE justificatifs SET valide_le = NULL, modifie_le = :t "
                 "WHERE id = :id AND valide_le IS NOT NULL",
                 seconds(now), justificatif_id) == 1;
}

void set_statut(Tx& tx, long long justificatif_id, const Controle& controle, domain::Instant now) {
  execute(tx,
          "UPDATE justificatifs SET statut = :s, date_reception = :r, commentaire = :c, "
          "statut_par = :a, statut_le = :t, modifie_le = :t2 WHERE id = :id",
          std::string(domain::code_statut(controle.statut)), seconds_of(controle.date_reception),
          controle.commentaire, controle.agent_id, seconds(now), seconds(now), justificatif_id);
  if (domain::rouvre_piece(controle.statut)) rouvrir_piece(tx, justificatif_id, now);
}

bool empreinte_referencee(Unit& unit, const std::string& empreinte) {
  return query_one<int>(unit, "SELECT 1 FROM depots WHERE empreinte = :e LIMIT 1", empreinte)
      .has_value();
}

}  // namespace examens::store
