// The candidate's actions on his candidatures (SPEC §4): Enregistrer a new one or a
// modification, open a modification, unregister; and the rules the pages also show (may
// this candidature be modified, may he unregister). Each action says in its result what
// happened, and the caller (page, office, API) decides how to show it.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "actions/brouillon.hpp"
#include "actions/refus.hpp"
#include "actions/services.hpp"
#include "domain/field_errors.hpp"
#include "store/candidatures.hpp"
#include "store/comptes.hpp"

namespace examens::actions {

// ---- outcomes, shared by the actions of the wizard (actions/saisie.hpp) ----

struct ExamenIntrouvable {};       // no such exam, session (or a closed one) or académie
struct SaisieIntrouvable {};       // no such draft: registered meanwhile, or never made
struct CandidatureIntrouvable {};  // not a candidature of this account
// The candidate already holds an active candidature for this exam and session.
struct VersCandidature {
  long long id = 0;
};
// Tab `onglet` of the draft `cle` is next.
struct VersOnglet {
  std::string cle;
  int onglet = 1;
};
struct SaisieConservee {};  // "Quitter": the draft kept, the candidate back home
// What the tab shown says above its fields.
enum class Avis {
  aucun,
  verifier_dispenses,       // the acquis changed the proposed exemptions: look before going on
  categorie_etablissement,  // a category a school registers in, chosen by a candidate on his
                            // own: read why before going on
  cliquer_enregistrer,      // tab 8 passed: only Enregistrer is left
  pas_enregistree,          // Enregistrer found a tab in error: the candidature is not registered
};
// The draft's tab `onglet` is shown again, `errors` beside its fields.
struct OngletAffiche {
  Brouillon brouillon;
  int onglet = 1;
  domain::FieldErrors errors;
  Avis avis = Avis::aucun;
};
// Registered (version 1) or modified (version n+1): the candidature's id.
struct Inscrite {
  long long id = 0;
};
struct Desinscrite {};
// Unregistering refused: the candidature as it stands, and why (nullopt when it changed
// meanwhile into a state that no longer refuses).
struct DesinscriptionRefusee {
  store::Candidature candidature;
  std::optional<std::string> raison;
};

// ---- rules ----

// The candidate's active candidature for this exam and session, among `all` of his: one
// active candidature per exam and session.
std::optional<store::Candidature> candidature_active(const Services& services,
                                                     const std::vector<store::Candidature>& all,
                                                     const std::string& domaine,
                                                     const std::string& session);
// Why the candidature cannot be modified now, or nullopt.
std::optional<std::string> refus_modification(const Services& services, const store::Candidature& c,
                                              domain::Instant now);
// Why `compte` cannot unregister from the candidature now, or nullopt.
std::optional<std::string> refus_desinscription(const Services& services,
                                                const store::Compte& compte,
                                                const store::Candidature& c, domain::Instant now);

// ---- what the mails about a candidature say (this file's, the office's cancellation) ----

// The exam's name from the catalogue ("BACCALAURÉAT PROFESSIONNEL"), its code when unknown.
std::string libelle_examen(const Services& services, const std::string& domaine);
// The data every such mail names: examen, session, academie.
templates::Data mail_candidature(const Services& services, const std::string& domaine,
                                 const std::string& session, const std::string& academie);
// The office's contact block, as on the N° Inscription page: a list of lines.
templates::Data contact_academie(const Services& services, const std::string& academie);

// ---- actions ----

// Enregistrer: every tab of the draft checked again, then the candidature registered (or,
// for a modification, its version n+1) with the récapitulatif as its snapshot, its two
// documents queued for the preparer (actions/documents.hpp), and the confirmation mailed. The draft
// is the ticket: it is deleted in the same transaction, so of two Enregistrer of one draft the
// second registers nothing. `b`: the draft as the candidate left it, the fields of tab 8 merged.
// `adresse`: the client's, for the audit trail (actions/audit.hpp), as for unregistering.
using Enregistrement =
    std::variant<OngletAffiche, SaisieIntrouvable, Refus, VersCandidature, Inscrite>;
Enregistrement enregistrer_candidature(const Services& services, const store::Compte& compte,
                                       Brouillon b, const std::string& adresse,
                                       domain::Instant now);

// "Modifier": the draft of a modification, filled from the candidature's latest snapshot,
// or the one already open.
using OuvertureModification = std::variant<CandidatureIntrouvable, Refus, VersOnglet>;
OuvertureModification ouvrir_modification(const Services& services, const store::Compte& compte,
                                          long long candidature_id, domain::Instant now);

// "Se désinscrire": the state changes and the row stays, so the office sees "Désinscrit par
// le candidat"; never reactivated (a new candidature is needed). Mailed.
using Desinscription = std::variant<CandidatureIntrouvable, DesinscriptionRefusee, Desinscrite>;
Desinscription desinscrire(const Services& services, const store::Compte& compte,
                           long long candidature_id, const std::string& adresse,
                           domain::Instant now);

}  // namespace examens::actions
