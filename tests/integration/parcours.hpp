// The registration wizard walked over HTTP by a logged-in client: the seed's example from
// "M'inscrire" to Enregistrer, shared by the tests of the wizard and of the documents.
#pragma once

#include <string>

#include "integration/support.hpp"

namespace examens::testing {

std::string onglet(const std::string& cle, int n);
// Where a submission that keeps the candidate on tab `n` sends him: its query asks the tab
// to check itself again and to show the submission's notice.
std::string onglet(const std::string& cle, int n, const std::string& query);

struct Parcours {
  Client& client;

  HttpResult demarrer(const std::string& academie);
  HttpResult envoyer(const std::string& cle, int n, Fields fields,
                     const std::string& action = "suivant");
  // The page a submission that kept the candidate on a tab leads to: always a redirect (no
  // page answers the POST itself, so Back never asks to send a form again), to `location`.
  HttpResult suivre(const HttpResult& posted, const std::string& location);
  // Tabs 1 to 8 of the example, stopping before Enregistrer.
  void jusqu_aux_conditions(const std::string& academie, const std::string& etablissement);
  // Registers the example; returns the candidature's id.
  long long inscrire(const std::string& academie = "GUY",
                     const std::string& etablissement = "9730538X");
};

}  // namespace examens::testing
