// The candidature's states and the rules of its life cycle (SPEC §4): the numéro
// d'inscription, versions, which candidatures the candidate sees, and what the opening
// window allows. Pure; the clock and the window come in as arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/catalogue.hpp"
#include "domain/clock.hpp"

namespace examens::domain {

// The states as the seeds and the office name them.
enum class EtatCandidature {
  a_completer,          // "À compléter": pre-registered by a school, to be completed
  inscrit,              // "Inscrit"
  desinscrit_candidat,  // "Désinscrit par le candidat": kept, never reactivated
  ecartee,              // "Écartée" by the office
  annulee,              // "Annulée" by the office (e.g. confirmation not returned)
};

std::string_view code_etat(EtatCandidature etat);     // stored form: "inscrit"…
std::string_view libelle_etat(EtatCandidature etat);  // shown form: "Inscrit"…
std::optional<EtatCandidature> etat_from_code(std::string_view code);

// "001", "002"…: the n-th candidature of a candidate, three digits.
std::string numero_inscription(int rang);

// Active: the candidate holds it (À compléter or Inscrit); at most one per exam and session
// (the unique index of migration 0006).
bool etat_actif(EtatCandidature etat);
// "Mes inscriptions" lists a candidature while its session is not closed and it is active,
// or cancelled by the office: the candidate sees "Annulée" and why, not a card that vanished.
// Unregistered and set-aside ones are not listed.
bool visible_du_candidat(EtatCandidature etat, bool session_fermee);

// Registering, modifying and unregistering are the candidate's only while the window of
// the candidature's (domaine, session, académie) is open. Returns the French reason of
// a refusal, or nullopt.
std::optional<std::string> inscription_refusee(const Periode* periode, Instant now);
std::optional<std::string> modification_refusee(EtatCandidature etat, const Periode* periode,
                                                Instant now);
// Only individual candidates unregister themselves (a school pupil asks his school).
std::optional<std::string> desinscription_refusee(EtatCandidature etat, bool candidat_individuel,
                                                  const Periode* periode, Instant now);

}  // namespace examens::domain
