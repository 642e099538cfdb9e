// The office's reading of its académie's candidatures (SPEC §8): the list filed by the state
// of their pieces (kept on each candidature's row, migration 0013), paged by id, and that
// state's upkeep by every change of a piece.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/candidature.hpp"
#include "domain/controle_pieces.hpp"
#include "store/database.hpp"

namespace examens::store {

// One line of the list: the candidature and who it is.
struct LigneDossier {
  long long id = 0;
  std::string domaine;
  std::string session;
  std::string numero_inscription;
  domain::EtatCandidature etat = domain::EtatCandidature::inscrit;
  domain::EtatDossierPieces pieces = domain::EtatDossierPieces::en_attente;
  std::string numero_candidat;
  std::string nom_naissance;
  std::string nom_usage;
  std::string prenoms;
};

struct RechercheDossiers {
  std::string academie;
  // Only Inscrit candidatures in this state of their pieces; every candidature when absent.
  std::optional<domain::EtatDossierPieces> pieces;
  long long apres = 0;  // the cursor: ids above it, oldest first
  int limite = 0;
};
std::vector<LigneDossier> lire_dossiers(Unit& unit, const RechercheDossiers& recherche);

// How many Inscrit candidatures of the académie are in state `pieces`, counted up to
// `plafond` + 1 only: an académie holds a hundred thousand at national scale, and the list's
// tabs need "more than `plafond`", not the exact figure, on every page.
long long compter_dossiers(Unit& unit, const std::string& academie,
                           domain::EtatDossierPieces pieces, long long plafond);

// The candidate of a candidature, for the office's page of it.
std::optional<LigneDossier> find_dossier(Unit& unit, long long candidature_id);

void set_etat_pieces(Tx& tx, long long candidature_id, domain::EtatDossierPieces etat);

}  // namespace examens::store
