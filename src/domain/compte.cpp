// Rules of the candidate account: validation of the forms and identifiers.
#include "domain/compte.hpp"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "texte/texte.hpp"

namespace examens::domain {

using texte::ascii_lower;
using texte::ascii_upper;
using texte::trim;
using texte::utf8_length;
namespace {

// Letters (any script, so accented names pass), spaces, hyphens and apostrophes.
bool is_valid_name(std::string_view s) {
  if (s.empty() || utf8_length(s) > 80) return false;
  for (unsigned char c : s) {
    if (c >= 0x80) continue;  // part of a UTF-8 letter such as é, ï, ß
    if (std::isalpha(c) || c == ' ' || c == '-' || c == '\'') continue;
    return false;
  }
  return std::any_of(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

constexpr const char* kObligatoire = "Ce champ est obligatoire.";

// The text rule on every field of the form as it will be kept (trimmed); the passwords are
// validate_password_pair's.
FieldErrors text_errors(const CompteForm& f) {
  FieldErrors errors;
  for (const auto& [field, value] :
       std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"civilite", f.civilite},
           {"nom_naissance", f.nom_naissance},
           {"nom_naissance_confirmation", f.nom_naissance_confirmation},
           {"nom_usage", f.nom_usage},
           {"prenoms", f.prenoms},
           {"date_naissance", f.date_naissance},
           {"date_naissance_confirmation", f.date_naissance_confirmation},
           {"pays_naissance", f.pays_naissance},
           {"departement_naissance", f.departement_naissance},
           {"commune_naissance", f.commune_naissance},
           {"commune_naissance_code", f.commune_naissance_code},
           {"email", f.email},
           {"email_confirmation", f.email_confirmation}})
    check_text(errors, field, trim(value));
  return errors;
}

void require(FieldErrors& errors, std::string_view field, const std::string& value) {
  if (value.empty()) errors.add_once(std::string(field), kObligatoire);
}

// Civilité, names and their confirmation.
void validate_noms(const CompteForm& form, Identite& id, FieldErrors& errors) {
  id.civilite = trim(form.civilite);
  if (id.civilite != "M" && id.civilite != "MME")
    errors.add("civilite", "Veuillez choisir votre civilité.");

  id.nom_naissance = trim(form.nom_naissance);
  require(errors, "nom_naissance", id.nom_naissance);
  if (!id.nom_naissance.empty() && !is_valid_name(id.nom_naissance))
    errors.add_once("nom_naissance",
                    "Le nom ne peut contenir que des lettres, des espaces, des tirets et des "
                    "apostrophes.");
  const std::string nom_confirmation(trim(form.nom_naissance_confirmation));
  require(errors, "nom_naissance_confirmation", nom_confirmation);
  if (!nom_confirmation.empty() && nom_confirmation != id.nom_naissance)
    errors.add_once("nom_naissance_confirmation",
                    "La confirmation du nom de naissance ne correspond pas au nom de naissance.");

  id.nom_usage = trim(form.nom_usage);
  if (!id.nom_usage.empty() && !is_valid_name(id.nom_usage))
    errors.add("nom_usage",
               "Le nom d'usage ne peut contenir que des lettres, des espaces, des tirets et des "
               "apostrophes.");

  id.prenoms = trim(form.prenoms);
  require(errors, "prenoms", id.prenoms);
  if (!id.prenoms.empty() && !is_valid_name(id.prenoms))
    errors.add_once("prenoms",
                    "Les prénoms ne peuvent contenir que des lettres, des espaces, des tirets et "
                    "des apostrophes.");
}

// The date of birth, typed twice: nullopt when either is wrong.
std::optional<std::chrono::year_month_day> validate_date_naissance(
    const CompteForm& form, std::chrono::year_month_day today, FieldErrors& errors) {
  const std::string date_text(trim(form.date_naissance));
  const std::string date_confirmation(trim(form.date_naissance_confirmation));
  require(errors, "date_naissance", date_text);
  std::optional<std::chrono::year_month_day> date;
  if (!date_text.empty()) {
    date = parse_date_fr(date_text);
    if (!date) {
      errors.add("date_naissance",
                 "La date de naissance doit être une date valide au format jj/mm/aaaa, par "
                 "exemple 30/05/1998.");
    } else if (std::chrono::sys_days(*date) >= std::chrono::sys_days(today)) {
      errors.add("date_naissance", "La date de naissance doit être dans le passé.");
      date.reset();
    } else if (date->year() < std::chrono::year(1900)) {
      errors.add("date_naissance", "La date de naissance doit être postérieure à 1900.");
      date.reset();
    }
  }
  require(errors, "date_naissance_confirmation", date_confirmation);
  // Compared as typed (once normalised) even when the date itself is wrong: the candidate
  // learns of both mistakes at once.
  if (!date_confirmation.empty() &&
      normaliser_date_fr(date_confirmation) != normaliser_date_fr(date_text))
    errors.add("date_naissance_confirmation",
               "La confirmation de la date de naissance ne correspond pas à la date de "
               "naissance.");
  return date;
}

// Country, and in France the département and a commune of the reference data.
void validate_lieu_naissance(const CompteForm& form, const ReferenceLookup& ref, Identite& id,
                             FieldErrors& errors) {
  id.pays_naissance = trim(form.pays_naissance);
  if (id.pays_naissance.empty())
    errors.add("pays_naissance", "Veuillez choisir votre pays de naissance.");
  else if (!ref.pays_exists(id.pays_naissance))
    errors.add("pays_naissance", "Ce pays n'existe pas dans la liste.");

  const std::string commune_text(trim(form.commune_naissance));
  if (id.pays_naissance == kPaysFrance) {
    id.departement_naissance = trim(form.departement_naissance);
    if (id.departement_naissance.empty())
      errors.add("departement_naissance",
                 "Veuillez choisir votre département, DOM ou COM de naissance.");
    else if (!ref.departement_exists(id.departement_naissance))
      errors.add("departement_naissance", "Ce département n'existe pas dans la liste.");
    else {
      // A code chosen from the list (autocomplete, or the no-JavaScript search
      // results) wins over the text, which may still hold only what was searched.
      const std::string code(trim(form.commune_naissance_code));
      std::optional<std::string> nom;
      if (!code.empty()) nom = ref.commune_nom(id.departement_naissance, code, commune_text);
      if (nom) {
        id.commune_naissance_code = code;
        id.commune_naissance = *nom;
      } else if (commune_text.empty()) {
        errors.add("commune_naissance", "Veuillez indiquer votre commune de naissance.");
      } else if (auto found = ref.commune_par_nom(id.departement_naissance, commune_text)) {
        id.commune_naissance_code = found->first;
        id.commune_naissance = found->second;
      } else {
        errors.add("commune_naissance",
                   "Cette commune n'a pas été trouvée dans le département choisi : utilisez "
                   "« Rechercher la commune » puis choisissez-la dans la liste.");
      }
    }
  } else if (!id.pays_naissance.empty()) {
    if (commune_text.empty())
      errors.add("commune_naissance", "Veuillez indiquer votre ville de naissance.");
    else if (utf8_length(commune_text) > 80)
      errors.add("commune_naissance", "Le nom de la ville ne doit pas dépasser 80 caractères.");
    id.commune_naissance = commune_text;
  }
}

// The shared part of creation and modification: civil status and place of birth.
std::optional<Identite> validate_identite(const CompteForm& form, const ReferenceLookup& ref,
                                          std::chrono::year_month_day today, FieldErrors& errors) {
  Identite id;
  validate_noms(form, id, errors);
  if (auto date = validate_date_naissance(form, today, errors)) id.date_naissance = *date;
  validate_lieu_naissance(form, ref, id, errors);
  if (!errors.empty()) return std::nullopt;
  return id;
}

void validate_email_pair(const CompteForm& form, FieldErrors& errors) {
  const std::string email(trim(form.email));
  const std::string confirmation(trim(form.email_confirmation));
  require(errors, "email", email);
  if (!email.empty() && !is_valid_email(email))
    errors.add("email", "L'adresse mail doit être au format nom.prenom@domaine.fr.");
  require(errors, "email_confirmation", confirmation);
  if (!confirmation.empty() && normalize_email(confirmation) != normalize_email(email))
    errors.add_once("email_confirmation",
                    "La confirmation de l'adresse mail ne correspond pas à l'adresse mail.");
}

}  // namespace

void validate_password_pair(std::string_view password, std::string_view confirmation,
                            FieldErrors& errors) {
  check_text(errors, "mot_de_passe", password);
  check_text(errors, "mot_de_passe_confirmation", confirmation);
  if (password.empty())
    errors.add_once("mot_de_passe", kObligatoire);
  else if (auto problem = password_problem(password))
    errors.add_once("mot_de_passe", *problem);
  if (confirmation.empty())
    errors.add_once("mot_de_passe_confirmation", kObligatoire);
  else if (confirmation != password)
    errors.add_once("mot_de_passe_confirmation",
                    "La confirmation du mot de passe ne correspond pas au mot de passe.");
}

CompteValidation validate_creation(const CompteForm& form, const ReferenceLookup& ref,
                                   std::chrono::year_month_day today) {
  CompteValidation result;
  result.errors = text_errors(form);
  FieldErrors rules;
  auto identite = validate_identite(form, ref, today, rules);
  validate_email_pair(form, rules);
  validate_password_pair(form.mot_de_passe, form.mot_de_passe_confirmation, rules);
  result.errors.add_missing(rules);
  if (result.errors.empty())
    result.compte = CompteValide{*identite, std::string(trim(form.email)), form.mot_de_passe};
  return result;
}

std::optional<std::string> password_problem(std::string_view password) {
  const std::size_t length = utf8_length(password);
  bool lower = false, upper = false, special = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (!std::isdigit(c) && !std::isspace(c))
      special = true;
  }
  if (length < 8 || length > 20 || !lower || !upper || !special)
    return "Le mot de passe doit comporter de 8 à 20 caractères dont au moins une minuscule, "
           "une majuscule et un caractère spécial (exemple : . / ! * etc...).";
  return std::nullopt;
}

bool is_valid_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.size() > 64 || domain.size() < 3) return false;
  for (unsigned char c : email)
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '\\' ||
        c == '(' || c == ')' || c == '[' || c == ']' || c == ':' || c >= 0x7F)
      return false;
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  if (domain.front() == '-' || domain.find("..") != std::string_view::npos ||
      local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  return true;
}

std::string normalize_email(std::string_view email) {
  return ascii_lower(trim(email));
}

std::optional<std::chrono::year_month_day> parse_date_fr(std::string_view text) {
  // Day and month of one or two digits ("6/5/2005"), the year of four.
  int parts[3] = {0, 0, 0};
  const std::size_t max_digits[3] = {2, 2, 4}, min_digits[3] = {1, 1, 4};
  std::size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    if (part > 0 && (i >= text.size() || text[i++] != '/')) return std::nullopt;
    std::size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits)
      parts[part] = parts[part] * 10 + (text[i] - '0');
    if (digits < min_digits[part] || digits > max_digits[part]) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(parts[2]),
                                   std::chrono::month(static_cast<unsigned>(parts[1])),
                                   std::chrono::day(static_cast<unsigned>(parts[0]))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string normaliser_date_fr(std::string_view text) {
  const std::string_view t = trim(text);
  const auto date = parse_date_fr(t);
  return date ? format_date_fr(*date) : std::string(t);
}

std::string format_date_fr(std::chrono::year_month_day date) {
  return date::format("%d/%m/%Y", std::chrono::sys_days(date));
}

std::string format_date_iso(std::chrono::year_month_day date) {
  return date::format("%F", std::chrono::sys_days(date));
}

std::optional<std::chrono::year_month_day> parse_date_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string fr = std::string(text.substr(8, 2)) + "/" + std::string(text.substr(5, 2)) +
                         "/" + std::string(text.substr(0, 4));
  return parse_date_fr(fr);
}

IdentifierKind classify_identifier(std::string_view identifier) {
  const std::string_view id = trim(identifier);
  if (is_numero_candidat(id)) return IdentifierKind::numero_candidat;
  if (id.find('@') != std::string::npos) return IdentifierKind::email;
  return IdentifierKind::login;
}

std::string numero_candidat_from(std::uint64_t random_draw) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%011llu",
                static_cast<unsigned long long>(random_draw % 100000000000ULL));
  return buf;
}

bool is_numero_candidat(std::string_view text) {
  return text.size() == 11 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool activation_expired(Instant created, Instant now) {
  return now - created >= kActivationValidity;
}

ModificationPolicy modification_policy(bool has_any_candidature) {
  return ModificationPolicy{!has_any_candidature};
}

ModificationValidation validate_modification(const CompteForm& form, const Identite& current,
                                             std::string_view current_email,
                                             const ModificationPolicy& policy,
                                             const ReferenceLookup& ref,
                                             std::chrono::year_month_day today) {
  ModificationValidation result;
  result.errors = text_errors(form);
  FieldErrors rules;
  if (policy.identite_modifiable) {
    result.identite = validate_identite(form, ref, today, rules);
  } else {
    // Greyed fields are not submitted by a browser; a request that sends them changed
    // is refused rather than silently ignored, so nobody believes it was applied.
    auto changed = [](const std::string& sent, std::string_view kept) {
      return !sent.empty() && trim(sent) != kept;
    };
    const std::string date = format_date_fr(current.date_naissance);
    if (changed(form.civilite, current.civilite) ||
        changed(form.nom_naissance, current.nom_naissance) ||
        changed(form.nom_usage, current.nom_usage) || changed(form.prenoms, current.prenoms) ||
        changed(normaliser_date_fr(form.date_naissance), date) ||
        changed(form.pays_naissance, current.pays_naissance) ||
        changed(form.departement_naissance, current.departement_naissance) ||
        changed(form.commune_naissance, current.commune_naissance))
      rules.add("identite",
                "Une candidature existe : seuls l'adresse mail et le mot de passe sont "
                "modifiables. Pour corriger une autre information, contactez le service "
                "gestionnaire.");
    result.identite = current;
  }

  validate_email_pair(form, rules);
  if (rules.empty() && normalize_email(form.email) != normalize_email(current_email))
    result.email = std::string(trim(form.email));

  // An empty password pair keeps the current password.
  if (!form.mot_de_passe.empty() || !form.mot_de_passe_confirmation.empty()) {
    validate_password_pair(form.mot_de_passe, form.mot_de_passe_confirmation, rules);
    if (!rules.has("mot_de_passe") && !rules.has("mot_de_passe_confirmation"))
      result.mot_de_passe = form.mot_de_passe;
  }
  result.errors.add_missing(rules);
  if (!result.errors.empty()) {
    result.email.reset();
    result.mot_de_passe.reset();
  }
  return result;
}

std::optional<std::string> deletion_problem(bool has_any_candidature) {
  if (has_any_candidature)
    return "Le compte ne peut pas être supprimé car une ou plusieurs candidatures y sont "
           "attachées";
  return std::nullopt;
}

std::string nom_affiche(const Identite& identite) {
  return nom_affiche(identite.nom_naissance, identite.nom_usage, identite.prenoms);
}

std::string nom_affiche(std::string_view nom_naissance, std::string_view nom_usage,
                        std::string_view prenoms) {
  // Accented letters stay as typed: no locale dependence.
  return ascii_upper(nom_usage.empty() ? nom_naissance : nom_usage) + " " + std::string(prenoms);
}

}  // namespace examens::domain
