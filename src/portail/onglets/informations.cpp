// Tab 3 "Informations candidature".
#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "domain/saisie.hpp"
#include "portail/onglets/onglets.hpp"

namespace examens::portail::onglets {

void informations(const Portal& portal, const Context& ctx, const Brouillon& b,
                  const domain::FieldErrors& e, FormView& view, Data& data) {
  const auto& q = portal.qualification();
  const auto& c = b.dossier.champs;
  std::vector<Option> categories, situations, etablissements, csp;
  for (const auto* cat : q.categories_of(b.dossier.domaine))
    categories.push_back({cat->code, cat->libelle});
  for (const auto& s : q.situations) situations.push_back({s.code, s.libelle});
  for (const auto* et : q.etablissements_of(b.dossier.academie))
    etablissements.push_back({et->uai, et->libelle()});
  for (const auto& s : q.csp) csp.push_back({s.code, s.libelle});
  view.select({"categorie", "Catégorie du candidat", "", "select"}, categories,
              domain::valeur(c, "categorie"));
  view.select({"situation", "Situation à l'inscription", "", "select"}, situations,
              domain::valeur(c, "situation"));
  view.select({"csp", "Catégorie socio-professionnelle d'un représentant légal",
               "Facultatif pour un candidat majeur", "select", "off", false},
              csp, domain::valeur(c, "csp"));
  view.select({"etablissement", "Etablissement",
               "Sans établissement de formation, choisissez « INDIVIDUELS » de votre département",
               "select"},
              etablissements, domain::valeur(c, "etablissement"));
  if (const auto* categorie = domain::categorie_d_etablissement(q, b.dossier.domaine, c);
      categorie && ctx.compte->identifiant.empty())
    data.set("categorie_etablissement", categorie->libelle);
  data.set("amenagement_duree",
           oui_non("amenagement_duree", "Aménagement de la durée de formation", c, e));
  data.set(
      "handicap",
      oui_non("handicap", "Demande d'aménagement(s) d'épreuves au titre du handicap (1)", c, e));
  data.set("diffusion_presse",
           oui_non("diffusion_presse",
                   "J'accepte la communication de mes résultats d'examen, en vue d'une "
                   "publication par la presse ou sur les sites internet de sociétés de droit privé",
                   c, e));
  data.set("diffusion_collectivites",
           oui_non("diffusion_collectivites",
                   "J'accepte la communication de mes résultats, de mon nom et de mon adresse aux "
                   "collectivités territoriales en vue d'éventuelles félicitations",
                   c, e));
}

}  // namespace examens::portail::onglets
