// Unit tests of the account rules (SPEC §3): password rule, confirmations, dates,
// identifiers, numéro de candidat, 48 h expiry, modification lock and deletion.
#include <gtest/gtest.h>

#include <map>

#include "domain/compte.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

class FakeReference final : public ReferenceLookup {
 public:
  bool pays_exists(std::string_view code) const override { return code == "FR" || code == "MA"; }
  bool departement_exists(std::string_view code) const override {
    return code == "35" || code == "973";
  }
  bool nationalite_exists(std::string_view code) const override { return code == "FR"; }
  std::optional<std::string> commune_nom(std::string_view dep, std::string_view code,
                                         std::string_view) const override {
    if (dep == "35" && code == "35238") return "Rennes";
    return std::nullopt;
  }
  std::optional<std::pair<std::string, std::string>> commune_par_nom(
      std::string_view dep, std::string_view nom) const override {
    if (dep == "35" && (nom == "Rennes" || nom == "rennes"))
      return std::pair<std::string, std::string>{"35238", "Rennes"};
    return std::nullopt;
  }
};

constexpr year_month_day kToday{year(2026), November, day(23)};

CompteForm valid_form() {
  CompteForm f;
  f.civilite = "M";
  f.nom_naissance = f.nom_naissance_confirmation = "LAMY";
  f.prenoms = "Paul";
  f.date_naissance = f.date_naissance_confirmation = "01/01/2002";
  f.pays_naissance = "FR";
  f.departement_naissance = "35";
  f.commune_naissance = "Rennes";
  f.commune_naissance_code = "35238";
  f.email = f.email_confirmation = "paul.lamy@gmail.com";
  f.mot_de_passe = f.mot_de_passe_confirmation = "Secret.2026";
  return f;
}

// The message next to `field`, empty when it has none.
std::string message_on(const FieldErrors& errors, std::string_view field) {
  const std::string* m = errors.message(field);
  return m ? *m : "";
}

TEST(PasswordRule, accepts_8_to_20_characters_with_lower_upper_and_special) {
  EXPECT_FALSE(password_problem("Abcdef.g"));
  EXPECT_FALSE(password_problem("Abcdefghijklmnopqr!s"));  // 20
  EXPECT_FALSE(password_problem("acp8V?sCcb"));            // the seed's papillon password
}

TEST(PasswordRule, refuses_what_breaks_any_part_of_the_rule) {
  EXPECT_TRUE(password_problem("Abcde.g"));                // 7
  EXPECT_TRUE(password_problem("Abcdefghijklmnopqr!st"));  // 21
  EXPECT_TRUE(password_problem("abcdefg.h"));              // no uppercase
  EXPECT_TRUE(password_problem("ABCDEFG.H"));              // no lowercase
  EXPECT_TRUE(password_problem("Abcdefgh1"));              // no special character
  EXPECT_TRUE(password_problem(""));
}

TEST(PasswordRule, counts_characters_not_bytes) {
  std::string twenty = "Ab.";
  for (int i = 0; i < 17; ++i) twenty += "é";  // 20 characters, 37 bytes
  EXPECT_FALSE(password_problem(twenty));
  EXPECT_TRUE(password_problem(twenty + "é"));  // 21 characters
}

TEST(CompteCreation, accepts_a_complete_form) {
  auto v = validate_creation(valid_form(), FakeReference{}, kToday);
  ASSERT_TRUE(v.errors.empty());
  ASSERT_TRUE(v.compte);
  EXPECT_EQ(v.compte->identite.commune_naissance, "Rennes");
  EXPECT_EQ(v.compte->identite.date_naissance, (year_month_day{year(2002), January, day(1)}));
}

TEST(CompteCreation, every_mandatory_field_gets_its_own_message) {
  auto v = validate_creation(CompteForm{}, FakeReference{}, kToday);
  for (const char* field :
       {"civilite", "nom_naissance", "nom_naissance_confirmation", "prenoms", "date_naissance",
        "date_naissance_confirmation", "pays_naissance", "email", "email_confirmation",
        "mot_de_passe", "mot_de_passe_confirmation"})
    EXPECT_TRUE(v.errors.has(field)) << field;
  EXPECT_FALSE(v.errors.has("nom_usage"));
  EXPECT_FALSE(v.compte);
}

TEST(CompteCreation, confirmations_must_equal_their_twins) {
  auto f = valid_form();
  f.nom_naissance_confirmation = "LAMI";
  f.date_naissance_confirmation = "02/01/2002";
  f.email_confirmation = "paul.lamy@gmail.fr";
  f.mot_de_passe_confirmation = "Secret.2027";
  auto v = validate_creation(f, FakeReference{}, kToday);
  EXPECT_TRUE(v.errors.has("nom_naissance_confirmation"));
  EXPECT_TRUE(v.errors.has("date_naissance_confirmation"));
  EXPECT_TRUE(v.errors.has("email_confirmation"));
  EXPECT_TRUE(v.errors.has("mot_de_passe_confirmation"));
  EXPECT_EQ(v.errors.all().size(), 4u);
}

TEST(CompteCreation, a_confirmation_that_differs_is_named_even_when_its_twin_is_wrong_too) {
  auto f = valid_form();
  f.date_naissance = "31/02/2002";  // not a date
  f.date_naissance_confirmation = "01/01/2002";
  f.email = "paul.lamy";  // not an address
  f.email_confirmation = "paul.lamy@gmail.com";
  f.mot_de_passe = "court";
  f.mot_de_passe_confirmation = "Secret.2026";
  const auto v = validate_creation(f, FakeReference{}, kToday);
  for (const char* field : {"date_naissance", "date_naissance_confirmation", "email",
                            "email_confirmation", "mot_de_passe", "mot_de_passe_confirmation"})
    EXPECT_TRUE(v.errors.has(field)) << field;
  // A date in the future is refused, and its identical confirmation is not blamed for it.
  f = valid_form();
  f.date_naissance = f.date_naissance_confirmation = "01/01/2030";
  const auto futur = validate_creation(f, FakeReference{}, kToday);
  EXPECT_TRUE(futur.errors.has("date_naissance"));
  EXPECT_FALSE(futur.errors.has("date_naissance_confirmation"));
}

TEST(CompteCreation, a_date_typed_with_single_digits_is_accepted) {
  auto f = valid_form();
  f.date_naissance = "6/5/2005";
  f.date_naissance_confirmation = "06/05/2005";
  const auto v = validate_creation(f, FakeReference{}, kToday);
  ASSERT_TRUE(v.errors.empty());
  EXPECT_EQ(v.compte->identite.date_naissance, (year_month_day{year(2005), May, day(6)}));
}

TEST(CompteCreation, email_confirmation_ignores_case) {
  auto f = valid_form();
  f.email_confirmation = "Paul.Lamy@GMAIL.com";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.empty());
}

TEST(CompteCreation, birth_date_must_be_real_and_in_the_past) {
  auto f = valid_form();
  f.date_naissance = f.date_naissance_confirmation = "30/02/2002";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.has("date_naissance"));
  f.date_naissance = f.date_naissance_confirmation = "2002-01-01";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.has("date_naissance"));
  f.date_naissance = f.date_naissance_confirmation = "23/11/2026";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.has("date_naissance"));
}

TEST(CompteCreation, born_in_france_needs_a_commune_of_the_chosen_departement) {
  auto f = valid_form();
  f.departement_naissance = "";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.has("departement_naissance"));
  f = valid_form();
  f.commune_naissance = "Brest";
  f.commune_naissance_code = "";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.has("commune_naissance"));
  f.commune_naissance = "rennes";  // typed without choosing from the list: resolved by name
  auto v = validate_creation(f, FakeReference{}, kToday);
  ASSERT_TRUE(v.compte);
  EXPECT_EQ(v.compte->identite.commune_naissance_code, "35238");
}

TEST(CompteCreation, born_abroad_needs_the_town_but_no_departement) {
  auto f = valid_form();
  f.pays_naissance = "MA";
  f.departement_naissance = "";
  f.commune_naissance_code = "";
  f.commune_naissance = "Casablanca";
  auto v = validate_creation(f, FakeReference{}, kToday);
  ASSERT_TRUE(v.compte) << (v.errors.empty() ? "" : v.errors.all()[0].message);
  EXPECT_EQ(v.compte->identite.departement_naissance, "");
  EXPECT_EQ(v.compte->identite.commune_naissance, "Casablanca");
}

TEST(CompteCreation, refuses_control_characters_in_any_text_field) {
  auto f = valid_form();
  f.pays_naissance = "MA";
  f.departement_naissance = "";
  f.commune_naissance_code = "";
  f.commune_naissance = "Bâle\r\nX\a";
  auto v = validate_creation(f, FakeReference{}, kToday);
  EXPECT_FALSE(v.compte);
  ASSERT_TRUE(v.errors.has("commune_naissance"));
  EXPECT_EQ(message_on(v.errors, "commune_naissance"),
            "Ce champ contient des caractères non autorisés.");

  f = valid_form();
  f.prenoms = "Paul\x85";  // C1 (NEL) written as Latin-1 by a non-browser client
  v = validate_creation(f, FakeReference{}, kToday);
  EXPECT_EQ(message_on(v.errors, "prenoms"), "Ce champ contient des caractères non autorisés.");
  f.prenoms = "Paul\xC2\x85";  // the same NEL in UTF-8
  v = validate_creation(f, FakeReference{}, kToday);
  EXPECT_EQ(message_on(v.errors, "prenoms"), "Ce champ contient des caractères non autorisés.");
  EXPECT_EQ(v.errors.all().size(), 1u);  // the text message stands alone on its field
}

TEST(CompteCreation, refuses_control_characters_in_the_password) {
  auto f = valid_form();
  f.mot_de_passe = f.mot_de_passe_confirmation =
      "Secret.\x7F"
      "2026";
  const auto v = validate_creation(f, FakeReference{}, kToday);
  EXPECT_FALSE(v.compte);
  ASSERT_TRUE(v.errors.has("mot_de_passe"));
  EXPECT_EQ(message_on(v.errors, "mot_de_passe"),
            "Ce champ contient des caractères non autorisés.");
}

TEST(Modification, refuses_control_characters_and_trims_surrounding_whitespace) {
  const auto current = validate_creation(valid_form(), FakeReference{}, kToday).compte->identite;
  auto f = valid_form();
  f.email = f.email_confirmation = "paul.lamy@gmail.com\t";
  f.nom_usage = "DURAND\x1B";
  const auto v = validate_modification(f, current, "paul.lamy@gmail.com", modification_policy(true),
                                       FakeReference{}, kToday);
  EXPECT_EQ(message_on(v.errors, "nom_usage"), "Ce champ contient des caractères non autorisés.");
  EXPECT_FALSE(v.errors.has("email"));  // surrounding whitespace is trimmed, not refused
}

TEST(CompteCreation, refuses_an_unknown_country) {
  auto f = valid_form();
  f.pays_naissance = "ZZ";
  EXPECT_TRUE(validate_creation(f, FakeReference{}, kToday).errors.has("pays_naissance"));
}

TEST(Dates, format_and_parse_both_ways) {
  constexpr year_month_day d{year(1998), May, day(3)};
  EXPECT_EQ(format_date_fr(d), "03/05/1998");
  EXPECT_EQ(format_date_iso(d), "1998-05-03");
  EXPECT_EQ(parse_date_fr("03/05/1998"), d);
  EXPECT_EQ(parse_date_iso("1998-05-03"), d);
  EXPECT_FALSE(parse_date_fr("31/02/1998"));
}

TEST(Dates, a_day_or_month_of_one_digit_is_normalised) {
  constexpr year_month_day d{year(2005), May, day(6)};
  EXPECT_EQ(parse_date_fr("6/5/2005"), d);
  EXPECT_EQ(parse_date_fr("06/5/2005"), d);
  EXPECT_EQ(parse_date_fr("6/05/2005"), d);
  EXPECT_EQ(normaliser_date_fr(" 6/5/2005 "), "06/05/2005");
  // The year keeps its four digits; the parts their slashes; nothing else is a date.
  for (const char* text :
       {"6/5/05", "006/5/2005", "6-5-2005", "6/5/2005/", "/6/5/2005", "6//2005", "6/5/20055", ""})
    EXPECT_FALSE(parse_date_fr(text)) << text;
  EXPECT_EQ(normaliser_date_fr("6-5-2005"), "6-5-2005");
}

TEST(Email, validity_and_normalisation) {
  EXPECT_TRUE(is_valid_email("nom.prenom@domaine.fr"));
  EXPECT_FALSE(is_valid_email("nom.prenom@domaine"));
  EXPECT_FALSE(is_valid_email("nom prenom@domaine.fr"));
  EXPECT_FALSE(is_valid_email("a@b@c.fr"));
  EXPECT_FALSE(is_valid_email("@domaine.fr"));
  EXPECT_EQ(normalize_email("  Paul.LAMY@Gmail.com "), "paul.lamy@gmail.com");
}

TEST(Identifiers, classifies_email_numero_and_school_login) {
  EXPECT_EQ(classify_identifier("paul.lamy@gmail.com"), IdentifierKind::email);
  EXPECT_EQ(classify_identifier("02427247586"), IdentifierKind::numero_candidat);
  EXPECT_EQ(classify_identifier("pierre.dubois"), IdentifierKind::login);
  EXPECT_EQ(classify_identifier("0242724758"), IdentifierKind::login);  // 10 digits
}

TEST(NumeroCandidat, is_always_eleven_digits) {
  EXPECT_EQ(numero_candidat_from(0), "00000000000");
  EXPECT_EQ(numero_candidat_from(2427247586), "02427247586");
  EXPECT_EQ(numero_candidat_from(UINT64_MAX).size(), 11u);
  EXPECT_TRUE(is_numero_candidat(numero_candidat_from(123456789012345ULL)));
}

TEST(Activation, expires_48_hours_after_creation) {
  const Instant created{seconds(1'700'000'000)};
  EXPECT_FALSE(activation_expired(created, created + hours(47) + minutes(59)));
  EXPECT_TRUE(activation_expired(created, created + hours(48)));
}

Identite identite_of(const CompteForm& f) {
  return validate_creation(f, FakeReference{}, kToday).compte.value().identite;
}

TEST(Modification, everything_changes_while_no_candidature_exists) {
  const auto current = identite_of(valid_form());
  auto f = valid_form();
  f.nom_naissance = f.nom_naissance_confirmation = "DUBOIS";
  f.mot_de_passe = f.mot_de_passe_confirmation = "";
  auto v = validate_modification(f, current, "paul.lamy@gmail.com", modification_policy(false),
                                 FakeReference{}, kToday);
  ASSERT_TRUE(v.errors.empty());
  EXPECT_EQ(v.identite->nom_naissance, "DUBOIS");
  EXPECT_FALSE(v.email);
  EXPECT_FALSE(v.mot_de_passe);
}

TEST(Modification, once_a_candidature_exists_identity_changes_are_refused) {
  const auto current = identite_of(valid_form());
  auto f = valid_form();
  f.nom_naissance = "DUBOIS";
  f.mot_de_passe = f.mot_de_passe_confirmation = "";
  auto v = validate_modification(f, current, "paul.lamy@gmail.com", modification_policy(true),
                                 FakeReference{}, kToday);
  EXPECT_TRUE(v.errors.has("identite"));
  EXPECT_EQ(v.identite->nom_naissance, "LAMY");
}

TEST(Modification, once_a_candidature_exists_email_and_password_still_change) {
  const auto current = identite_of(valid_form());
  CompteForm f;  // greyed fields are not submitted by the browser
  f.email = f.email_confirmation = "nouveau@gmail.com";
  f.mot_de_passe = f.mot_de_passe_confirmation = "Nouveau.2026";
  auto v = validate_modification(f, current, "paul.lamy@gmail.com", modification_policy(true),
                                 FakeReference{}, kToday);
  ASSERT_TRUE(v.errors.empty());
  EXPECT_EQ(v.identite, current);
  EXPECT_EQ(v.email, "nouveau@gmail.com");
  EXPECT_EQ(v.mot_de_passe, "Nouveau.2026");
}

TEST(Modification, a_new_password_follows_the_same_rule) {
  const auto current = identite_of(valid_form());
  auto f = valid_form();
  f.mot_de_passe = f.mot_de_passe_confirmation = "faible";
  auto v = validate_modification(f, current, "paul.lamy@gmail.com", modification_policy(false),
                                 FakeReference{}, kToday);
  EXPECT_TRUE(v.errors.has("mot_de_passe"));
  EXPECT_FALSE(v.mot_de_passe);
}

TEST(Suppression, refused_while_a_candidature_is_attached) {
  EXPECT_FALSE(deletion_problem(false));
  EXPECT_EQ(*deletion_problem(true),
            "Le compte ne peut pas être supprimé car une ou plusieurs candidatures y sont "
            "attachées");
}

TEST(Display, name_as_the_seed_writes_it) {
  Identite i;
  i.nom_naissance = "Lamy";
  i.prenoms = "Paul";
  EXPECT_EQ(nom_affiche(i), "LAMY Paul");
  // The nom d'usage, when there is one, is the name shown.
  EXPECT_EQ(nom_affiche("Lamy", "Martin-Éluard", "Paul Jean"), "MARTIN-ÉLUARD Paul Jean");
  EXPECT_EQ(nom_affiche("Lamy", "", "Paul"), "LAMY Paul");
}

}  // namespace
}  // namespace examens::domain
