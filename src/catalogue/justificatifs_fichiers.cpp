// Reading and validation of the pièces justificatives' files.
#include "catalogue/justificatifs_fichiers.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "domain/temps.hpp"

namespace examens::catalogue {
namespace {

using domain::ConditionPiece;
using domain::ModeDepot;

constexpr std::string_view kRecapitulatifSigne = "recapitulatif_signe";

std::optional<ModeDepot> mode_of(const std::string& s) {
  if (s == "en_ligne") return ModeDepot::en_ligne;
  if (s == "voie_postale") return ModeDepot::voie_postale;
  if (s == "autre") return ModeDepot::autre;
  return std::nullopt;
}

std::optional<ConditionPiece> condition_of(const std::string& s) {
  static const std::pair<const char*, ConditionPiece> kConditions[] = {
      {"toujours", ConditionPiece::toujours},
      {"handicap", ConditionPiece::handicap},
      {"amenagement_duree", ConditionPiece::amenagement_duree},
      {"derogation", ConditionPiece::derogation},
      {"deja_presente", ConditionPiece::deja_presente},
      {"autre_specialite", ConditionPiece::autre_specialite},
      {"autre_diplome", ConditionPiece::autre_diplome},
      {"vae", ConditionPiece::vae}};
  for (const auto& [name, condition] : kConditions)
    if (s == name) return condition;
  return std::nullopt;
}

bool is_digits(const std::string& s) {
  return !s.empty() && s.size() <= 20 &&
         std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

void read_pieces(const Files& files, domain::CatalogueJustificatifs& j,
                 std::vector<LoadError>& errors) {
  read_csv(files, "pieces.csv", {"code", "libelle", "mode", "role"}, errors,
           [&](const Row& r) -> std::string {
             if (!is_digits(r[0]) || r[1].empty())
               return "code (chiffres) et libellé sont obligatoires";
             if (j.piece(r[0])) return "pièce " + r[0] + " déjà définie";
             const auto mode = mode_of(r[2]);
             if (!mode) return "mode vaut en_ligne, voie_postale ou autre";
             if (!r[3].empty() && r[3] != kRecapitulatifSigne)
               return "role vaut recapitulatif_signe ou reste vide";
             const bool recapitulatif = r[3] == kRecapitulatifSigne;
             // Cancelling needs one answer to "which piece confirms the registration".
             if (recapitulatif && j.recapitulatif_signe())
               return "le récapitulatif signé est déjà la pièce " + j.recapitulatif_signe()->code;
             j.pieces.push_back({r[0], r[1], *mode, recapitulatif});
             return {};
           });
}

void read_regles(const Files& files, const domain::Catalogue& base,
                 domain::CatalogueQualification& q, std::vector<LoadError>& errors) {
  auto& j = q.justificatifs;
  read_csv(files, "pieces_requises.csv", {"domaine", "categories", "condition", "pieces"}, errors,
           [&](const Row& r) -> std::string {
             if (!base.domaine(r[0])) return "domaine inconnu : " + r[0];
             auto categories = words(r[1]);
             for (const auto& c : categories)
               if (!q.categorie(r[0], c)) return "catégorie inconnue dans " + r[0] + " : " + c;
             const auto condition = condition_of(r[2]);
             if (!condition) return "condition inconnue : " + r[2];
             auto pieces = words(r[3]);
             if (pieces.empty()) return "au moins une pièce est obligatoire";
             for (const auto& p : pieces)
               if (!j.piece(p)) return "pièce inconnue : " + p;
             j.regles.push_back({r[0], std::move(categories), *condition, std::move(pieces)});
             return {};
           });
}

void read_depots(const Files& files, const domain::Catalogue& base,
                 domain::CatalogueJustificatifs& j, std::vector<LoadError>& errors) {
  read_csv(files, "depots_pieces.csv", {"domaine", "session", "academie", "mode", "debut", "fin"},
           errors, [&](const Row& r) -> std::string {
             if (!base.session(r[0], r[1])) return "session inconnue : " + r[0] + " " + r[1];
             if (r[2] != "*" && !base.academie(r[2])) return "académie inconnue : " + r[2];
             const auto mode = mode_of(r[3]);
             if (!mode) return "mode vaut en_ligne, voie_postale ou autre";
             for (const auto& d : j.depots)
               if (d.domaine == r[0] && d.session == r[1] && d.academie == r[2] && d.mode == *mode)
                 return "fenêtre déjà définie pour " + r[0] + " " + r[1] + " " + r[2] + " " + r[3];
             std::optional<domain::Instant> debut;
             if (!r[4].empty()) {
               const auto parsed = domain::parse_paris_local(r[4]);
               if (!parsed.instant) return "debut : " + parsed.error;
               debut = parsed.instant;
             }
             const auto fin = domain::parse_paris_local(r[5]);
             if (!fin.instant) return "fin : " + fin.error;
             if (debut && *debut >= *fin.instant) return "le début doit précéder la fin";
             j.depots.push_back({r[0], r[1], r[2], *mode, debut, *fin.instant});
             return {};
           });
}

void check_depots(const domain::Catalogue& base, const domain::CatalogueJustificatifs& j,
                  std::vector<LoadError>& errors) {
  for (const auto& periode : base.periodes) {
    std::set<ModeDepot> modes;
    for (const auto& regle : j.regles)
      if (regle.domaine == periode.domaine)
        for (const auto& code : regle.pieces) modes.insert(j.piece(code)->mode);
    for (const auto mode : modes)
      if (!j.depot(periode.domaine, periode.session, periode.academie, mode))
        errors.push_back({"depots_pieces.csv", 0,
                          "aucune fenêtre de dépôt " +
                              std::string(mode == ModeDepot::en_ligne       ? "en_ligne"
                                          : mode == ModeDepot::voie_postale ? "voie_postale"
                                                                            : "autre") +
                              " pour " + periode.domaine + " " + periode.session + " " +
                              periode.academie});
  }
}

}  // namespace

void read_justificatifs(const Files& files, const domain::Catalogue& base,
                        domain::CatalogueQualification& qualification,
                        std::vector<LoadError>& errors) {
  const std::size_t before = errors.size();
  read_pieces(files, qualification.justificatifs, errors);
  read_regles(files, base, qualification, errors);
  read_depots(files, base, qualification.justificatifs, errors);
  // Missing windows are judged only on files that read cleanly, or one bad line would bury
  // its own reason under every window it left out.
  if (errors.size() == before) check_depots(base, qualification.justificatifs, errors);
}

}  // namespace examens::catalogue
