// Tab 4 "Qualification présentée".
#include "domain/qualification.hpp"

#include "domain/compte.hpp"
#include "portail/onglets/onglets.hpp"

namespace examens::portail::onglets {

void qualification(const Portal& portal, const domain::ContexteSaisie& contexte, const Brouillon& b,
                   const domain::FieldErrors& e, FormView& view, Data& data) {
  const auto& q = portal.qualification();
  const auto& c = b.dossier.champs;
  std::vector<Option> specialites, sections, formes;
  for (const auto* s : q.specialites_of(b.dossier.domaine))
    specialites.push_back({s->code, s->libelle});
  for (const auto& s : q.sections_langue) sections.push_back({s.code, s.libelle});
  for (const auto& f : q.formes_passage) formes.push_back({f.code, f.libelle});
  view.select({"specialite", "Spécialité", "", "select"}, specialites,
              domain::valeur(c, "specialite"));
  const std::string section = domain::valeur(c, "section_langue");
  view.select({"section_langue", "Section de langue", "", "select"}, sections,
              section.empty() ? "SANS" : section);
  std::string hint;
  if (const auto* cat = q.categorie(b.dossier.domaine, domain::valeur(c, "categorie"))) {
    for (const auto& code : cat->formes) {
      const auto* f = q.forme_passage(code);
      hint += (hint.empty() ? "Ouverte(s) de droit à votre catégorie : " : ", ") +
              (f ? f->libelle : code);
    }
    hint += ". Une autre forme demande une dérogation.";
  }
  const std::string forme = domain::valeur(c, "forme_passage");
  view.select({"forme_passage", "Forme de passage", hint, "select"}, formes, forme);
  data.set("derogation", oui_non("derogation", "Dérogation à la forme de passage", c, e));
  const auto finale = domain::forme_passage_finale(c, contexte);
  if (const auto* f = q.forme_passage(finale.finale)) data.set("forme_finale", f->libelle);
}

}  // namespace examens::portail::onglets
