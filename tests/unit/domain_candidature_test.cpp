// Unit tests of the candidature's life-cycle rules: numbering, visibility, and what the
// opening window and the candidate's category allow.
#include <gtest/gtest.h>

#include "domain/candidature.hpp"

namespace examens::domain {
namespace {

using namespace std::chrono;

const Instant kOuverture{seconds(1'790'000'000)};
const Periode kPeriode{"BCP", "2027", "GUY", kOuverture, kOuverture + days(30)};

TEST(NumeroInscription, three_digits_per_candidate) {
  EXPECT_EQ(numero_inscription(1), "001");
  EXPECT_EQ(numero_inscription(5), "005");
  EXPECT_EQ(numero_inscription(123), "123");
}

TEST(EtatCandidature, codes_and_labels_round_trip) {
  for (auto etat :
       {EtatCandidature::a_completer, EtatCandidature::inscrit,
        EtatCandidature::desinscrit_candidat, EtatCandidature::ecartee, EtatCandidature::annulee})
    EXPECT_EQ(etat_from_code(code_etat(etat)), etat);
  EXPECT_EQ(libelle_etat(EtatCandidature::desinscrit_candidat), "Désinscrit par le candidat");
  EXPECT_FALSE(etat_from_code("inconnu"));
}

TEST(MesInscriptions, lists_active_and_cancelled_candidatures_of_open_sessions) {
  EXPECT_TRUE(visible_du_candidat(EtatCandidature::inscrit, false));
  EXPECT_TRUE(visible_du_candidat(EtatCandidature::a_completer, false));
  EXPECT_FALSE(visible_du_candidat(EtatCandidature::inscrit, true));
  EXPECT_FALSE(visible_du_candidat(EtatCandidature::desinscrit_candidat, false));
  EXPECT_FALSE(visible_du_candidat(EtatCandidature::ecartee, false));
  // Issue 15: the candidate sees "Annulée" in his space, until the session closes.
  EXPECT_TRUE(visible_du_candidat(EtatCandidature::annulee, false));
  EXPECT_FALSE(visible_du_candidat(EtatCandidature::annulee, true));
}

TEST(MesInscriptions, only_the_states_the_candidate_holds_are_active) {
  EXPECT_TRUE(etat_actif(EtatCandidature::inscrit));
  EXPECT_TRUE(etat_actif(EtatCandidature::a_completer));
  EXPECT_FALSE(etat_actif(EtatCandidature::annulee));
  EXPECT_FALSE(etat_actif(EtatCandidature::desinscrit_candidat));
  EXPECT_FALSE(etat_actif(EtatCandidature::ecartee));
}

TEST(Fenetre, registration_only_while_the_window_is_open) {
  EXPECT_TRUE(inscription_refusee(&kPeriode, kOuverture - seconds(1)));
  EXPECT_FALSE(inscription_refusee(&kPeriode, kOuverture));
  EXPECT_TRUE(inscription_refusee(&kPeriode, kPeriode.fermeture));
  EXPECT_TRUE(inscription_refusee(nullptr, kOuverture));
}

TEST(Fenetre, refuses_modification_after_window_closes) {
  EXPECT_FALSE(modification_refusee(EtatCandidature::inscrit, &kPeriode, kOuverture + days(1)));
  auto refus = modification_refusee(EtatCandidature::inscrit, &kPeriode, kPeriode.fermeture);
  ASSERT_TRUE(refus);
  EXPECT_NE(refus->find("fermé"), std::string::npos);
}

TEST(Fenetre, an_unregistered_candidature_is_never_modified_again) {
  EXPECT_TRUE(
      modification_refusee(EtatCandidature::desinscrit_candidat, &kPeriode, kOuverture + days(1)));
}

TEST(Desinscription, individual_candidates_only_while_open) {
  const Instant pendant = kOuverture + days(1);
  EXPECT_FALSE(desinscription_refusee(EtatCandidature::inscrit, true, &kPeriode, pendant));
  EXPECT_TRUE(desinscription_refusee(EtatCandidature::inscrit, false, &kPeriode, pendant));
  EXPECT_TRUE(
      desinscription_refusee(EtatCandidature::inscrit, true, &kPeriode, kPeriode.fermeture));
  EXPECT_TRUE(
      desinscription_refusee(EtatCandidature::desinscrit_candidat, true, &kPeriode, pendant));
}

}  // namespace
}  // namespace examens::domain
