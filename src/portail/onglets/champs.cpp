// The wizard's fields that FormView does not cover: checkboxes, Oui/Non, académies.
#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "portail/onglets/onglets.hpp"

namespace examens::portail::onglets {

Data case_a_cocher(const std::string& id, const std::string& name, const std::string& value,
                   std::string label, bool checked, const domain::FieldErrors& errors) {
  Data d;
  d.set("id", id);
  d.set("name", name);
  d.set("value", value);
  d.set("label", std::move(label));
  d.set("checked", checked);
  // Set even when false: Mustache would otherwise find the name further up the context.
  d.set("required", false);
  // A box of a group (its id is not its name) shows no message: the group's fieldset does.
  if (const auto* m = errors.message(id)) d.set("error", *m);
  return d;
}

Data oui_non(const std::string& name, std::string label, const domain::Champs& champs,
             const domain::FieldErrors& errors) {
  const std::string v = domain::valeur(champs, name);
  Data d;
  d.set("id", name);
  d.set("label", std::move(label));
  d.set("oui", v == "oui");
  d.set("non", v == "non");
  if (const auto* m = errors.message(name)) d.set("error", *m);
  return d;
}

std::vector<Option> options_academies(const domain::Catalogue& catalogue) {
  std::vector<Option> out;
  for (const auto& a : catalogue.academies) out.push_back({a.code, a.nom});
  return out;
}

}  // namespace examens::portail::onglets
