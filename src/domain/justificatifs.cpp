// The pieces a dossier needs: the catalogue's rules applied to its answers, grouped by deposit
// mode and window.
#include "domain/justificatifs.hpp"

#include <algorithm>

#include "domain/temps.hpp"

namespace examens::domain {
namespace {

bool remplie(ConditionPiece condition, const Champs& champs) {
  switch (condition) {
    case ConditionPiece::toujours: return true;
    case ConditionPiece::handicap: return valeur(champs, "handicap") == "oui";
    case ConditionPiece::amenagement_duree: return valeur(champs, "amenagement_duree") == "oui";
    case ConditionPiece::derogation: return valeur(champs, "derogation") == "oui";
    case ConditionPiece::deja_presente: return contient(champs, "acquis_types", "deja_presente");
    case ConditionPiece::autre_specialite:
      return contient(champs, "acquis_types", "autre_specialite");
    case ConditionPiece::autre_diplome: return contient(champs, "acquis_types", "autre_diplome");
    case ConditionPiece::vae: return contient(champs, "acquis_types", "vae");
  }
  return false;
}

bool applicable(const ReglePieces& regle, const DossierSaisi& dossier) {
  if (regle.domaine != dossier.domaine) return false;
  const std::string categorie = valeur(dossier.champs, "categorie");
  if (!regle.categories.empty() && std::find(regle.categories.begin(), regle.categories.end(),
                                             categorie) == regle.categories.end())
    return false;
  return remplie(regle.condition, dossier.champs);
}

}  // namespace

const PieceJustificative* CatalogueJustificatifs::piece(std::string_view code) const {
  for (const auto& p : pieces)
    if (p.code == code) return &p;
  return nullptr;
}

const PieceJustificative* CatalogueJustificatifs::recapitulatif_signe() const {
  for (const auto& p : pieces)
    if (p.recapitulatif_signe) return &p;
  return nullptr;
}

const DepotPieces* CatalogueJustificatifs::depot(std::string_view domaine, std::string_view session,
                                                 std::string_view academie, ModeDepot mode) const {
  const DepotPieces* commun = nullptr;
  for (const auto& d : depots) {
    if (d.domaine != domaine || d.session != session || d.mode != mode) continue;
    if (d.academie == academie) return &d;
    if (d.academie == "*") commun = &d;
  }
  return commun;
}

std::vector<GroupePieces> pieces_requises(const CatalogueJustificatifs& catalogue,
                                          const DossierSaisi& dossier) {
  std::vector<const PieceJustificative*> requises;
  for (const auto& regle : catalogue.regles) {
    if (!applicable(regle, dossier)) continue;
    for (const auto& code : regle.pieces) {
      const PieceJustificative* piece = catalogue.piece(code);
      if (piece && std::find(requises.begin(), requises.end(), piece) == requises.end())
        requises.push_back(piece);
    }
  }
  std::vector<GroupePieces> groupes;
  for (const auto mode : {ModeDepot::en_ligne, ModeDepot::voie_postale, ModeDepot::autre}) {
    GroupePieces groupe{mode, std::nullopt, std::nullopt, {}};
    for (const auto* piece : requises)
      if (piece->mode == mode) groupe.pieces.push_back(*piece);
    if (groupe.pieces.empty()) continue;
    if (const auto* depot =
            catalogue.depot(dossier.domaine, dossier.session, dossier.academie, mode)) {
      groupe.debut = depot->debut;
      groupe.fin = depot->fin;
    }
    groupes.push_back(std::move(groupe));
  }
  return groupes;
}

std::string phrase_depot(const GroupePieces& groupe) {
  std::string out = groupe.mode == ModeDepot::en_ligne ? "A déposer en ligne"
                    : groupe.mode == ModeDepot::voie_postale
                        ? "A envoyer par voie postale"
                        : "A remettre selon d'autres modalités";
  if (!groupe.fin) return out;
  if (groupe.debut)
    out += " entre le " + format_paris_jour(*groupe.debut) + " et le ";
  else
    out += " au plus tard le ";
  return out + format_paris_jour(*groupe.fin) + " " + format_paris_time(*groupe.fin) +
         " (heure/Paris)";
}

}  // namespace examens::domain
