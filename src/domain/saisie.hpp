// The registration wizard (SPEC §4): its tabs, their fields and their checks. The draft is
// a flat map of field values, kept server-side between requests; the tabs that depend on the
// spécialité (3 to 6) turn it into the qualification's terms (domain/qualification.hpp).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/compte.hpp"
#include "domain/field_errors.hpp"
#include "domain/qualification.hpp"

namespace examens::domain {

// Field name -> values (a checkbox group gives several).
using Champs = std::map<std::string, std::vector<std::string>>;

// A candidature as the wizard holds it: where it is made, and the typed values.
struct DossierSaisi {
  std::string domaine;
  std::string session;
  std::string academie;
  Champs champs;
};

std::string valeur(const Champs& champs, const std::string& nom);
// Whether `v` is among the values of `nom` (a checkbox group).
bool contient(const Champs& champs, const std::string& nom, std::string_view v);

// "0623456789" or "+33623456789" (spaces, dots and dashes between digits are ignored);
// other countries' numbers as "+" and 8 to 15 digits.
bool is_valid_telephone(std::string_view telephone);
std::string normalize_telephone(std::string_view telephone);

// Tab 1: the registration terms accepted.
FieldErrors valider_modalites(const Champs& champs);
// Tab 2: postal address, nationality, telephones (the account's identity is read-only here).
FieldErrors valider_identification(const Champs& champs, const ReferenceLookup& ref);
// Tab 8: the commitment of the seed's "Conditions d'inscription" checked.
FieldErrors valider_conditions(const Champs& champs);

// How long a draft outlives its window's closing before the purge deletes it: an office may
// extend a window after drafts recorded its first closing instant, and a candidate must not
// lose what he typed to that.
inline constexpr auto kConservationBrouillon = std::chrono::days(30);

// The tabs as the seed numbers them: 1 to 8 are the wizard (DSFR's stepper shows 8 steps at
// most), 9 "N° Inscription" is the page shown once the candidature is registered.
inline constexpr int kOngletInformations = 3;
inline constexpr int kOngletAcquis = 5;
inline constexpr int kOngletRecapitulatif = 7;
inline constexpr int kOngletConditions = 8;
inline constexpr int kOngletNumero = 9;
std::string_view titre_onglet(int onglet);  // "Modalités d'inscription"…, empty outside 1..9

// What the checks of tabs 2 to 6 need besides the typed values.
struct ContexteSaisie {
  const Catalogue& catalogue;
  const CatalogueQualification& qualification;
  const ReferenceLookup& reference;
  std::string domaine;   // "BCP"
  std::string academie;  // "GUY", the académie of residence chosen before tab 1
  int annee_courante = 0;
};

// Fields of tab 3 ("Informations candidature"): categorie, situation, amenagement_duree,
// etablissement, handicap, csp (optional), diffusion_presse, diffusion_collectivites;
// the Oui/Non questions take "oui" or "non".
// Tab 4 ("Qualification présentée"): specialite, section_langue, forme_passage, derogation.
// Tab 5 ("Acquis"): acquis_types (deja_presente, autre_specialite, autre_diplome, vae);
// <type>_annee and <type>_academie for the first two; diplomes (codes) with
// acquis.<code>.annee and acquis.<code>.academie; dispenses_affichees (the exemptions the
// page proposed) and dispenses (those left checked); dispenses_vae (épreuve codes).
// Tab 6 ("Epreuves"): position.<code> ("inscrit" or "non_inscrit") of each facultative,
// choix.<code> for each épreuve asking a language or a country.

// Whether field `nom` belongs to tab `onglet`: a tab's submission replaces exactly its
// own fields (an unchecked box sends nothing), never another tab's.
bool champ_de_onglet(int onglet, std::string_view nom);

// What tab `onglet` keeps of the typed values, in the form the pages show and the checks
// expect: a French postal code typed in two groups ("97 300") becomes 97300. Values that are
// not recognised stay as typed, for the checks to name.
void normaliser_onglet(int onglet, Champs& champs);

// The qualification's terms of what was typed in tabs 3 to 6.
DossierEpreuves dossier_epreuves(const Champs& champs);

// The acquis decide which exemptions tab 5 proposes: when they change, new proposals start
// checked and those the candidate unchecked (to sit them again) stay unchecked while still
// proposed. Rewrites dispenses_affichees and dispenses; true when the proposals changed, so
// the page shows them again before going on.
bool actualiser_dispenses(Champs& champs, const ContexteSaisie& contexte);

// The forme de passage finale of tab 4, derived (the office has not decided a dérogation
// yet when the candidate registers).
FormePassageFinale forme_passage_finale(const Champs& champs, const ContexteSaisie& contexte);

// The checks of one tab (1 to 8; tab 7 has nothing to check), errors next to its fields.
FieldErrors valider_onglet(int onglet, const Champs& champs, const ContexteSaisie& contexte);

// The category chosen in `champs` when it is one a school registers its candidates in
// (SCOLAIRE…, APPRENTI…: "individuel non" in the catalogue); nullptr when none is chosen or
// it is an individual one. A candidate who picks it while registering on his own is told
// that his school manages such a candidature.
const Categorie* categorie_d_etablissement(const CatalogueQualification& qualification,
                                           const std::string& domaine, const Champs& champs);

// Only an individual candidate unregisters himself: the category he registered in (`champs`
// of his candidature) says he registers on his own (INDIVIDUEL, ENSEIGNEMENT A DISTANCE…),
// and his account is his own, not the login id a school gave (`compte_d_etablissement`). A
// school's candidates ask their school.
bool candidat_individuel(const CatalogueQualification& qualification, const std::string& domaine,
                         const Champs& champs, bool compte_d_etablissement);

}  // namespace examens::domain
