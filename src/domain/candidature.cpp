// The candidature's states and life-cycle rules.
#include "domain/candidature.hpp"

#include <cstdio>

#include "domain/temps.hpp"

namespace examens::domain {
namespace {

struct EtatNames {
  EtatCandidature etat;
  std::string_view code;
  std::string_view libelle;
};

constexpr EtatNames kEtats[] = {
    {EtatCandidature::a_completer, "a_completer", "À compléter"},
    {EtatCandidature::inscrit, "inscrit", "Inscrit"},
    {EtatCandidature::desinscrit_candidat, "desinscrit_candidat", "Désinscrit par le candidat"},
    {EtatCandidature::ecartee, "ecartee", "Écartée"},
    {EtatCandidature::annulee, "annulee", "Annulée"},
};

std::optional<std::string> fenetre_refusee(const Periode* periode, Instant now,
                                           std::string_view action) {
  if (!periode)
    return "Aucun service d'inscription n'est ouvert pour cet examen dans cette académie.";
  switch (etat_periode(*periode, now)) {
    case EtatPeriode::a_venir:
      return std::string("Le service d'inscription n'est pas encore ouvert : ") +
             std::string(action) + " sera possible à partir du " +
             format_paris_long(periode->ouverture) + " (heure de Paris).";
    case EtatPeriode::fermee:
      return std::string("Le service d'inscription est fermé depuis le ") +
             format_paris_long(periode->fermeture) + " (heure de Paris) : " + std::string(action) +
             " n'est plus possible.";
    case EtatPeriode::ouverte: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string_view code_etat(EtatCandidature etat) {
  for (const auto& e : kEtats)
    if (e.etat == etat) return e.code;
  return {};
}

std::string_view libelle_etat(EtatCandidature etat) {
  for (const auto& e : kEtats)
    if (e.etat == etat) return e.libelle;
  return {};
}

std::optional<EtatCandidature> etat_from_code(std::string_view code) {
  for (const auto& e : kEtats)
    if (e.code == code) return e.etat;
  return std::nullopt;
}

std::string numero_inscription(int rang) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", rang);
  return buf;
}

bool etat_actif(EtatCandidature etat) {
  return etat == EtatCandidature::inscrit || etat == EtatCandidature::a_completer;
}

bool visible_du_candidat(EtatCandidature etat, bool session_fermee) {
  return !session_fermee && (etat_actif(etat) || etat == EtatCandidature::annulee);
}

std::optional<std::string> inscription_refusee(const Periode* periode, Instant now) {
  return fenetre_refusee(periode, now, "l'inscription");
}

std::optional<std::string> modification_refusee(EtatCandidature etat, const Periode* periode,
                                                Instant now) {
  if (etat != EtatCandidature::inscrit && etat != EtatCandidature::a_completer)
    return std::string("Cette candidature est à l'état « ") + std::string(libelle_etat(etat)) +
           " » : elle ne peut plus être modifiée.";
  return fenetre_refusee(periode, now, "la modification");
}

std::optional<std::string> desinscription_refusee(EtatCandidature etat, bool candidat_individuel,
                                                  const Periode* periode, Instant now) {
  if (!candidat_individuel)
    return "Candidature gérée par votre établissement : seuls les candidats individuels se "
           "désinscrivent eux-mêmes. Pour vous désinscrire, adressez-vous à votre établissement.";
  if (etat != EtatCandidature::inscrit)
    return std::string("Cette candidature est à l'état « ") + std::string(libelle_etat(etat)) +
           " » : la désinscription n'est pas possible.";
  return fenetre_refusee(periode, now, "la désinscription");
}

}  // namespace examens::domain
