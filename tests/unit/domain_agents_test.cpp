// The rules of staff accounts: roles, the checks of a new one, and how pages name them.
#include <gtest/gtest.h>

#include "domain/agents.hpp"

namespace examens::domain {
namespace {

Catalogue catalogue_guyane() {
  Catalogue c;
  c.academies.push_back(Academie{"GUY", "ACADÉMIE DE LA GUYANE", {}, "", "", {"973"}});
  return c;
}

bool has_error(const FieldErrors& errors, const std::string& field) {
  for (const auto& e : errors.all())
    if (e.field == field) return true;
  return false;
}

TEST(DomainAgents, roles_are_gestionnaire_and_administrateur_only) {
  EXPECT_EQ(libelle_role("gestionnaire"), "Gestionnaire");
  EXPECT_EQ(libelle_role("administrateur"), "Administrateur");
  EXPECT_FALSE(libelle_role("Gestionnaire"));
  EXPECT_FALSE(libelle_role(""));
}

TEST(DomainAgents, a_new_agent_is_trimmed_and_its_academie_upper_cased) {
  const auto v = validate_agent({" marie.defi@ac-guyane.fr ", "gestionnaire", " guy ", "", ""},
                                catalogue_guyane());
  ASSERT_TRUE(v.agent);
  EXPECT_TRUE(v.errors.empty());
  EXPECT_EQ(v.agent->email, "marie.defi@ac-guyane.fr");
  EXPECT_EQ(v.agent->academie, "GUY");
}

TEST(DomainAgents, each_bad_field_has_its_french_message) {
  const auto v = validate_agent({"marie", "directeur", "XYZ", "", ""}, catalogue_guyane());
  EXPECT_FALSE(v.agent);
  EXPECT_TRUE(has_error(v.errors, "email"));
  EXPECT_TRUE(has_error(v.errors, "role"));
  EXPECT_TRUE(has_error(v.errors, "academie"));
  EXPECT_EQ(v.errors.all().size(), 3u);
}

TEST(DomainAgents, academie_names_read_as_in_a_sentence) {
  EXPECT_EQ(nom_courant_academie("ACADÉMIE DE LA GUYANE"), "Académie de la Guyane");
  EXPECT_EQ(nom_courant_academie("ACADÉMIE D'AIX MARSEILLE"), "Académie d'Aix Marseille");
  EXPECT_EQ(nom_courant_academie("ACADÉMIE DE BESANÇON"), "Académie de Besançon");
  EXPECT_EQ(nom_courant_academie("ACADÉMIE DE CLERMONT-FERRAND"), "Académie de Clermont-Ferrand");
  EXPECT_EQ(nom_courant_academie(""), "");
}

TEST(DomainAgents, an_agent_is_named_by_his_names_or_his_email) {
  EXPECT_EQ(nom_affiche_agent("Marie", "Défi", "m@x.fr"), "Marie Défi");
  EXPECT_EQ(nom_affiche_agent("", "Défi", "m@x.fr"), "Défi");
  EXPECT_EQ(nom_affiche_agent("", "", "m@x.fr"), "m@x.fr");
}

}  // namespace
}  // namespace examens::domain
