// The registration wizard's tabs and the checks of the tabs that do not depend on the
// spécialité.
#include "domain/saisie.hpp"

#include <algorithm>
#include <cctype>

namespace examens::domain {
namespace {

constexpr const char* kObligatoire = "Ce champ est obligatoire.";

bool coche(const Champs& champs, const std::string& nom) {
  return valeur(champs, nom) == "oui";
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string valeur(const Champs& champs, const std::string& nom) {
  auto it = champs.find(nom);
  if (it == champs.end() || it->second.empty()) return {};
  std::string v = it->second.front();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(0, 1);
  return v;
}

std::string normalize_telephone(std::string_view telephone) {
  std::string out;
  for (char c : telephone)
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && out.empty())) out += c;
  return out;
}

bool is_valid_telephone(std::string_view telephone) {
  for (char c : telephone)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '+' && c != ' ' && c != '.' &&
        c != '-')
      return false;
  const std::string t = normalize_telephone(telephone);
  if (t.size() == 10 && t[0] == '0' && t[1] != '0') return true;
  if (t.starts_with("+33")) return t.size() == 12 && t[3] != '0';
  return t.starts_with("+") && t.size() >= 9 && t.size() <= 16;
}

FieldErrors valider_modalites(const Champs& champs) {
  FieldErrors errors;
  if (!coche(champs, "modalites_acceptees"))
    errors.add("modalites_acceptees",
               "Vous devez accepter les modalités d'inscription pour continuer.");
  return errors;
}

FieldErrors valider_identification(const Champs& champs, const ReferenceLookup& ref) {
  FieldErrors errors;
  const std::string pays = valeur(champs, "adresse_pays");
  if (pays.empty())
    errors.add("adresse_pays", kObligatoire);
  else if (!ref.pays_exists(pays))
    errors.add("adresse_pays", "Ce pays n'existe pas dans la liste.");
  const std::string voie = valeur(champs, "adresse_voie");
  if (voie.empty())
    errors.add("adresse_voie", kObligatoire);
  else if (utf8_length(voie) > 38)
    errors.add("adresse_voie", "38 caractères au maximum : continuez sur les compléments.");
  for (const char* complement :
       {"adresse_complement1", "adresse_complement2", "adresse_complement3"})
    if (utf8_length(valeur(champs, complement)) > 38)
      errors.add(complement, "38 caractères au maximum.");
  const std::string code_postal = valeur(champs, "code_postal");
  if (pays == kPaysFrance) {
    if (code_postal.size() != 5 || !std::all_of(code_postal.begin(), code_postal.end(),
                                                [](char c) { return c >= '0' && c <= '9'; }))
      errors.add("code_postal", "Le code postal doit compter 5 chiffres, par exemple 29100.");
  } else if (utf8_length(code_postal) > 10) {
    errors.add("code_postal", "10 caractères au maximum.");
  }
  const std::string localite = valeur(champs, "localite");
  if (localite.empty())
    errors.add("localite", kObligatoire);
  else if (utf8_length(localite) > 38)
    errors.add("localite", "38 caractères au maximum.");
  const std::string nationalite = valeur(champs, "nationalite");
  if (nationalite.empty())
    errors.add("nationalite", "Sélectionnez une nationalité.");
  else if (!ref.nationalite_exists(nationalite))
    errors.add("nationalite", "Cette nationalité n'existe pas dans la liste.");
  const std::string mobile = valeur(champs, "telephone_mobile");
  if (!mobile.empty() && !is_valid_telephone(mobile))
    errors.add("telephone_mobile", "Exemple : 0623456789 ou +33623456789.");
  const std::string fixe = valeur(champs, "telephone_fixe");
  if (!fixe.empty() && !is_valid_telephone(fixe))
    errors.add("telephone_fixe", "Exemple : 0123456789 ou +33123456789.");
  return errors;
}

FieldErrors valider_conditions(const Champs& champs) {
  FieldErrors errors;
  if (!coche(champs, "conditions_acceptees"))
    errors.add("conditions_acceptees",
               "Vous devez cocher cette case pour enregistrer votre inscription.");
  return errors;
}

}  // namespace examens::domain
