// The account actions called directly, with no HTTP, on SQLite and on PostgreSQL: what the
// office and the API will call, the same functions as the candidate pages.
#include <gtest/gtest.h>

#include "actions/compte.hpp"
#include "actions/sessions.hpp"
#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"

namespace examens::testing {
namespace {

using namespace std::chrono_literals;
using Issue = actions::ResultatConnexion::Issue;

long long count(store::Database& db, const std::string& sql) {
  store::Read read(db);
  long long n = 0;
  store::sql_of(read) << sql, soci::into(n);
  return n;
}

domain::CompteForm form_of(const AccountSpec& spec) {
  domain::CompteForm f;
  f.civilite = "M";
  f.nom_naissance = f.nom_naissance_confirmation = spec.nom;
  f.prenoms = spec.prenoms;
  f.date_naissance = f.date_naissance_confirmation = "01/01/2002";
  f.pays_naissance = "FR";
  f.departement_naissance = "35";
  f.commune_naissance = "Rennes";
  f.commune_naissance_code = "35238";
  f.email = f.email_confirmation = spec.email;
  f.mot_de_passe = f.mot_de_passe_confirmation = spec.password;
  return f;
}

std::string token_of(const std::string& link) {
  return link.substr(link.find("jeton=") + 6);
}

class ActionsCompte : public ::testing::Test {
 protected:
  actions::Services& services() { return portal.services(); }
  domain::Instant now() { return portal.clock().now(); }

  actions::ResultatConnexion connexion(const std::string& identifiant,
                                       const std::string& mot_de_passe) {
    return actions::se_connecter(services(), {identifiant, mot_de_passe, navigateur}, now());
  }

  // Creates the account and activates it with the link of its mail.
  store::Compte compte_actif(const AccountSpec& spec = {}) {
    const auto creation = actions::creer_compte(services(), form_of(spec), now());
    EXPECT_TRUE(creation.errors.empty());
    const std::string link = portal.link_in_mail(spec.email, "/compte/activer?jeton=");
    EXPECT_TRUE(link.starts_with(portal.base_url() + "/compte/activer?jeton=")) << link;
    EXPECT_EQ(actions::activer_compte(services(), token_of(link), now()), store::JetonEtat::valide);
    return *creation.compte;
  }

  TestPortal portal;
  const actions::Navigateur navigateur{"192.0.2.7", "test", std::nullopt};
};

TEST_F(ActionsCompte, a_created_and_activated_account_logs_in_and_its_session_resumes) {
  const AccountSpec spec;
  const auto creation = actions::creer_compte(services(), form_of(spec), now());
  ASSERT_TRUE(creation.errors.empty());
  ASSERT_TRUE(creation.compte);
  EXPECT_TRUE(domain::is_numero_candidat(creation.compte->numero_candidat));
  EXPECT_EQ(connexion(spec.email, spec.password).issue, Issue::non_activee);

  const std::string token = token_of(portal.link_in_mail(spec.email, "jeton="));
  EXPECT_EQ(actions::activer_compte(services(), token, now()), store::JetonEtat::valide);
  EXPECT_EQ(actions::activer_compte(services(), token, now()), store::JetonEtat::utilise);
  EXPECT_EQ(actions::activer_compte(services(), "inconnu", now()), store::JetonEtat::inconnu);

  const auto logged = connexion(creation.compte->numero_candidat, spec.password);
  ASSERT_EQ(logged.issue, Issue::ouverte);
  ASSERT_TRUE(logged.session);
  // Only the token's hash is stored: the token itself is handed back once.
  EXPECT_NE(logged.session->jeton, logged.session->row.empreinte);
  portal.clock().advance(5min);
  const auto reprise = actions::reprendre_session(services(), logged.session->jeton, now());
  ASSERT_TRUE(reprise);
  EXPECT_EQ(reprise->compte.id, creation.compte->id);
  EXPECT_EQ(reprise->row.csrf, logged.session->row.csrf);
  EXPECT_EQ(reprise->row.expire_le, now() + services().reglages().session_idle);

  actions::fermer_session(services(), reprise->row.empreinte);
  EXPECT_FALSE(actions::reprendre_session(services(), logged.session->jeton, now()));
}

TEST_F(ActionsCompte, a_session_idle_too_long_is_forgotten) {
  const AccountSpec spec;
  compte_actif(spec);
  const auto logged = connexion(spec.email, spec.password);
  ASSERT_TRUE(logged.session);
  portal.clock().advance(services().reglages().session_idle + 1s);
  EXPECT_FALSE(actions::reprendre_session(services(), logged.session->jeton, now()));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM sessions"), 0);
}

TEST_F(ActionsCompte, logging_in_again_closes_the_session_the_browser_held) {
  const AccountSpec spec;
  compte_actif(spec);
  const auto first = connexion(spec.email, spec.password);
  ASSERT_TRUE(first.session);
  const auto second = actions::se_connecter(
      services(), {spec.email, spec.password, {"192.0.2.7", "test", first.session->jeton}}, now());
  ASSERT_TRUE(second.session);
  EXPECT_FALSE(actions::reprendre_session(services(), first.session->jeton, now()));
  EXPECT_TRUE(actions::reprendre_session(services(), second.session->jeton, now()));
}

TEST_F(ActionsCompte, a_taken_email_is_a_field_error_and_nothing_is_stored) {
  const AccountSpec spec;
  ASSERT_TRUE(actions::creer_compte(services(), form_of(spec), now()).compte);
  AccountSpec twin;
  twin.email = "PAUL.LAMY@example.fr";
  twin.nom = "MARTIN";
  const auto refused = actions::creer_compte(services(), form_of(twin), now());
  EXPECT_FALSE(refused.compte);
  ASSERT_NE(refused.errors.message("email"), nullptr);
  EXPECT_EQ(*refused.errors.message("email"), "Cette adresse mail existe déjà dans l'application");
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 1);
  EXPECT_EQ(portal.mails_to(spec.email).size(), 1u);
}

TEST_F(ActionsCompte, missing_fields_are_named_before_anything_is_counted) {
  const auto result = connexion("", "");
  EXPECT_EQ(result.issue, Issue::champs_manquants);
  EXPECT_TRUE(result.errors.has("identifiant"));
  EXPECT_TRUE(result.errors.has("mot_de_passe"));
  EXPECT_FALSE(result.session);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM tentatives_connexion"), 0);
}

TEST_F(ActionsCompte, five_wrong_passwords_block_the_account_whatever_its_identifier) {
  const AccountSpec spec;
  const store::Compte compte = compte_actif(spec);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(connexion(spec.email, "Wrong-pass1").issue, Issue::incorrecte);
  const auto blocked = connexion(compte.numero_candidat, spec.password);
  EXPECT_EQ(blocked.issue, Issue::bloquee);
  EXPECT_FALSE(blocked.session);
  portal.clock().advance(61s);
  EXPECT_EQ(connexion(spec.email, spec.password).issue, Issue::ouverte);
}

TEST_F(ActionsCompte, a_reset_request_mails_a_known_account_only) {
  const AccountSpec spec;
  compte_actif(spec);
  const long long mails = count(portal.db(), "SELECT COUNT(*) FROM messages");
  EXPECT_TRUE(actions::demander_mot_de_passe(services(), "inconnu@example.fr", now()).empty());
  EXPECT_EQ(actions::traiter_demandes_mot_de_passe(services(), now()), 0);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM messages"), mails);

  EXPECT_TRUE(actions::demander_mot_de_passe(services(), spec.email, now()).empty());
  EXPECT_EQ(actions::traiter_demandes_mot_de_passe(services(), now()), 1);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM messages"), mails + 1);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM demandes_mot_de_passe"), 0);

  EXPECT_TRUE(actions::demander_mot_de_passe(services(), "", now()).has("identifiant"));
}

TEST_F(ActionsCompte, a_reset_link_sets_the_password_closes_the_sessions_and_lifts_a_block) {
  const AccountSpec spec;
  compte_actif(spec);
  const auto logged = connexion(spec.email, spec.password);
  ASSERT_TRUE(logged.session);
  for (int i = 0; i < 5; ++i) connexion(spec.email, "Wrong-pass1");
  ASSERT_EQ(connexion(spec.email, spec.password).issue, Issue::bloquee);

  actions::demander_mot_de_passe(services(), spec.email, now());
  actions::traiter_demandes_mot_de_passe(services(), now());
  const std::string token = token_of(portal.link_in_mail(spec.email, "/mot-de-passe/nouveau"));
  const auto weak = actions::reinitialiser_mot_de_passe(services(), token, "court", "court", now());
  EXPECT_TRUE(weak.errors.has("mot_de_passe"));
  const auto done =
      actions::reinitialiser_mot_de_passe(services(), token, "Nouveau-2026", "Nouveau-2026", now());
  EXPECT_TRUE(done.errors.empty());
  EXPECT_EQ(done.jeton, store::JetonEtat::valide);
  EXPECT_FALSE(actions::reprendre_session(services(), logged.session->jeton, now()));
  EXPECT_EQ(connexion(spec.email, "Nouveau-2026").issue, Issue::ouverte);
  EXPECT_EQ(
      actions::reinitialiser_mot_de_passe(services(), token, "Autre-2026!", "Autre-2026!", now())
          .jeton,
      store::JetonEtat::utilise);
}

TEST_F(ActionsCompte, a_modification_of_the_email_asks_for_the_current_password) {
  const AccountSpec spec;
  const store::Compte compte = compte_actif(spec);
  const auto logged = connexion(spec.email, spec.password);
  ASSERT_TRUE(logged.session);
  actions::Modification modification{form_of(spec), "", logged.session->row.empreinte};
  modification.form.email = modification.form.email_confirmation = "paul.nouveau@example.fr";
  modification.form.mot_de_passe = modification.form.mot_de_passe_confirmation = "";

  const auto refused = actions::modifier_compte(services(), compte, modification, now());
  EXPECT_TRUE(refused.errors.has("mot_de_passe_actuel"));
  EXPECT_FALSE(refused.identite_verrouillee);
  modification.mot_de_passe_actuel = "Wrong-pass1";
  EXPECT_TRUE(actions::modifier_compte(services(), compte, modification, now())
                  .errors.has("mot_de_passe_actuel"));
  {
    store::Read read(portal.db());
    EXPECT_EQ(store::find_compte(read, compte.id)->email, spec.email);
  }

  modification.mot_de_passe_actuel = spec.password;
  EXPECT_TRUE(actions::modifier_compte(services(), compte, modification, now()).errors.empty());
  store::Read read(portal.db());
  EXPECT_EQ(store::find_compte(read, compte.id)->email, "paul.nouveau@example.fr");
}

TEST_F(ActionsCompte, a_new_password_closes_the_other_sessions_only) {
  const AccountSpec spec;
  const store::Compte compte = compte_actif(spec);
  const auto here = connexion(spec.email, spec.password);
  const auto elsewhere = connexion(spec.email, spec.password);
  ASSERT_TRUE(here.session && elsewhere.session);
  actions::Modification modification{form_of(spec), spec.password, here.session->row.empreinte};
  modification.form.mot_de_passe = modification.form.mot_de_passe_confirmation = "Nouveau-2026";
  EXPECT_TRUE(actions::modifier_compte(services(), compte, modification, now()).errors.empty());
  EXPECT_TRUE(actions::reprendre_session(services(), here.session->jeton, now()));
  EXPECT_FALSE(actions::reprendre_session(services(), elsewhere.session->jeton, now()));
  EXPECT_EQ(connexion(spec.email, "Nouveau-2026").issue, Issue::ouverte);
  EXPECT_EQ(actions::fermer_autres_sessions(services(), compte.id, here.session->row.empreinte), 1);
}

TEST_F(ActionsCompte, an_account_is_deleted_with_its_sessions) {
  const AccountSpec spec;
  const store::Compte compte = compte_actif(spec);
  const auto logged = connexion(spec.email, spec.password);
  EXPECT_FALSE(actions::refus_suppression(services(), compte.id));
  EXPECT_FALSE(actions::supprimer_compte(services(), compte.id));
  EXPECT_FALSE(actions::reprendre_session(services(), logged.session->jeton, now()));
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 0);
  EXPECT_EQ(connexion(spec.email, spec.password).issue, Issue::incorrecte);
}

TEST_F(ActionsCompte, an_account_with_a_candidature_is_kept) {
  const store::Compte compte = compte_actif();
  {
    store::Tx tx(portal.db());
    store::insert_candidature(tx, compte.id, "BCP", "2027", "GUY", "{}", now());
    tx.commit();
  }
  const auto refus = actions::refus_suppression(services(), compte.id);
  ASSERT_TRUE(refus);
  EXPECT_EQ(actions::supprimer_compte(services(), compte.id), refus);
  EXPECT_EQ(count(portal.db(), "SELECT COUNT(*) FROM comptes"), 1);
  EXPECT_TRUE(actions::identite_verrouillee(services(), compte.id));
}

}  // namespace
}  // namespace examens::testing
