// The candidate's actions in the registration wizard (SPEC §4, docs/decisions/0004-wizard.md):
// start or resume a draft, open a tab, save a tab. Their outcomes are those of
// actions/candidature.hpp.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "actions/candidature.hpp"
#include "actions/sessions.hpp"

namespace examens::actions {

// What "Démarrer mon inscription" would meet for this exam, session and académie.
struct EtatInscription {
  std::optional<long long> candidature_active;  // the exam and session's active candidature
  bool brouillon = false;                       // a draft to resume
};
EtatInscription etat_inscription(const Services& services, long long compte_id,
                                 const std::string& domaine, const std::string& session,
                                 const std::string& academie);

// "Démarrer mon inscription": the active candidature of this exam and session if there is
// one, else the draft's furthest tab, else a new draft with the address and contacts of the
// latest candidature (a candidate rarely moves between two).
using Demarrage = std::variant<ExamenIntrouvable, Refus, VersCandidature, VersOnglet>;
Demarrage demarrer_inscription(const Services& services, const store::Compte& compte,
                               const std::string& domaine, const std::string& session,
                               const std::string& academie, domain::Instant now);

// How a tab is opened: plainly, or as the answer to a submission that kept the candidate on
// it (`verifier`: its checks run again on the draft, which holds what was typed; `avis`: the
// notice the submission gave).
struct Affichage {
  bool verifier = false;
  Avis avis = Avis::aucun;
};

// Whether a submission of tab `onglet` can give `avis`: the address of another tab naming it
// (edited by hand, kept from elsewhere) shows no notice.
bool avis_de_onglet(Avis avis, int onglet);

// Tab `onglet` of the draft `saisie` (read with the session: reprendre_session's
// Lecture::saisie), refused outside the window; tabs open one after the other, so a later
// one sends to the furthest reached.
using OuvertureOnglet = std::variant<SaisieIntrouvable, Refus, VersOnglet, OngletAffiche>;
OuvertureOnglet ouvrir_onglet(const Services& services, const store::Compte& compte,
                              SaisieLue saisie, int onglet, domain::Instant now,
                              Affichage affichage = {});

// The button pressed under a tab.
enum class Bouton { precedent, suivant, quitter, enregistrer };
// The fields posted, in order (a checkbox group repeats its name).
using Formulaire = std::vector<std::pair<std::string, std::string>>;

// A submission of tab `onglet` of the draft `saisie` (read as ouvrir_onglet's): whatever the
// button, its fields replace the tab's in the draft (values cut to 500 bytes, then
// normalised: domain::normaliser_onglet); then Précédent and Quitter keep the draft as it is,
// Suivant checks the tab and opens the next, and Enregistrer on tab 8 registers
// (enregistrer_candidature). Suivant stays on the tab, with its notice, when the acquis
// changed the proposed exemptions, or when a candidate on his own account newly chose a
// category a school registers in. `adresse`: the client's, for the audit trail of a
// registration.
using IssueOnglet = std::variant<SaisieIntrouvable, Refus, VersOnglet, SaisieConservee,
                                 OngletAffiche, VersCandidature, Inscrite>;
IssueOnglet enregistrer_onglet(const Services& services, const store::Compte& compte,
                               SaisieLue saisie, int onglet, const Formulaire& formulaire,
                               Bouton bouton, const std::string& adresse, domain::Instant now);

}  // namespace examens::actions
