// Rules of the candidate account (SPEC §3): the creation and modification forms,
// the password rule, identifiers, activation expiry, the modification lock and deletion.
// Pure: no I/O; reference lookups and "now" come in as arguments.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/field_errors.hpp"

namespace examens::domain {

inline constexpr std::string_view kPaysFrance = "FR";
inline constexpr auto kActivationValidity = std::chrono::hours(48);
inline constexpr auto kPasswordResetValidity = std::chrono::hours(2);
// "Mot de passe oublié" sends an account at most this many mails in this window.
inline constexpr int kResetMailsPerWindow = 3;
inline constexpr auto kResetMailsWindow = std::chrono::hours(1);

// What the form sends, as typed. Kept as strings so a refused form is shown
// back exactly as it was (passwords aside).
struct CompteForm {
  std::string civilite;
  std::string nom_naissance;
  std::string nom_naissance_confirmation;
  std::string nom_usage;
  std::string prenoms;
  std::string date_naissance;
  std::string date_naissance_confirmation;
  std::string pays_naissance;
  std::string departement_naissance;
  std::string commune_naissance;       // name, as typed or chosen
  std::string commune_naissance_code;  // INSEE code when chosen from the list
  std::string email;
  std::string email_confirmation;
  std::string mot_de_passe;
  std::string mot_de_passe_confirmation;
};

// The civil status an account holds once validated.
struct Identite {
  std::string civilite;  // "M" or "MME"
  std::string nom_naissance;
  std::string nom_usage;
  std::string prenoms;
  std::chrono::year_month_day date_naissance;
  std::string pays_naissance;          // ISO alpha-2
  std::string departement_naissance;   // INSEE code, empty when born abroad
  std::string commune_naissance_code;  // INSEE code, empty when born abroad
  std::string commune_naissance;       // commune name, or the town abroad as typed
  bool operator==(const Identite&) const = default;
};

// Reference data the validation needs, answered by storage.
class ReferenceLookup {
 public:
  virtual ~ReferenceLookup() = default;
  virtual bool pays_exists(std::string_view code) const = 0;
  virtual bool departement_exists(std::string_view code) const = 0;
  virtual bool nationalite_exists(std::string_view code) const = 0;
  // The official name of the commune `code` in `departement`, if it is there. A code
  // may carry two names (a commune nouvelle and its commune déléguée): `nom` picks one.
  virtual std::optional<std::string> commune_nom(std::string_view departement,
                                                 std::string_view code,
                                                 std::string_view nom) const = 0;
  // Commune of `departement` whose name matches `nom` (case and accents folded),
  // when exactly one does: lets a form typed without JavaScript resolve.
  virtual std::optional<std::pair<std::string, std::string>> commune_par_nom(
      std::string_view departement, std::string_view nom) const = 0;
};

struct CompteValide {
  Identite identite;
  std::string email;  // trimmed, as typed
  std::string mot_de_passe;
};

struct CompteValidation {
  std::optional<CompteValide> compte;  // set when `errors` is empty
  FieldErrors errors;
};

// Validates the creation form: every mandatory field, the confirmations, the
// date, the place of birth against the reference data, the email and the password rule.
CompteValidation validate_creation(const CompteForm& form, const ReferenceLookup& ref,
                                   std::chrono::year_month_day today);

// 8 to 20 characters with a lowercase, an uppercase and a special character.
// Returns the French message to show, or nullopt when the password is acceptable.
std::optional<std::string> password_problem(std::string_view password);

// The password and its confirmation: both present, the rule above, equal.
void validate_password_pair(std::string_view password, std::string_view confirmation,
                            FieldErrors& errors);

bool is_valid_email(std::string_view email);
// The identity key of an email: trimmed and lower-cased (emails are case-insensitive here).
std::string normalize_email(std::string_view email);

// dd/mm/yyyy, a real calendar date; the day and the month may have one digit ("6/5/2005").
std::optional<std::chrono::year_month_day> parse_date_fr(std::string_view text);
// A typed date as the pages write it ("6/5/2005" -> "06/05/2005"); what is not a date is
// kept as typed (trimmed), for the form to show back with its error.
std::string normaliser_date_fr(std::string_view text);
std::string format_date_fr(std::chrono::year_month_day date);
std::string format_date_iso(std::chrono::year_month_day date);
std::optional<std::chrono::year_month_day> parse_date_iso(std::string_view text);

// Which kind of identifier the login form received (SPEC §3: email, school
// login id such as "pierre.dubois", or the 11-digit numéro de candidat).
enum class IdentifierKind { email, numero_candidat, login };
IdentifierKind classify_identifier(std::string_view identifier);

// The numéro de candidat: 11 digits, from a random draw (the store retries on collision
// and keeps every number ever given so none is reused).
std::string numero_candidat_from(std::uint64_t random_draw);
bool is_numero_candidat(std::string_view text);

// Activation link and purge: an account pending since `created` is erased once this is true.
bool activation_expired(Instant created, Instant now);

// "Modifier mon compte": once any candidature exists (even unregistered), only the
// email and the password can change.
struct ModificationPolicy {
  bool identite_modifiable;
};
ModificationPolicy modification_policy(bool has_any_candidature);

struct ModificationValidation {
  std::optional<Identite> identite;         // the identity to keep (unchanged when locked)
  std::optional<std::string> email;         // new email, when it changes
  std::optional<std::string> mot_de_passe;  // new password, when one was typed
  FieldErrors errors;
};

// Validates "Modifier mon compte". Locked identity fields that arrive changed are
// refused with a message, never applied. Changing the email or the password requires
// the current password, checked by the caller (it needs the hash): the result says
// whether it is needed.
ModificationValidation validate_modification(const CompteForm& form, const Identite& current,
                                             std::string_view current_email,
                                             const ModificationPolicy& policy,
                                             const ReferenceLookup& ref,
                                             std::chrono::year_month_day today);

// "Supprimer": refused while any candidature is attached.
std::optional<std::string> deletion_problem(bool has_any_candidature);

// Display of the account holder as the seeds write it: "LAMY Paul" (the nom d'usage when
// there is one, else the nom de naissance, then the prénoms).
std::string nom_affiche(const Identite& identite);
// The same from the three names alone, as the office's lists read them.
std::string nom_affiche(std::string_view nom_naissance, std::string_view nom_usage,
                        std::string_view prenoms);

}  // namespace examens::domain
