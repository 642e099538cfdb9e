// The account form shared by creation and modification.
#include "portail/compte_formulaire.hpp"

namespace examens::portail {
namespace {

using domain::CompteForm;
using domain::FieldErrors;

constexpr FieldSpec kCivilite{"civilite", "Sexe", "", "select", "sex"};
constexpr FieldSpec kNom{"nom_naissance", "Nom de famille", "(Nom de naissance)", "text",
                         "family-name"};
constexpr FieldSpec kNomConfirmation{"nom_naissance_confirmation",
                                     "Confirmation du nom de naissance", "", "text", "off"};
constexpr FieldSpec kNomUsage{"nom_usage", "Nom d'usage", "(Nom marital par exemple)",
                              "text",      "off",         false};
constexpr FieldSpec kPrenoms{"prenoms", "Prénoms", "(tels qu'ils figurent sur la pièce d'identité)",
                             "text", "given-name"};
constexpr FieldSpec kDate{"date_naissance", "Date de naissance", "Exemple: 30/05/1998", "text",
                          "bday"};
constexpr FieldSpec kDateConfirmation{"date_naissance_confirmation",
                                      "Confirmation date de naissance", "Exemple: 30/05/1998",
                                      "text", "off"};
constexpr FieldSpec kPays{"pays_naissance", "Pays de naissance", "", "select", "off"};
constexpr FieldSpec kDepartement{"departement_naissance", "Département, DOM ou COM de naissance",
                                 "Si vous êtes né(e) en France (dont outre-mer)", "select", "off"};
constexpr FieldSpec kCommune{"commune_naissance", "Commune de naissance",
                             "Champ de recherche fonction du département ; ville de naissance si "
                             "vous êtes né(e) à l'étranger",
                             "text", "off"};
constexpr FieldSpec kEmail{"email", "Adresse mail", "Exemple: nom.prenom@domaine.fr", "email",
                           "email"};
constexpr FieldSpec kEmailConfirmation{"email_confirmation", "Confirmation de l'adresse mail",
                                       "Exemple: nom.prenom@domaine.fr", "email", "off"};
constexpr FieldSpec kMotDePasse{"mot_de_passe", "Mot de passe", kPasswordHint, "password",
                                "new-password"};

}  // namespace

CompteForm read_form(const Request& req) {
  CompteForm f;
  f.civilite = req.field_or("civilite");
  f.nom_naissance = req.field_or("nom_naissance");
  f.nom_naissance_confirmation = req.field_or("nom_naissance_confirmation");
  f.nom_usage = req.field_or("nom_usage");
  f.prenoms = req.field_or("prenoms");
  // "6/5/2005" is taken, and shown back, as 06/05/2005.
  f.date_naissance = domain::normaliser_date_fr(req.field_or("date_naissance"));
  f.date_naissance_confirmation =
      domain::normaliser_date_fr(req.field_or("date_naissance_confirmation"));
  f.pays_naissance = req.field_or("pays_naissance");
  f.departement_naissance = req.field_or("departement_naissance");
  f.commune_naissance = req.field_or("commune_naissance");
  // The hidden code of the autocomplete and the radio buttons of the no-JavaScript
  // search share one name: the last non-empty value is the visitor's latest choice.
  for (auto code : req.fields("commune_naissance_code"))
    if (!code.empty()) f.commune_naissance_code = code;
  f.email = req.field_or("email");
  f.email_confirmation = req.field_or("email_confirmation");
  f.mot_de_passe = req.field_or("mot_de_passe");
  f.mot_de_passe_confirmation = req.field_or("mot_de_passe_confirmation");
  return f;
}

CompteForm form_of(const store::Compte& c) {
  CompteForm f;
  const auto& i = c.identite;
  f.civilite = i.civilite;
  f.nom_naissance = f.nom_naissance_confirmation = i.nom_naissance;
  f.nom_usage = i.nom_usage;
  f.prenoms = i.prenoms;
  f.date_naissance = f.date_naissance_confirmation = domain::format_date_fr(i.date_naissance);
  f.pays_naissance = i.pays_naissance;
  f.departement_naissance = i.departement_naissance;
  f.commune_naissance = i.commune_naissance;
  f.commune_naissance_code = i.commune_naissance_code;
  f.email = f.email_confirmation = c.email;
  return f;
}

Data compte_form_data(const Portal& portal, Mode mode, const CompteForm& f,
                      const FieldErrors& errors, bool identite_locked,
                      std::string_view commune_query) {
  FormView view(errors);
  const auto& ref = portal.referentiel();
  view.select(kCivilite, {{"M", "Monsieur"}, {"MME", "Madame"}}, f.civilite, identite_locked);
  view.field(kNom, f.nom_naissance, identite_locked);
  view.field(kNomConfirmation, f.nom_naissance_confirmation, identite_locked);
  view.field(kNomUsage, f.nom_usage, identite_locked);
  view.field(kPrenoms, f.prenoms, identite_locked);
  view.field(kDate, f.date_naissance, identite_locked);
  view.field(kDateConfirmation, f.date_naissance_confirmation, identite_locked);
  std::vector<Option> pays;
  for (const auto& p : ref.pays()) pays.push_back({p.code, p.nom});
  view.select(kPays, pays, f.pays_naissance.empty() ? domain::kPaysFrance : f.pays_naissance,
              identite_locked);
  std::vector<Option> deps;
  for (const auto& d : ref.departements()) deps.push_back({d.code, d.libelle()});
  view.select(kDepartement, deps, f.departement_naissance, identite_locked);
  view.field(kCommune, f.commune_naissance, identite_locked);
  view.field(kEmail, f.email);
  view.field(kEmailConfirmation, f.email_confirmation);
  if (mode == Mode::creation) {
    view.field(kMotDePasse, "");
    view.field(kMotDePasseConfirmation, "");
  } else {
    view.field({"mot_de_passe", "Nouveau mot de passe",
                "Laissez vide pour conserver votre mot de passe. 8 à 20 caractères dont "
                "majuscule, minuscule et caractère spécial (exemple : . / ! * etc...)",
                "password", "new-password", false},
               "");
    view.field({"mot_de_passe_confirmation", "Confirmation du nouveau mot de passe", "", "password",
                "new-password", false},
               "");
  }
  Data data = view.data();
  data.set("commune_naissance_code", f.commune_naissance_code);
  data.set("identite_verrouillee", identite_locked);

  // Results of the "Rechercher la commune" button (the no-JavaScript path).
  if (!commune_query.empty()) {
    auto found = ref.search_communes(f.departement_naissance, commune_query, 50);
    Data list{Data::type::list};
    for (const auto& c : found) {
      Data item;
      item.set("code", c.code);
      item.set("nom", c.nom);
      item.set("checked", c.code == f.commune_naissance_code);
      list.push_back(item);
    }
    data.set("recherche_commune", true);
    data.set("communes_trouvees", list);
    data.set("communes_nombre", std::to_string(found.size()));
    data.set("aucune_commune", found.empty());
  }
  Data scripts{Data::type::list};
  Data script;
  script.set("asset", "commune_autocomplete_js");
  scripts.push_back(script);
  data.set("scripts", scripts);
  return data;
}

}  // namespace examens::portail
