// The candidate's registration actions called directly, without HTTP, on both backends:
// a draft saved tab by tab and registered, one active candidature per exam and session,
// the window enforced, a modification, unregistering once.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actions/recapitulatif.hpp"
#include "actions/saisie.hpp"
#include "actions/sessions.hpp"
#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"

namespace examens::testing {
namespace {

using actions::Formulaire;

const std::string kAdresse = "192.0.2.7";

class ActionsCandidature : public ::testing::Test {
 protected:
  void SetUp() override { compte = activated_account(portal); }

  const actions::Services& services() { return portal.services(); }
  domain::Instant now() { return portal.clock().now(); }

  // A session of the account opened now (tests move the clock past its limits).
  std::string jeton() {
    store::Tx tx(portal.db());
    const auto session =
        actions::ouvrir_session(tx, services(), compte.id, {kAdresse, "test", {}}, now());
    tx.commit();
    return session.jeton;
  }

  // The account's drafts as the home page reads them: with a session, in its statement.
  std::vector<std::pair<std::string, std::string>> brouillons_accueil() {
    auto reprise =
        actions::reprendre_session(services(), jeton(), now(), actions::Lecture::accueil);
    EXPECT_TRUE(reprise && reprise->accueil);
    return reprise && reprise->accueil ? std::move(reprise->accueil->brouillons)
                                       : std::vector<std::pair<std::string, std::string>>{};
  }

  // The draft `cle` as a tab reads it: with a session, in its statement.
  actions::SaisieLue saisie(const std::string& cle) {
    auto reprise =
        actions::reprendre_session(services(), jeton(), now(), actions::Lecture::saisie, cle);
    EXPECT_TRUE(reprise && reprise->saisie);
    if (!reprise || !reprise->saisie) return {cle, std::nullopt};
    EXPECT_EQ(reprise->saisie->cle, cle);
    return std::move(*reprise->saisie);
  }

  actions::IssueOnglet envoyer(const std::string& cle, int onglet, const Formulaire& fields,
                               actions::Bouton bouton = actions::Bouton::suivant) {
    return actions::enregistrer_onglet(services(), compte, saisie(cle), onglet, fields, bouton,
                                       kAdresse, now());
  }

  // Starts the example's draft in `academie` and passes tabs 1 to 7.
  void jusqu_aux_conditions(const std::string& academie, const std::string& etablissement) {
    const std::string cle = "N-BCP-2027-" + academie;
    const auto demarrage =
        actions::demarrer_inscription(services(), compte, "BCP", "2027", academie, now());
    const auto* premier = std::get_if<actions::VersOnglet>(&demarrage);
    ASSERT_NE(premier, nullptr);
    EXPECT_EQ(premier->cle, cle);
    EXPECT_EQ(premier->onglet, 1);
    const auto tabs = exemple(etablissement);
    for (int n = 1; n <= 7; ++n) {
      auto issue = envoyer(cle, n, tabs.at(n));
      if (n == 3) {
        // SCOLAIRE BACPRO 1 AN, chosen on his own account: why it is the school's, once.
        const auto* affiche = std::get_if<actions::OngletAffiche>(&issue);
        ASSERT_NE(affiche, nullptr);
        EXPECT_EQ(affiche->avis, actions::Avis::categorie_etablissement);
        EXPECT_TRUE(affiche->errors.empty());
        issue = envoyer(cle, 3, tabs.at(3));
      }
      if (n == 5) {
        // The diploma's exemptions are proposed, all checked, before going on.
        const auto* affiche = std::get_if<actions::OngletAffiche>(&issue);
        ASSERT_NE(affiche, nullptr);
        EXPECT_EQ(affiche->avis, actions::Avis::verifier_dispenses);
        EXPECT_TRUE(affiche->errors.empty());
        const std::vector<std::string> proposees = {"E4", "E5-A", "E5-B", "E6", "E7"};
        EXPECT_EQ(affiche->brouillon.dossier.champs.at("dispenses"), proposees);
        Formulaire again = tabs.at(5);
        for (const auto& code : proposees) {
          again.emplace_back("dispenses_affichees", code);
          again.emplace_back("dispenses", code);
        }
        issue = envoyer(cle, 5, again);
      }
      const auto* suivant = std::get_if<actions::VersOnglet>(&issue);
      ASSERT_NE(suivant, nullptr) << "onglet " << n;
      EXPECT_EQ(suivant->onglet, n + 1);
    }
  }

  // Registers the example in `academie`; the outcome of Enregistrer.
  actions::IssueOnglet inscrire(const std::string& academie = "GUY",
                                const std::string& etablissement = "9730538X") {
    jusqu_aux_conditions(academie, etablissement);
    return envoyer("N-BCP-2027-" + academie, 8, exemple().at(8), actions::Bouton::enregistrer);
  }

  std::vector<store::Candidature> candidatures() {
    store::Read read(portal.db());
    return store::candidatures_of(read, compte.id);
  }

  // Exactly one mail more than `avant` was queued for the account, with this subject.
  void expect_one_mail_more(std::size_t avant, const std::string& objet) {
    const auto mails = objets();
    ASSERT_EQ(mails.size(), avant + 1);
    EXPECT_EQ(mails.back(), objet);
  }

  std::vector<std::string> objets() {
    std::vector<std::string> out;
    store::Read read(portal.db());
    std::string objet;
    soci::statement st = (store::sql_of(read).prepare
                              << "SELECT objet FROM messages WHERE compte_id = :c ORDER BY id",
                          soci::use(compte.id), soci::into(objet));
    st.execute();
    while (st.fetch()) out.push_back(objet);
    return out;
  }

  // A candidature registered as a school (133) or an individual (IND) candidate.
  long long registered(const std::string& academie, const std::string& categorie) {
    store::Tx tx(portal.db());
    const std::string snapshot =
        R"({"champs":{"categorie":[")" + categorie + R"("],"adresse_voie":["12 rue Lallouette"]}})";
    const long long id =
        store::insert_candidature(tx, compte.id, "BCP", "2027", academie, snapshot, now()).id;
    tx.commit();
    return id;
  }

  TestPortal portal;
  store::Compte compte;
};

TEST_F(ActionsCandidature, a_draft_saved_tab_by_tab_registers_version_1_with_one_mail) {
  jusqu_aux_conditions("GUY", "9730538X");
  const std::string cle = "N-BCP-2027-GUY";
  // Suivant on tab 8 only says what is left to do.
  const auto suivant = envoyer(cle, 8, exemple().at(8));
  const auto* affiche = std::get_if<actions::OngletAffiche>(&suivant);
  ASSERT_NE(affiche, nullptr);
  EXPECT_EQ(affiche->avis, actions::Avis::cliquer_enregistrer);
  EXPECT_TRUE(candidatures().empty());
  const auto avant = objets().size();

  const auto issue = envoyer(cle, 8, exemple().at(8), actions::Bouton::enregistrer);
  const auto* inscrite = std::get_if<actions::Inscrite>(&issue);
  ASSERT_NE(inscrite, nullptr);
  const auto all = candidatures();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, inscrite->id);
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[0].numero_inscription, "001");
  EXPECT_EQ(all[0].etat, domain::EtatCandidature::inscrit);
  // The snapshot is the récapitulatif, with the typed values a modification starts from.
  const auto snapshot = actions::parse_object(all[0].donnees);
  EXPECT_EQ(snapshot.at("academie").as_string(), "ACADÉMIE DE LA GUYANE");
  EXPECT_EQ(domain::valeur(actions::champs_of(snapshot), "localite"), "CAYENNE");
  expect_one_mail_more(avant, "Confirmation d'inscription : BACCALAURÉAT PROFESSIONNEL");
  // The draft was the ticket: a second Enregistrer finds nothing to register.
  EXPECT_TRUE(std::holds_alternative<actions::SaisieIntrouvable>(
      envoyer(cle, 8, exemple().at(8), actions::Bouton::enregistrer)));
  EXPECT_TRUE(std::holds_alternative<actions::SaisieIntrouvable>(
      actions::ouvrir_onglet(services(), compte, saisie(cle), 1, now())));
  EXPECT_EQ(candidatures().size(), 1u);
  EXPECT_EQ(objets().size(), avant + 1);
}

TEST_F(ActionsCandidature, a_tab_keeps_its_own_fields_cut_to_500_bytes_whatever_the_button) {
  const std::string cle = "N-BCP-2027-GUY";
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GUY", now())));
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(envoyer(cle, 1, exemple().at(1))));
  std::string longue;
  for (int i = 0; i < 300; ++i) longue += "é";  // 600 bytes
  const auto issue =
      envoyer(cle, 2, {{"adresse_voie", longue}, {"categorie", "IND"}}, actions::Bouton::quitter);
  EXPECT_TRUE(std::holds_alternative<actions::SaisieConservee>(issue));
  store::Read read(portal.db());
  const auto b = actions::lire_brouillon(read, compte.id, cle);
  ASSERT_TRUE(b);
  const auto& voie = b->dossier.champs.at("adresse_voie").front();
  EXPECT_EQ(voie.size(), 500u);
  EXPECT_EQ(voie, longue.substr(0, 500));
  // Another tab's field is not this tab's to write.
  EXPECT_FALSE(b->dossier.champs.contains("categorie"));
  EXPECT_EQ(b->atteint, 2);

  // Tab 2 in error stays shown; Précédent goes back; a tab not reached yet sends to the
  // furthest one.
  const auto erreur = envoyer(cle, 2, {{"adresse_voie", "reu"}});
  const auto* affiche = std::get_if<actions::OngletAffiche>(&erreur);
  ASSERT_NE(affiche, nullptr);
  EXPECT_EQ(affiche->onglet, 2);
  EXPECT_TRUE(affiche->errors.has("localite"));
  EXPECT_EQ(affiche->avis, actions::Avis::aucun);
  const auto precedent = envoyer(cle, 2, {}, actions::Bouton::precedent);
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(precedent));
  EXPECT_EQ(std::get<actions::VersOnglet>(precedent).onglet, 1);
  const auto plus_loin = actions::ouvrir_onglet(services(), compte, saisie(cle), 5, now());
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(plus_loin));
  EXPECT_EQ(std::get<actions::VersOnglet>(plus_loin).onglet, 2);
  EXPECT_TRUE(std::holds_alternative<actions::SaisieIntrouvable>(
      actions::ouvrir_onglet(services(), compte, saisie(cle), 9, now())));
  // Démarrer again resumes the draft at its furthest tab.
  const auto reprise =
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GUY", now());
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(reprise));
  EXPECT_EQ(std::get<actions::VersOnglet>(reprise).onglet, 2);
}

TEST_F(ActionsCandidature, a_refused_tab_is_shown_again_from_the_draft_with_its_errors) {
  const std::string cle = "N-BCP-2027-GUY";
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GUY", now())));
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(envoyer(cle, 1, exemple().at(1))));
  Formulaire sans_localite = exemple().at(2);
  std::erase_if(sans_localite, [](const auto& f) { return f.first == "localite"; });
  ASSERT_TRUE(std::holds_alternative<actions::OngletAffiche>(envoyer(cle, 2, sans_localite)));

  // Opened plainly, the tab shows what was typed and no error; asked to check, the same
  // errors as the refused submission, found again from the draft.
  const auto simple = actions::ouvrir_onglet(services(), compte, saisie(cle), 2, now());
  ASSERT_TRUE(std::holds_alternative<actions::OngletAffiche>(simple));
  EXPECT_TRUE(std::get<actions::OngletAffiche>(simple).errors.empty());
  const auto verifie = actions::ouvrir_onglet(services(), compte, saisie(cle), 2, now(),
                                              {true, actions::Avis::pas_enregistree});
  const auto* affiche = std::get_if<actions::OngletAffiche>(&verifie);
  ASSERT_NE(affiche, nullptr);
  EXPECT_TRUE(affiche->errors.has("localite"));
  EXPECT_FALSE(affiche->errors.has("adresse_voie"));
  EXPECT_EQ(affiche->avis, actions::Avis::pas_enregistree);
  EXPECT_EQ(domain::valeur(affiche->brouillon.dossier.champs, "adresse_voie"), "reu");
}

TEST_F(ActionsCandidature, a_french_postal_code_typed_in_two_groups_is_kept_whole) {
  const std::string cle = "N-BCP-2027-GUY";
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GUY", now())));
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(envoyer(cle, 1, exemple().at(1))));
  Formulaire tab = exemple().at(2);
  for (auto& [nom, valeur] : tab)
    if (nom == "code_postal") valeur = "97 300";
  const auto issue = envoyer(cle, 2, tab);
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(issue));
  EXPECT_EQ(std::get<actions::VersOnglet>(issue).onglet, 3);
  store::Read read(portal.db());
  EXPECT_EQ(
      domain::valeur(actions::lire_brouillon(read, compte.id, cle)->dossier.champs, "code_postal"),
      "97300");
}

TEST_F(ActionsCandidature, a_school_category_chosen_on_ones_own_account_is_explained_once) {
  const std::string cle = "N-BCP-2027-GUY";
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GUY", now())));
  for (int n = 1; n <= 2; ++n)
    ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(envoyer(cle, n, exemple().at(n))));
  // An individual category goes on at once.
  Formulaire individuel = exemple("9739999F").at(3);
  for (auto& [nom, valeur] : individuel)
    if (nom == "categorie") valeur = "IND";
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(envoyer(cle, 3, individuel)));
  // SCOLAIRE BACPRO 1 AN stays on the tab once, with its notice; then goes on.
  const auto scolaire = envoyer(cle, 3, exemple().at(3));
  const auto* affiche = std::get_if<actions::OngletAffiche>(&scolaire);
  ASSERT_NE(affiche, nullptr);
  EXPECT_EQ(affiche->onglet, 3);
  EXPECT_EQ(affiche->avis, actions::Avis::categorie_etablissement);
  EXPECT_TRUE(std::holds_alternative<actions::VersOnglet>(envoyer(cle, 3, exemple().at(3))));
  // A school's pupil, logged in with the id his school gave, is not told.
  store::Compte eleve = compte;
  eleve.identifiant = "paul.lamy";
  envoyer(cle, 3, individuel);
  EXPECT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::enregistrer_onglet(services(), eleve, saisie(cle), 3, exemple().at(3),
                                  actions::Bouton::suivant, kAdresse, now())));
}

TEST_F(ActionsCandidature, a_second_registration_from_another_academie_gives_the_active_one) {
  jusqu_aux_conditions("GRE", "0382029Z");
  const auto issue = inscrire("GUY");
  ASSERT_TRUE(std::holds_alternative<actions::Inscrite>(issue));
  const long long active = std::get<actions::Inscrite>(issue).id;
  const auto autre = envoyer("N-BCP-2027-GRE", 8, exemple().at(8), actions::Bouton::enregistrer);
  const auto* vers = std::get_if<actions::VersCandidature>(&autre);
  ASSERT_NE(vers, nullptr);
  EXPECT_EQ(vers->id, active);
  EXPECT_EQ(candidatures().size(), 1u);
  // Nothing registered, so the draft is kept.
  EXPECT_TRUE(std::holds_alternative<actions::OngletAffiche>(
      actions::ouvrir_onglet(services(), compte, saisie("N-BCP-2027-GRE"), 8, now())));
  // Démarrer says so before any tab.
  const auto demarrage =
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GRE", now());
  ASSERT_TRUE(std::holds_alternative<actions::VersCandidature>(demarrage));
  EXPECT_EQ(std::get<actions::VersCandidature>(demarrage).id, active);
  const auto etat = actions::etat_inscription(services(), compte.id, "BCP", "2027", "GRE");
  EXPECT_EQ(etat.candidature_active, active);
  EXPECT_TRUE(etat.brouillon);
}

TEST_F(ActionsCandidature, a_new_draft_takes_the_address_of_the_latest_candidature) {
  const long long id = registered("GUY", "IND");
  ASSERT_TRUE(std::holds_alternative<actions::Desinscrite>(
      actions::desinscrire(services(), compte, id, kAdresse, now())));
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "GRE", now())));
  store::Read read(portal.db());
  const auto b = actions::lire_brouillon(read, compte.id, "N-BCP-2027-GRE");
  ASSERT_TRUE(b);
  EXPECT_EQ(domain::valeur(b->dossier.champs, "adresse_voie"), "12 rue Lallouette");
  EXPECT_FALSE(b->dossier.champs.contains("categorie"));
  EXPECT_TRUE(std::holds_alternative<actions::ExamenIntrouvable>(
      actions::demarrer_inscription(services(), compte, "BCP", "1999", "GRE", now())));
}

TEST_F(ActionsCandidature, a_modification_checks_every_tab_and_makes_version_2) {
  const auto issue = inscrire();
  ASSERT_TRUE(std::holds_alternative<actions::Inscrite>(issue));
  const long long id = std::get<actions::Inscrite>(issue).id;
  const auto ouverture = actions::ouvrir_modification(services(), compte, id, now());
  const auto* vers = std::get_if<actions::VersOnglet>(&ouverture);
  ASSERT_NE(vers, nullptr);
  EXPECT_EQ(vers->cle, "C-" + std::to_string(id));
  EXPECT_EQ(vers->onglet, 1);
  // The commitment of tab 8 is asked again.
  const auto sans = envoyer(vers->cle, 8, {}, actions::Bouton::enregistrer);
  const auto* affiche = std::get_if<actions::OngletAffiche>(&sans);
  ASSERT_NE(affiche, nullptr);
  EXPECT_EQ(affiche->onglet, 8);
  EXPECT_EQ(affiche->avis, actions::Avis::pas_enregistree);
  EXPECT_TRUE(affiche->errors.has("conditions_acceptees"));
  const auto avant = objets().size();
  const auto modifiee = envoyer(vers->cle, 8, exemple().at(8), actions::Bouton::enregistrer);
  ASSERT_TRUE(std::holds_alternative<actions::Inscrite>(modifiee));
  EXPECT_EQ(std::get<actions::Inscrite>(modifiee).id, id);
  const auto all = candidatures();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].version, 2);
  expect_one_mail_more(avant, "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL");
  EXPECT_TRUE(std::holds_alternative<actions::CandidatureIntrouvable>(
      actions::ouvrir_modification(services(), compte, id + 1000, now())));
}

TEST_F(ActionsCandidature, outside_the_window_everything_is_refused) {
  // Aix-Marseille closes on 19 November 17:00.
  const std::string cle = "N-BCP-2027-AIX";
  ASSERT_TRUE(std::holds_alternative<actions::VersOnglet>(
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "AIX", now())));
  const long long id = registered("AIX", "IND");
  portal.clock().advance(std::chrono::hours(48));
  const auto demarrage =
      actions::demarrer_inscription(services(), compte, "BCP", "2027", "AIX", now());
  ASSERT_TRUE(std::holds_alternative<actions::Refus>(demarrage));
  EXPECT_NE(std::get<actions::Refus>(demarrage).raison.find("fermé"), std::string::npos);
  EXPECT_TRUE(std::holds_alternative<actions::Refus>(
      actions::ouvrir_onglet(services(), compte, saisie(cle), 1, now())));
  EXPECT_TRUE(std::holds_alternative<actions::Refus>(envoyer(cle, 1, exemple().at(1))));
  EXPECT_TRUE(std::holds_alternative<actions::Refus>(
      actions::ouvrir_modification(services(), compte, id, now())));
  const auto desinscription = actions::desinscrire(services(), compte, id, kAdresse, now());
  ASSERT_TRUE(std::holds_alternative<actions::DesinscriptionRefusee>(desinscription));
  EXPECT_NE(std::get<actions::DesinscriptionRefusee>(desinscription).raison->find("fermé"),
            std::string::npos);
  // The refused tab wrote nothing, and the home page no longer offers the draft.
  store::Read read(portal.db());
  EXPECT_FALSE(actions::lire_brouillon(read, compte.id, cle)
                   ->dossier.champs.contains("modalites_acceptees"));
  const auto brouillons = brouillons_accueil();
  ASSERT_EQ(brouillons.size(), 1u);
  EXPECT_EQ(brouillons.front().first, cle);
  EXPECT_TRUE(actions::saisies_en_cours(services(), brouillons, now()).empty());
  EXPECT_EQ(candidatures().front().etat, domain::EtatCandidature::inscrit);
}

TEST_F(ActionsCandidature, unregistering_twice_refuses_the_second) {
  const long long id = registered("GUY", "IND");
  const auto avant = objets().size();
  EXPECT_TRUE(std::holds_alternative<actions::Desinscrite>(
      actions::desinscrire(services(), compte, id, kAdresse, now())));
  const auto second = actions::desinscrire(services(), compte, id, kAdresse, now());
  const auto* refusee = std::get_if<actions::DesinscriptionRefusee>(&second);
  ASSERT_NE(refusee, nullptr);
  EXPECT_EQ(refusee->candidature.etat, domain::EtatCandidature::desinscrit_candidat);
  EXPECT_EQ(refusee->raison,
            "Cette candidature est à l'état « Désinscrit par le candidat » : la désinscription "
            "n'est pas possible.");
  expect_one_mail_more(avant, "Désinscription : BACCALAURÉAT PROFESSIONNEL");
  EXPECT_TRUE(std::holds_alternative<actions::CandidatureIntrouvable>(
      actions::desinscrire(services(), compte, id + 1000, kAdresse, now())));
}

TEST_F(ActionsCandidature, a_school_candidate_does_not_unregister_himself) {
  const long long id = registered("GUY", "133");
  const auto issue = actions::desinscrire(services(), compte, id, kAdresse, now());
  ASSERT_TRUE(std::holds_alternative<actions::DesinscriptionRefusee>(issue));
  EXPECT_TRUE(std::get<actions::DesinscriptionRefusee>(issue).raison->starts_with(
      "Candidature gérée par votre établissement : seuls les candidats individuels"));
  EXPECT_EQ(candidatures().front().etat, domain::EtatCandidature::inscrit);
}

}  // namespace
}  // namespace examens::testing
