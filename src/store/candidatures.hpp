// Storage of candidatures, their versions and the wizard's drafts. Numbering and
// versioning are single atomic updates, safe when requests race on any backend.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/candidature.hpp"
#include "domain/clock.hpp"
#include "store/database.hpp"

namespace examens::store {

struct Candidature {
  long long id = 0;
  long long compte_id = 0;
  std::string domaine;
  std::string session;
  std::string academie;
  std::string numero_inscription;  // "001"
  domain::EtatCandidature etat = domain::EtatCandidature::inscrit;
  int version = 1;
  std::string donnees;  // JSON snapshot of what the récapitulatif shows
  domain::Instant cree_le{};
  domain::Instant modifie_le{};
};

// Registers a new candidature (state Inscrit, version 1, numbered next for the candidate)
// inside the caller's transaction, with its version-1 snapshot. Returns it. Throws Duplicate
// when the candidate already holds an active candidature
// for this exam and session, even one committed by a racing request.
Candidature insert_candidature(Tx& tx, long long compte_id, const std::string& domaine,
                               const std::string& session, const std::string& academie,
                               const std::string& donnees, domain::Instant now);

// Saves a modification: version n+1 with its snapshot. Returns the new version, or nullopt
// when the candidature is no longer in a state that can be modified (changed meanwhile).
std::optional<int> save_modification(Tx& tx, long long candidature_id, const std::string& donnees,
                                     domain::Instant now);

// Unregistration by the candidate: the state changes from Inscrit, the row stays. False
// when the candidature was no longer Inscrit (changed meanwhile): nothing is written.
bool mark_desinscrite(Tx& tx, long long candidature_id, domain::Instant now);

std::optional<Candidature> find_candidature(Unit& unit, long long compte_id, long long id);
std::vector<Candidature> candidatures_of(Unit& unit, long long compte_id);
// Whoever's it is: for the office, whose caller checks the académie.
std::optional<Candidature> find_candidature_by_id(Unit& unit, long long id);
// The id of the candidature numbered `numero_inscription` ("001") of the account whose
// numéro candidat is given.
std::optional<long long> candidature_id_by_numeros(Unit& unit, const std::string& numero_candidat,
                                                   const std::string& numero_inscription);
std::optional<std::string> version_snapshot(Unit& unit, long long candidature_id, int version);

// Drafts: the whole wizard state as JSON under a key of the account.
// `ferme_le`: the closing instant of the draft's window, after which it is useless.
void save_brouillon(Writer& w, long long compte_id, const std::string& cle,
                    const std::string& donnees, domain::Instant now, domain::Instant ferme_le);
// Deletes the drafts whose window closed at or before `cutoff`. Returns how many.
int purge_brouillons(Tx& tx, domain::Instant cutoff);
std::optional<std::string> load_brouillon(Unit& unit, long long compte_id, const std::string& cle);
// True when this call deleted it: of two racing Enregistrer of one draft, only one gets it.
bool delete_brouillon(Tx& tx, long long compte_id, const std::string& cle);

}  // namespace examens::store
