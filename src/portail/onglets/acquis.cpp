// Tab 5 "Acquis".
#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "portail/onglets/onglets.hpp"

namespace examens::portail::onglets {

void acquis(const Portal& portal, const domain::ContexteSaisie& contexte, const Brouillon& b,
            const domain::FieldErrors& e, FormView& view, Data& data) {
  const auto& q = portal.qualification();
  const auto& domaine = b.dossier.domaine;
  domain::Champs c = b.dossier.champs;
  // The proposals follow the acquis as they stand in the draft.
  domain::actualiser_dispenses(c, contexte);
  const auto academies = options_academies(portal.catalogue());

  auto type = [&](domain::TypeAcquis t, const std::string& code) {
    const auto* l = q.type_acquis(domaine, t);
    return case_a_cocher("acquis_types-" + code, "acquis_types", code, l ? l->libelle : code,
                         domain::contient(c, "acquis_types", code), e);
  };
  for (const auto& [t, code] : std::vector<std::pair<domain::TypeAcquis, std::string>>{
           {domain::TypeAcquis::deja_presente, "deja_presente"},
           {domain::TypeAcquis::autre_specialite, "autre_specialite"}}) {
    Data d = type(t, code);
    d.set("details", "details-" + code);
    // Both are asked once the box is checked: marked, like the diploma's year below.
    view.field({code + "_annee", "Année de la session", "Exemple : 2024", "text", "off"},
               domain::valeur(c, code + "_annee"));
    view.select({code + "_academie", "Académie", "", "select", "off"}, academies,
                domain::valeur(c, code + "_academie"));
    data.set(code, d);
  }
  Data autre_diplome = type(domain::TypeAcquis::autre_diplome, "autre_diplome");
  autre_diplome.set("details", "diplomes");
  data.set("autre_diplome", autre_diplome);
  Data diplomes{Data::type::list};
  for (const auto* dip : q.diplomes_of(domaine)) {
    Data d = case_a_cocher("diplomes-" + dip->code, "diplomes", dip->code, dip->libelle(),
                           domain::contient(c, "diplomes", dip->code), e);
    d.set("details", "details-diplomes-" + dip->code);
    const std::string prefix = "acquis." + dip->code + ".";
    FormView fields(e);
    fields.field({prefix + "annee", "Année", "", "text", "off"},
                 domain::valeur(c, prefix + "annee"));
    fields.select({prefix + "academie", "Académie", "", "select", "off", false}, academies,
                  domain::valeur(c, prefix + "academie"));
    const Data form = fields.data();
    d.set("annee", *form.get("f")->get(prefix + "annee"));
    d.set("academie", *form.get("f")->get(prefix + "academie"));
    diplomes.push_back(d);
  }
  data.set("diplomes", diplomes);
  if (const auto* m = e.message("diplomes")) data.set("diplomes_error", *m);

  Data dispenses{Data::type::list};
  const auto* specialite = q.specialite(domain::valeur(c, "specialite"));
  if (specialite)
    for (const auto& code : c["dispenses_affichees"]) {
      const auto* ep = specialite->epreuve(code);
      dispenses.push_back(case_a_cocher("dispenses-" + code, "dispenses", code,
                                        code + " : " + (ep ? ep->libelle : code),
                                        domain::contient(c, "dispenses", code), e));
    }
  data.set("dispenses", dispenses);
  data.set("a_des_dispenses", !dispenses.is_empty_list());
  if (const auto* m = e.message("dispenses")) data.set("dispenses_error", *m);

  Data vae_box = type(domain::TypeAcquis::vae, "vae");
  vae_box.set("details", "details-vae");
  data.set("vae", vae_box);
  Data scripts{Data::type::list};
  Data script;
  script.set("asset", "details_acquis_js");
  scripts.push_back(script);
  data.set("scripts", scripts);
  Data vae{Data::type::list};
  if (specialite)
    for (const auto& ep : specialite->epreuves)
      // A VAE jury exempts from the exam's épreuves, not from the épreuve de contrôle.
      if (!ep.facultative && ep.parent.empty() && ep.groupe == domain::Groupe::premier)
        vae.push_back(case_a_cocher("dispenses_vae-" + ep.code, "dispenses_vae", ep.code,
                                    ep.code + " : " + ep.libelle,
                                    domain::contient(c, "dispenses_vae", ep.code), e));
  data.set("epreuves_vae", vae);
  if (const auto* m = e.message("dispenses_vae")) data.set("vae_error", *m);
  if (!specialite)
    data.set("sans_specialite",
             "Choisissez d'abord votre spécialité (onglet Qualification présentée) : les "
             "dispenses en dépendent.");
}

}  // namespace examens::portail::onglets
