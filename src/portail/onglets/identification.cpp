// Tab 2 "Identification".
#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "portail/onglets/onglets.hpp"

namespace examens::portail::onglets {

void identification(const Portal& portal, const Context& ctx, const domain::Champs& c,
                    FormView& view, Data& data) {
  const auto& i = ctx.compte->identite;
  const auto& ref = portal.referentiel();
  Data identite;
  identite.set("civilite", i.civilite == "MME" ? "MADAME" : "MONSIEUR");
  identite.set("nom", i.nom_naissance);
  identite.set("nom_usage", i.nom_usage.empty() ? "-" : i.nom_usage);
  identite.set("prenoms", i.prenoms);
  identite.set("date_naissance", domain::format_date_fr(i.date_naissance));
  const auto* pays = ref.pays(i.pays_naissance);
  identite.set("pays_naissance", pays ? pays->nom : i.pays_naissance);
  const auto* dep = ref.departement(i.departement_naissance);
  identite.set("departement_naissance", dep ? dep->libelle() : "-");
  identite.set("commune_naissance", i.commune_naissance);
  identite.set("email", ctx.compte->email);
  data.set("identite", identite);

  std::vector<Option> pays_options;
  for (const auto& p : ref.pays()) pays_options.push_back({p.code, p.nom});
  std::vector<Option> nationalites;
  for (const auto& n : ref.nationalites()) nationalites.push_back({n.code, n.libelle});
  const std::string pays_adresse = domain::valeur(c, "adresse_pays");
  view.select({"adresse_pays", "Pays", "", "select", "country"}, pays_options,
              pays_adresse.empty() ? std::string(domain::kPaysFrance) : pays_adresse);
  view.field(
      {"adresse_voie", "Numéro, rue, voie", "38 caractères au maximum", "text", "address-line1"},
      domain::valeur(c, "adresse_voie"));
  view.field({"adresse_complement1", "Complément adresse 1", "", "text", "address-line2", false},
             domain::valeur(c, "adresse_complement1"));
  view.field({"adresse_complement2", "Complément adresse 2", "", "text", "address-line3", false},
             domain::valeur(c, "adresse_complement2"));
  view.field({"adresse_complement3", "Complément adresse 3", "", "text", "off", false},
             domain::valeur(c, "adresse_complement3"));
  view.field({"code_postal", "Code postal", "Exemple : 29100", "text", "postal-code"},
             domain::valeur(c, "code_postal"));
  view.field({"localite", "Localité", "", "text", "address-level2"}, domain::valeur(c, "localite"));
  view.select({"nationalite", "Nationalité", "", "select"}, nationalites,
              domain::valeur(c, "nationalite"));
  view.field({"telephone_mobile", "Téléphone personnel mobile",
              "Exemple : 0623456789 ou +33623456789", "tel", "tel", false},
             domain::valeur(c, "telephone_mobile"));
  view.field({"telephone_fixe", "Téléphone personnel", "Exemple : 0123456789 ou +33123456789",
              "tel", "off", false},
             domain::valeur(c, "telephone_fixe"));
}

}  // namespace examens::portail::onglets
