// The registration wizard over HTTP on both backends (SPEC §4): the seed's example from
// "M'inscrire" to N° Inscription, the server-side draft, per-tab checks, Enregistrer once,
// modification into version 2, and the window enforced whatever request is sent.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <latch>
#include <thread>

#include "integration/parcours.hpp"
#include "integration/support.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"

namespace examens::testing {
namespace {

class Saisie : public ::testing::Test {
 protected:
  void SetUp() override {
    create_account(portal, client, spec, true);
    login(client, spec.email, spec.password);
  }

  HttpResult demarrer(const std::string& academie) { return parcours.demarrer(academie); }
  HttpResult envoyer(const std::string& cle, int n, Fields fields,
                     const std::string& action = "suivant") {
    return parcours.envoyer(cle, n, std::move(fields), action);
  }
  HttpResult suivre(const HttpResult& posted, const std::string& location) {
    return parcours.suivre(posted, location);
  }
  void jusqu_aux_conditions(const std::string& academie, const std::string& etablissement) {
    parcours.jusqu_aux_conditions(academie, etablissement);
  }
  long long inscrire(const std::string& academie = "GUY",
                     const std::string& etablissement = "9730538X") {
    return parcours.inscrire(academie, etablissement);
  }

  std::vector<store::Candidature> candidatures() {
    store::Read read(portal.db());
    const auto compte = store::find_compte_by_email(read, spec.email);
    return store::candidatures_of(read, compte->id);
  }

  std::vector<std::string> objets() {
    portal.mails_to(spec.email);
    std::vector<std::string> out;
    store::Read read(portal.db());
    std::string objet;
    soci::statement st = (store::sql_of(read).prepare << "SELECT objet FROM messages ORDER BY id",
                          soci::into(objet));
    st.execute();
    while (st.fetch()) out.push_back(objet);
    return out;
  }

  TestPortal portal;
  Client client{portal.base_url()};
  Parcours parcours{client};
  AccountSpec spec;
};

TEST_F(Saisie, registers_the_seed_example) {
  const auto choix = client.get("/inscription/nouvelle?domaine=BCP&session=2027&academie=GUY");
  EXPECT_TRUE(contains(choix.body, "Démarrer mon inscription"));
  const long long id = inscrire();

  const auto numero = client.get("/inscription/" + std::to_string(id) + "/numero");
  ASSERT_EQ(numero.status, 200);
  EXPECT_TRUE(
      contains(numero.body, "Votre inscription a bien été prise en compte le 18/11/2026 à"));
  EXPECT_TRUE(contains(numero.body, "<strong id=\"numero\">001</strong>"));
  EXPECT_TRUE(
      contains(numero.body, "avant la fermeture du service fixée le : 29/01/2027 à 23:59."));
  EXPECT_TRUE(contains(numero.body, "RECTORAT DE GUYANE"));
  EXPECT_TRUE(contains(numero.body, "dec.exapro@ac-guyane.fr"));

  // The address lines stay apart in the markup, as the seed prints them.
  const auto recap = client.get("/inscription/" + std::to_string(id) + "/recapitulatif");
  EXPECT_TRUE(contains(recap.body, "Adresse : reu<br>97300 CAYENNE<br>FRANCE (DONT OUTRE-MER)<br>"))
      << recap.body;

  const auto all = candidatures();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].numero_inscription, "001");
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[0].academie, "GUY");
  // The snapshot holds the seed's table: positions and modes as the récapitulatif shows them.
  const auto snapshot = boost::json::parse(all[0].donnees).as_object();
  std::map<std::string, std::pair<std::string, std::string>> lignes;
  for (const auto& bloc : snapshot.at("blocs").as_array())
    for (const auto& l : bloc.at("lignes").as_array())
      lignes[std::string(l.at("libelle").as_string())] = {std::string(l.at("position").as_string()),
                                                          std::string(l.at("mode").as_string())};
  EXPECT_EQ(lignes.size(), 27u);
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(lignes["E1 - Epreuve scientifique"], P("Inscrit", ""));
  EXPECT_EQ(lignes["E1-A - Mathématiques"], P("Inscrit", "Contrôle en cours de formation"));
  EXPECT_EQ(lignes["E2 - Exploitation de la documentation technique"], P("Inscrit", "Ponctuel"));
  EXPECT_EQ(lignes["E4-B - Langue vivante A : orale"], P("Dispense", ""));
  EXPECT_EQ(lignes["E5-A - Français"], P("Dispense", ""));
  EXPECT_EQ(lignes["EC1BB - Chef d'oeuvre, note de la scolarité terminale"],
            P("Inscrit", "Contrôle en cours de formation"));
  EXPECT_EQ(lignes["EF1 - Langue vivante facultative - Anglais"], P("Inscrit", "Ponctuel"));
  EXPECT_EQ(lignes["EF2 - Epreuve de mobilité - Lettonie"],
            P("Inscrit", "Contrôle en cours de formation"));
  EXPECT_EQ(lignes["ECT - Epreuve de contrôle"], P("Inscrit", "Ponctuel"));
  EXPECT_EQ(snapshot.at("candidature").at("forme_finale").as_string(), "Globale");

  const auto mails = objets();
  ASSERT_FALSE(mails.empty());
  EXPECT_EQ(mails.back(), "Confirmation d'inscription : BACCALAURÉAT PROFESSIONNEL");
  const auto textes = portal.mails_to(spec.email);
  EXPECT_TRUE(contains(textes.back(), "Votre numéro d'inscription : 001"));
  EXPECT_TRUE(contains(textes.back(), "fermeture du service fixée le : 29/01/2027 à 23:59"));
  EXPECT_TRUE(contains(textes.back(), "RECTORAT DE GUYANE"));
  // The draft is gone, the home page shows the card.
  EXPECT_EQ(client.get(onglet("N-BCP-2027-GUY", 1)).status, 404);
  const auto home = client.get("/");
  EXPECT_TRUE(contains(home.body, "href=\"/inscription/" + std::to_string(id) + "\""));
  EXPECT_FALSE(contains(home.body, "saisies-en-cours"));
  EXPECT_TRUE(contains(home.body, "Aéronautique option Systèmes"));
  EXPECT_TRUE(
      contains(home.body, "Établissement : CFA CEVEDOM CAYENNE - CAYENNE CEDEX 2 (9730538X)"));
}

TEST_F(Saisie, the_draft_keeps_what_was_typed_even_when_refused) {
  ASSERT_EQ(demarrer("GUY").status, 303);
  const std::string cle = "N-BCP-2027-GUY";
  ASSERT_EQ(envoyer(cle, 1, exemple().at(1)).status, 303);
  Fields sans_localite = exemple().at(2);
  std::erase_if(sans_localite, [](const auto& f) { return f.first == "localite"; });
  // The refusal is a redirect (no form page in the browser's history), to the tab checked
  // again from the draft.
  const auto refused = suivre(envoyer(cle, 2, sans_localite), onglet(cle, 2, "verifier=1"));
  EXPECT_EQ(refused.status, 200);
  EXPECT_TRUE(contains(refused.body, "Ce champ est obligatoire."));
  EXPECT_TRUE(contains(refused.body, "value=\"reu\""));
  // The summary at the top of the tab links to the field.
  EXPECT_TRUE(
      contains(refused.body, "<li><a href=\"#localite\">Ce champ est obligatoire.</a></li>"))
      << refused.body;
  // A tab not reached yet sends back to the furthest one.
  EXPECT_EQ(client.get(onglet(cle, 3)).header("location"), onglet(cle, 2));

  // Another browser, after logging out here: the draft is on the server.
  client.submit("/", "/deconnexion", {});
  Client other(portal.base_url());
  login(other, spec.email, spec.password);
  const auto home = other.get("/");
  EXPECT_TRUE(contains(home.body, "saisies-en-cours"));
  EXPECT_TRUE(contains(home.body, "href=\"" + onglet(cle, 2) + "\""));
  const auto page = other.get(onglet(cle, 2));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "value=\"reu\""));
  EXPECT_TRUE(contains(page.body, "value=\"0123456789\""));
  // The account's département of birth, as the seed's Identification tab shows it.
  EXPECT_TRUE(contains(page.body, "Département, DOM ou COM de naissance : 035 - ILLE-ET-VILAINE"));
}

TEST_F(Saisie, a_tab_refuses_control_characters_next_to_the_field) {
  ASSERT_EQ(demarrer("GUY").status, 303);
  const std::string cle = "N-BCP-2027-GUY";
  ASSERT_EQ(envoyer(cle, 1, exemple().at(1)).status, 303);
  Fields tab = exemple().at(2);
  for (auto& [name, value] : tab)
    if (name == "localite") value = "Bâle\r\nX\a";
  const auto refused = suivre(envoyer(cle, 2, tab), onglet(cle, 2, "verifier=1"));
  EXPECT_TRUE(contains(refused.body,
                       "id=\"localite-messages\" aria-live=\"polite\">\n    <p "
                       "class=\"fr-message fr-message--error\">Ce champ contient des caractères "
                       "non autorisés.</p>"))
      << refused.body;
  EXPECT_EQ(client.get(onglet(cle, 3)).header("location"), onglet(cle, 2));
}

// A BP in Guyane, registered alone: its E5 asks for a language, as mandatory as any field.
TEST_F(Saisie, every_mandatory_field_is_marked_and_precedent_comes_before_suivant) {
  ASSERT_EQ(client
                .submit("/inscription/nouvelle?domaine=BP&session=2027&academie=GUY",
                        "/inscription/nouvelle",
                        {{"domaine", "BP"}, {"session", "2027"}, {"academie", "GUY"}})
                .status,
            303);
  const std::string cle = "N-BP-2027-GUY";
  const auto tab1 = client.get(onglet(cle, 1));
  EXPECT_TRUE(contains(tab1.body, "Les champs avec * sont obligatoires."));
  EXPECT_TRUE(contains(tab1.body, "je les accepte. *</label>"));
  auto tabs = exemple("9739999F");
  tabs[3] = {{"categorie", "IND"},
             {"situation", "SAL"},
             {"amenagement_duree", "non"},
             {"etablissement", "9739999F"},
             {"handicap", "non"},
             {"diffusion_presse", "non"},
             {"diffusion_collectivites", "non"}};
  tabs[4] = {{"specialite", "45020"},
             {"section_langue", "SANS"},
             {"forme_passage", "GLOBALE"},
             {"derogation", "non"}};
  tabs[5] = {};
  for (int n = 1; n <= 5; ++n) {
    const auto r = envoyer(cle, n, tabs.at(n));
    ASSERT_EQ(r.header("location"), onglet(cle, n + 1)) << "onglet " << n;
  }
  const auto tab6 = client.get(onglet(cle, 6));
  EXPECT_TRUE(contains(tab6.body, "<label class=\"fr-label\" for=\"choix.E5\">Langue *"))
      << tab6.body;
  EXPECT_TRUE(contains(tab6.body, "id=\"choix.E5\" name=\"choix.E5\" required"));
  // EF1 is facultative: its language is asked only if he sits it.
  EXPECT_TRUE(contains(tab6.body, "for=\"choix.EF1\">Langue\n"));
  EXPECT_TRUE(contains(tab6.body, "À choisir si vous vous inscrivez à cette épreuve"));
  EXPECT_TRUE(contains(tab6.body, "Position de l'épreuve EF1 *"));
  // The seed's order, Précédent then Suivant; Enter (the form's first submit button, hidden)
  // still goes forward.
  const auto precedent = tab6.body.find("id=\"precedent\"");
  const auto suivant = tab6.body.find("id=\"suivant\"");
  const auto defaut =
      tab6.body.find("<button type=\"submit\"", tab6.body.find("id=\"formulaire-saisie\""));
  ASSERT_NE(precedent, std::string::npos);
  ASSERT_NE(suivant, std::string::npos);
  EXPECT_LT(precedent, suivant);
  EXPECT_LT(defaut, precedent);
  EXPECT_TRUE(std::string_view(tab6.body).substr(defaut).starts_with(
      "<button type=\"submit\" name=\"action\" value=\"suivant\" hidden>Suivant</button>"));
}

TEST_F(Saisie, enregistrer_checks_every_tab_again) {
  jusqu_aux_conditions("GUY", "9730538X");
  const std::string cle = "N-BCP-2027-GUY";
  // "Précédent" keeps a tab without checking it; Enregistrer then finds it wrong.
  Fields bad = exemple().at(2);
  bad.emplace_back("telephone_fixe", "12");
  ASSERT_EQ(envoyer(cle, 2, bad, "precedent").status, 303);
  const std::string location = onglet(cle, 2, "verifier=1&avis=non-enregistree");
  const auto r = suivre(envoyer(cle, 8, exemple().at(8), "enregistrer"), location);
  EXPECT_TRUE(contains(r.body, "Votre candidature n&apos;est pas encore enregistrée."));
  EXPECT_TRUE(contains(r.body, "Corrigez l&apos;onglet « Identification »"));
  EXPECT_TRUE(contains(r.body, "Exemple : 0123456789 ou +33123456789."));
  EXPECT_TRUE(candidatures().empty());
  // Once the tab is corrected, the same address shows no error (the draft is what is checked).
  ASSERT_EQ(envoyer(cle, 2, exemple().at(2), "precedent").status, 303);
  const auto corrige = client.get(location);
  EXPECT_FALSE(contains(corrige.body, "id=\"resume-erreurs\""));
  // Suivant on tab 8 with the box checked only says what is left to do.
  EXPECT_TRUE(
      contains(suivre(envoyer(cle, 8, exemple().at(8)), onglet(cle, 8, "avis=enregistrer")).body,
               "Cliquez sur « Enregistrer » pour terminer votre inscription."));
}

// A notice named in the address is shown only on the tab whose submission gives it: a link
// edited by hand or kept from another tab shows none, and neither does an unknown name.
TEST_F(Saisie, a_notice_in_the_address_shows_only_on_its_own_tab) {
  jusqu_aux_conditions("GUY", "9730538X");
  const std::string cle = "N-BCP-2027-GUY";
  const std::string dispenses = "Vérifiez les dispenses proposées";
  const std::string categorie = "Vérifiez votre catégorie de candidat.";
  const std::string enregistrer = "Cliquez sur « Enregistrer » pour terminer votre inscription.";
  const std::string non_enregistree = "Votre candidature n&apos;est pas encore enregistrée.";
  EXPECT_FALSE(contains(client.get(onglet(cle, 2, "avis=dispenses")).body, dispenses));
  EXPECT_FALSE(contains(client.get(onglet(cle, 2, "avis=categorie")).body, categorie));
  EXPECT_FALSE(contains(client.get(onglet(cle, 5, "avis=enregistrer")).body, enregistrer));
  for (const char* nom : {"", "inconnu", "DISPENSES", "dispenses+", "1"}) {
    const auto page = client.get(onglet(cle, 5, std::string("avis=") + nom));
    EXPECT_EQ(page.status, 200) << nom;
    EXPECT_FALSE(contains(page.body, "fr-alert--info")) << nom;
    EXPECT_FALSE(contains(page.body, "fr-alert--error")) << nom;
  }
  // Enregistrer refused names the tab in error, whichever it is: any tab may show it.
  EXPECT_TRUE(contains(client.get(onglet(cle, 2, "avis=non-enregistree")).body, non_enregistree));
  // Each notice still shows on its own tab.
  EXPECT_TRUE(contains(client.get(onglet(cle, 5, "avis=dispenses")).body, dispenses));
  EXPECT_TRUE(contains(client.get(onglet(cle, 3, "avis=categorie")).body, categorie));
  EXPECT_TRUE(contains(client.get(onglet(cle, 8, "avis=enregistrer")).body, enregistrer));
}

TEST_F(Saisie, two_enregistrer_of_one_draft_register_once) {
  jusqu_aux_conditions("GUY", "9730538X");
  const std::string cle = "N-BCP-2027-GUY";
  const std::string csrf = csrf_of(client.get(onglet(cle, 8)).body);
  const Fields fields = {
      {"csrf", csrf}, {"conditions_acceptees", "oui"}, {"action", "enregistrer"}};
  std::vector<long> statuses(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < statuses.size(); ++i)
    threads.emplace_back([&, i] {
      Client twin(portal.base_url());
      twin.set_cookie("examens_session", *client.cookie("examens_session"));
      statuses[i] = twin.post(onglet(cle, 8), fields).status;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 303), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 404), 3);
  EXPECT_EQ(candidatures().size(), 1u);
}

// Two drafts of one candidate for the same exam and session, in two académies, registered
// at the same instant: PostgreSQL's READ COMMITTED let both pass the application's check, so
// the database's unique index is what lets exactly one win. Many rounds, to meet the race.
TEST_F(Saisie, two_academies_registered_at_once_make_one_active_candidature) {
  jusqu_aux_conditions("GUY", "9730538X");
  jusqu_aux_conditions("GRE", "0382029Z");
  const std::string cles[] = {"N-BCP-2027-GUY", "N-BCP-2027-GRE"};
  long long compte_id = 0;
  std::string brouillons[2];
  {
    store::Read read(portal.db());
    compte_id = store::find_compte_by_email(read, spec.email)->id;
    for (int i = 0; i < 2; ++i) brouillons[i] = *store::load_brouillon(read, compte_id, cles[i]);
  }
  const std::string csrf = csrf_of(client.get(onglet(cles[0], 8)).body);
  const std::string session = *client.cookie("examens_session");
  for (int round = 0; round < 15; ++round) {
    if (round > 0) {
      // The next round starts as this one did: both drafts back, the exam session free.
      const auto now = portal.clock().now();
      store::Tx tx(portal.db());
      store::sql_of(tx)
          << "UPDATE candidatures SET etat = 'desinscrit_candidat' WHERE compte_id = :c",
          soci::use(compte_id);
      for (int i = 0; i < 2; ++i)
        store::save_brouillon(tx, compte_id, cles[i], brouillons[i], now,
                              now + std::chrono::hours(24 * 90));
      tx.commit();
    }
    std::vector<HttpResult> results(2);
    std::latch start(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&, i] {
        Client twin(portal.base_url());
        twin.set_cookie("examens_session", session);
        const Fields fields = {
            {"csrf", csrf}, {"conditions_acceptees", "oui"}, {"action", "enregistrer"}};
        start.arrive_and_wait();
        results[i] = twin.post(onglet(cles[i], 8), fields);
      });
    for (auto& t : threads) t.join();
    int gagnant = -1;
    for (int i = 0; i < 2; ++i) {
      ASSERT_EQ(results[i].status, 303) << "round " << round << ": " << results[i].body;
      if (results[i].header("location").ends_with("/numero")) {
        EXPECT_EQ(gagnant, -1) << "round " << round << ": both académies registered";
        gagnant = i;
      }
    }
    ASSERT_NE(gagnant, -1) << "round " << round;
    std::vector<store::Candidature> actives;
    for (const auto& c : candidatures())
      if (c.etat == domain::EtatCandidature::inscrit) actives.push_back(c);
    ASSERT_EQ(actives.size(), 1u) << "round " << round;
    // The other is sent to the active candidature, and its draft is kept.
    EXPECT_EQ(results[1 - gagnant].header("location"),
              "/inscription/" + std::to_string(actives[0].id))
        << "round " << round;
    store::Read read(portal.db());
    EXPECT_TRUE(store::load_brouillon(read, compte_id, cles[1 - gagnant]));
  }
}

TEST_F(Saisie, a_modification_makes_version_2_and_mails_it) {
  const long long id = inscrire();
  const std::string base = "/inscription/" + std::to_string(id);
  const auto consultation = client.get(base + "/recapitulatif");
  EXPECT_TRUE(contains(consultation.body, "Version 01"));
  const auto open = client.submit(base + "/recapitulatif", base + "/modifier", {});
  ASSERT_EQ(open.status, 303);
  const std::string cle = "C-" + std::to_string(id);
  EXPECT_EQ(open.header("location"), onglet(cle, 1));
  // Every tab was passed: the candidate goes straight to the one to change.
  Fields tab3 = exemple().at(3);
  for (auto& f : tab3)
    if (f.first == "diffusion_presse") f.second = "oui";
  ASSERT_EQ(envoyer(cle, 3, tab3).status, 303);
  ASSERT_EQ(envoyer(cle, 8, exemple().at(8), "enregistrer").status, 303);

  const auto after = client.get(base + "/recapitulatif");
  EXPECT_TRUE(contains(after.body, "Version 02"));
  const auto all = candidatures();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].version, 2);
  EXPECT_EQ(all[0].numero_inscription, "001");
  store::Read read(portal.db());
  const auto v1 = boost::json::parse(*store::version_snapshot(read, id, 1)).as_object();
  const auto v2 = boost::json::parse(*store::version_snapshot(read, id, 2)).as_object();
  EXPECT_EQ(v1.at("candidature").at("presse").as_string(), "Non");
  EXPECT_EQ(v2.at("candidature").at("presse").as_string(), "Oui");
  EXPECT_EQ(objets().back(), "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL");
}

TEST_F(Saisie, one_active_candidature_per_exam_and_session) {
  const long long id = inscrire();
  const auto again = demarrer("GRE");
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.header("location"), "/inscription/" + std::to_string(id));
  const auto page = client.get("/inscription/nouvelle?domaine=BCP&session=2027&academie=GRE");
  EXPECT_TRUE(contains(page.body, "id=\"deja-inscrit\""));
  EXPECT_FALSE(contains(page.body, "id=\"demarrer\""));
}

TEST_F(Saisie, the_window_is_enforced_whatever_request_is_sent) {
  // Aix-Marseille closes on 19 November 2026 at 17:00; the test clock is on the 18th.
  const long long id = inscrire("AIX", "0130053M");
  const std::string base = "/inscription/" + std::to_string(id);
  ASSERT_EQ(client.submit(base + "/recapitulatif", base + "/modifier", {}).status, 303);
  ASSERT_EQ(envoyer("C-" + std::to_string(id), 1, exemple().at(1)).status, 303);
  portal.clock().advance(std::chrono::hours(48));
  login(client, spec.email, spec.password);  // the session expired meanwhile

  const auto consultation = client.get(base + "/recapitulatif");
  EXPECT_FALSE(contains(consultation.body, "id=\"modifier\""));
  EXPECT_TRUE(contains(consultation.body, "id=\"refus-modification\""));
  const std::string csrf = csrf_of(consultation.body);
  EXPECT_EQ(client.post(base + "/modifier", {{"csrf", csrf}}).status, 409);
  EXPECT_EQ(client
                .post(onglet("C-" + std::to_string(id), 8),
                      {{"csrf", csrf}, {"conditions_acceptees", "oui"}, {"action", "enregistrer"}})
                .status,
            409);
  EXPECT_EQ(client.get(onglet("C-" + std::to_string(id), 2)).status, 409);
  EXPECT_EQ(
      client
          .post("/inscription/nouvelle",
                {{"csrf", csrf}, {"domaine", "CAP"}, {"session", "2027"}, {"academie", "BES"}})
          .status,
      409);  // a future window
  EXPECT_EQ(candidatures()[0].version, 1);
}

TEST_F(Saisie, enregistrer_after_the_window_closed_registers_nothing) {
  jusqu_aux_conditions("AIX", "0130053M");
  portal.clock().advance(std::chrono::hours(48));
  login(client, spec.email, spec.password);  // the session expired meanwhile
  const auto r = envoyer("N-BCP-2027-AIX", 8, exemple().at(8), "enregistrer");
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, "Inscription impossible"));
  EXPECT_TRUE(candidatures().empty());
  // The draft knows its window's closing instant, for the purge (19/11/2026 17:00 Paris).
  store::Tx tx(portal.db());
  const auto fermeture = domain::Instant(std::chrono::seconds(1795104000));
  EXPECT_EQ(store::purge_brouillons(tx, fermeture - std::chrono::seconds(1)), 0);
  EXPECT_EQ(store::purge_brouillons(tx, fermeture), 1);
}

TEST_F(Saisie, another_account_reaches_nothing_of_this_one) {
  const long long id = inscrire();
  AccountSpec other_spec;
  other_spec.email = "jeanne.dupont@example.fr";
  Client other(portal.base_url());
  create_account(portal, other, other_spec, true);
  login(other, other_spec.email, other_spec.password);
  const std::string base = "/inscription/" + std::to_string(id);
  EXPECT_EQ(other.get(base).status, 404);
  EXPECT_EQ(other.get(base + "/recapitulatif").status, 404);
  EXPECT_EQ(other.get(base + "/numero").status, 404);
  const std::string csrf = csrf_of(other.get("/").body);
  EXPECT_EQ(other.post(base + "/modifier", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(other.get(onglet("C-" + std::to_string(id), 1)).status, 404);
}

}  // namespace
}  // namespace examens::testing
