// Finding a candidature of the office's académie by what its member typed.
#include "actions/recherche.hpp"

#include "domain/audit.hpp"
#include "store/candidatures.hpp"

namespace examens::actions {
namespace {

constexpr std::string_view kCandidatureHorsAcademie =
    "Aucune candidature de votre académie ne correspond.";

}  // namespace

std::variant<std::monostate, long long, std::string> candidature_nommee(store::Unit& unit,
                                                                        const std::string& academie,
                                                                        std::string_view saisie) {
  const auto filtre = domain::lire_filtre_candidature(saisie);
  std::optional<long long> id;
  if (const auto* refus = std::get_if<domain::FiltreRefuse>(&filtre)) return refus->message;
  if (const auto* par_id = std::get_if<domain::CandidatureParId>(&filtre)) id = par_id->id;
  if (const auto* n = std::get_if<domain::CandidatureParNumeros>(&filtre)) {
    id = store::candidature_id_by_numeros(unit, n->numero_candidat, n->numero_inscription);
    if (!id) return std::string(kCandidatureHorsAcademie);
  }
  if (!id) return std::monostate{};
  const auto c = store::find_candidature_by_id(unit, *id);
  if (!c || c->academie != academie) return std::string(kCandidatureHorsAcademie);
  return *id;
}

}  // namespace examens::actions
