// "Ouverture des services" over HTTP on both backends, against the demo catalogue.
#include <gtest/gtest.h>

#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"

namespace examens::testing {
namespace {

class Ouverture : public ::testing::Test {
 protected:
  TestPortal portal;
  Client client{portal.base_url()};
};

TEST_F(Ouverture, chooses_domaine_then_session_then_academie) {
  auto page = client.get("/ouverture-des-services");
  ASSERT_EQ(page.status, 200);
  // The page speaks to the candidate, not in the guide's first person.
  EXPECT_TRUE(contains(page.body, "Vous pouvez consulter, pour chaque examen"));
  EXPECT_TRUE(contains(page.body, "BACCALAURÉAT PROFESSIONNEL"));
  page = client.get("/ouverture-des-services?domaine=BCP");
  EXPECT_TRUE(contains(page.body, "?domaine=BCP&amp;session=2027"));
  EXPECT_FALSE(contains(page.body, "session=2026\""));  // a closed session is not offered
  page = client.get("/ouverture-des-services?domaine=BCP&session=2027");
  EXPECT_TRUE(contains(page.body, "ACADÉMIE DE LA GUYANE - (2027)"));
  page = client.get("/ouverture-des-services?domaine=BCP&session=2027&academie=GUY");
  EXPECT_TRUE(contains(page.body,
                       "Les inscriptions sont ouvertes du 19 octobre 2026 08:00 au 29 "
                       "janvier 2027 23:59 (heure de Paris)."));
}

TEST_F(Ouverture, future_and_closed_windows_say_so) {
  auto future = client.get("/ouverture-des-services?domaine=BCP&session=2027&academie=BES");
  EXPECT_TRUE(contains(future.body, "Les inscriptions seront ouvertes du 11 janvier 2027 09:00"));
  auto closed = client.get("/ouverture-des-services?domaine=BCP&session=NOV2026VAE&academie=AIX");
  EXPECT_TRUE(contains(closed.body, "elles sont closes"));
}

TEST_F(Ouverture, the_window_follows_the_clock) {
  const std::string aix = "/ouverture-des-services?domaine=BCP&session=2027&academie=AIX";
  // The test clock starts on 18 November 2026; Aix-Marseille closes on the 19th at 17:00.
  EXPECT_TRUE(contains(client.get(aix).body, "Les inscriptions sont ouvertes"));
  portal.clock().advance(std::chrono::hours(48));
  EXPECT_TRUE(contains(client.get(aix).body, "elles sont closes"));
}

TEST_F(Ouverture, no_window_means_no_service_open) {
  auto page = client.get("/ouverture-des-services?domaine=MC&session=2027&academie=GUY");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Aucun service n'est ouvert"));
}

class Desinscription : public ::testing::Test {
 protected:
  void SetUp() override {
    create_account(portal, client, spec, true);
    login(client, spec.email, spec.password);
  }
  // A candidature in `categorie`: INDIVIDUEL by default, the kind that unregisters himself.
  long long registered(const std::string& academie, const std::string& categorie = "IND") {
    store::Tx tx(portal.db());
    const auto compte = store::find_compte_by_email(tx, spec.email);
    const std::string snapshot = R"({"champs":{"categorie":[")" + categorie + R"("]}})";
    const long long id = store::insert_candidature(tx, compte->id, "BCP", "2027", academie,
                                                   snapshot, portal.clock().now())
                             .id;
    tx.commit();
    return id;
  }
  TestPortal portal;
  Client client{portal.base_url()};
  AccountSpec spec;
};

TEST_F(Desinscription, mes_inscriptions_shows_the_active_candidature) {
  registered("GUY");
  const auto home = client.get("/");
  EXPECT_TRUE(contains(home.body, "BACCALAURÉAT PROFESSIONNEL"));
  EXPECT_TRUE(contains(home.body, "ACADÉMIE DE LA GUYANE"));
  EXPECT_TRUE(contains(home.body, "N° : 001"));
  EXPECT_FALSE(contains(home.body, "Vous n'avez aucune candidature active."));
}

TEST_F(Desinscription, unregisters_after_the_seed_confirmation_and_keeps_the_row) {
  const long long id = registered("GUY");
  const std::string path = "/inscription/" + std::to_string(id) + "/desinscrire";
  const auto confirm = client.get(path);
  EXPECT_TRUE(contains(confirm.body, "Attention : vous vous apprêtez à vous désinscrire."));
  EXPECT_TRUE(contains(confirm.body, "Etes-vous certain(e) de vouloir poursuivre cette action ?"));
  const auto done = client.submit(path, path, {});
  EXPECT_EQ(done.status, 303);
  const auto home = client.get("/?desinscrit=1");
  EXPECT_TRUE(contains(home.body, "Vous n'avez aucune candidature active."));
  store::Read read(portal.db());
  const auto compte = store::find_compte_by_email(read, spec.email);
  EXPECT_EQ(store::find_candidature(read, compte->id, id)->etat,
            domain::EtatCandidature::desinscrit_candidat);
  const auto mails = portal.mails_to(spec.email);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_TRUE(contains(mails[1], "ne peut pas être réactivée"));
  // Never reactivated: a second request is refused.
  EXPECT_EQ(client.submit("/", path, {}).status, 409);
}

TEST_F(Desinscription, refused_once_the_window_has_closed_whatever_request_is_sent) {
  const long long id = registered("AIX");  // Aix-Marseille closes on 19 November 17:00
  portal.clock().advance(std::chrono::hours(48));
  login(client, spec.email, spec.password);  // the session itself expired meanwhile
  const std::string path = "/inscription/" + std::to_string(id) + "/desinscrire";
  const auto r = client.submit("/", path, {});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, "fermé"));
  store::Read read(portal.db());
  const auto compte = store::find_compte_by_email(read, spec.email);
  EXPECT_EQ(store::find_candidature(read, compte->id, id)->etat, domain::EtatCandidature::inscrit);
}

TEST_F(Desinscription, only_individual_candidates_unregister_themselves) {
  // SCOLAIRE BACPRO 1 AN: registered by the établissement, which the candidate asks.
  const long long id = registered("GUY", "133");
  const std::string path = "/inscription/" + std::to_string(id) + "/desinscrire";
  // The card says why it offers no "Se désinscrire".
  const auto home = client.get("/");
  EXPECT_FALSE(contains(home.body, path));
  EXPECT_TRUE(contains(home.body, "id=\"refus-desinscription-" + std::to_string(id) +
                                      "\">Candidature gérée par votre établissement : "))
      << home.body;
  const auto page = client.get(path);
  EXPECT_TRUE(contains(page.body,
                       "Candidature gérée par votre établissement : seuls les "
                       "candidats individuels se désinscrivent eux-mêmes."));
  const auto refused = client.submit("/", path, {});
  EXPECT_EQ(refused.status, 409);
  store::Read read(portal.db());
  const auto compte = store::find_compte_by_email(read, spec.email);
  EXPECT_EQ(store::find_candidature(read, compte->id, id)->etat, domain::EtatCandidature::inscrit);
}

TEST_F(Desinscription, another_candidate_cannot_touch_my_candidature) {
  const long long id = registered("GUY");
  AccountSpec other_spec;
  other_spec.email = "autre@example.fr";
  Client other(portal.base_url());
  create_account(portal, other, other_spec, true);
  login(other, other_spec.email, other_spec.password);
  const std::string path = "/inscription/" + std::to_string(id) + "/desinscrire";
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(other.submit("/", path, {}).status, 404);
}

}  // namespace
}  // namespace examens::testing
