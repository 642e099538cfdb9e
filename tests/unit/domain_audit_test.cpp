// The audit trail's pure rules: every action code has its French label, the office's filters
// are read from what is typed (with a French message for each bad value), and the before and
// after of an entry are shown in French.
#include <gtest/gtest.h>

#include "actions/audit.hpp"
#include "domain/audit.hpp"

namespace examens::domain {
namespace {

constexpr std::string_view kNbsp = "\u202F";

TEST(DomainAudit, every_action_code_has_a_french_label_and_unknown_ones_none) {
  for (const auto code :
       {kActionCandidatureInscrite, kActionCandidatureModifiee, kActionCandidatureDesinscrite,
        kActionAgentAjoute, kActionAgentReinvite, kActionAgentActive, kActionAgentConnecte,
        kActionAgentConnexionRefusee, kActionAgentDeconnecte, kActionAgentDesactive,
        kActionCandidatureAnnulee, kActionPieceDeposee, kActionDepotSupprime, kActionPiecesValidees,
        kActionPieceControlee, kActionPiecesRouvertes})
    EXPECT_TRUE(libelle_action(code)) << code;
  EXPECT_EQ(libelle_action("candidature.inscrite"), "Candidature enregistrée");
  EXPECT_EQ(libelle_action("agent.desactive"), "Agent désactivé");
  EXPECT_FALSE(libelle_action("candidature.effacee"));
  EXPECT_EQ(libelle_acteur("commande"), "Ligne de commande");
  EXPECT_EQ(libelle_acteur("candidat"), "Candidat");
  EXPECT_FALSE(libelle_acteur("robot"));
  EXPECT_EQ(libelle_motif(kMotifDesactive), "Compte désactivé");
  EXPECT_EQ(libelle_etat_agent("en_attente"), "En attente d'activation");
}

TEST(DomainAudit, a_candidature_is_named_by_its_id_or_by_the_candidates_numero_and_its_n) {
  EXPECT_TRUE(std::holds_alternative<std::monostate>(lire_filtre_candidature("  ")));
  const auto id = lire_filtre_candidature(" 42 ");
  ASSERT_TRUE(std::holds_alternative<CandidatureParId>(id));
  EXPECT_EQ(std::get<CandidatureParId>(id).id, 42);
  for (const auto* typed : {"12345678901-001", "12345678901 / 1", "12345678901/01",
                            "12345678901 001", "12345678901001"}) {
    const auto f = lire_filtre_candidature(typed);
    ASSERT_TRUE(std::holds_alternative<CandidatureParNumeros>(f)) << typed;
    EXPECT_EQ(std::get<CandidatureParNumeros>(f).numero_candidat, "12345678901") << typed;
    EXPECT_EQ(std::get<CandidatureParNumeros>(f).numero_inscription, "001") << typed;
  }
}

TEST(DomainAudit, a_bad_candidature_filter_is_refused_in_french) {
  const auto numero_seul = lire_filtre_candidature("12345678901");
  ASSERT_TRUE(std::holds_alternative<FiltreRefuse>(numero_seul));
  EXPECT_NE(std::get<FiltreRefuse>(numero_seul).message.find("Ajoutez le N° d'inscription"),
            std::string::npos);
  for (const auto* typed :
       {"abc", "0", "12345678901-0001", "1234567890-001", "12345678901-A", "12345678901-", "-3"}) {
    const auto f = lire_filtre_candidature(typed);
    ASSERT_TRUE(std::holds_alternative<FiltreRefuse>(f)) << typed;
    const auto& message = std::get<FiltreRefuse>(f).message;
    EXPECT_NE(message.find("Saisissez l'identifiant de la candidature"), std::string::npos);
    // French typography: a narrow no-break space before the colon.
    EXPECT_NE(message.find(std::string("ex.") + std::string(kNbsp) + ":"), std::string::npos);
  }
}

TEST(DomainAudit, a_staff_member_is_named_by_his_email_normalised) {
  EXPECT_TRUE(std::holds_alternative<std::monostate>(lire_filtre_agent("")));
  const auto f = lire_filtre_agent(" Marie.Defi@AC-Guyane.fr ");
  ASSERT_TRUE(std::holds_alternative<std::string>(f));
  EXPECT_EQ(std::get<std::string>(f), "marie.defi@ac-guyane.fr");
  const auto bad = lire_filtre_agent("marie");
  ASSERT_TRUE(std::holds_alternative<FiltreRefuse>(bad));
  EXPECT_NE(std::get<FiltreRefuse>(bad).message.find("Saisissez l'adresse mail d'un agent"),
            std::string::npos);
}

TEST(DomainAudit, the_page_cursor_is_a_positive_id_or_the_first_page) {
  EXPECT_EQ(lire_curseur("120"), 120);
  EXPECT_FALSE(lire_curseur(""));
  EXPECT_FALSE(lire_curseur("0"));
  EXPECT_FALSE(lire_curseur("-3"));
  EXPECT_FALSE(lire_curseur("12a"));
  EXPECT_FALSE(lire_curseur("99999999999999999999"));
}

TEST(DomainAudit, before_and_after_are_kept_compact_and_shown_in_french) {
  const std::string v2 = actions::etat_candidature(EtatCandidature::inscrit, 2);
  EXPECT_EQ(v2, R"({"etat":"inscrit","version":2})");
  EXPECT_EQ(actions::decrire_etat(v2), "Inscrit, version 2");
  EXPECT_EQ(
      actions::decrire_etat(actions::etat_candidature(EtatCandidature::desinscrit_candidat, 2)),
      "Désinscrit par le candidat, version 2");
  EXPECT_EQ(
      actions::decrire_etat(R"({"etat":"desactive","role":"administrateur","academie":"GUY"})"),
      "Désactivé, Administrateur, GUY");
  EXPECT_EQ(actions::decrire_etat(actions::motif_refus(kMotifMotDePasse, true)),
            "Mot de passe incorrect, connexion suspendue");
  EXPECT_EQ(actions::decrire_etat(actions::motif_refus(kMotifMotDePasse)),
            "Mot de passe incorrect");
  EXPECT_EQ(actions::decrire_etat(""), "");
  EXPECT_EQ(actions::decrire_etat("pas du JSON"), "pas du JSON");
}

}  // namespace
}  // namespace examens::domain
