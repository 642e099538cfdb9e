// Reads and validates the catalogue of pièces justificatives (data/catalogue): part of the
// qualification's files, loaded by load_qualification with the same all-or-nothing rule.
#pragma once

#include <vector>

#include "catalogue/csv.hpp"
#include "domain/catalogue.hpp"
#include "domain/qualification.hpp"

namespace examens::catalogue {

// The files (';'-separated, a header line, '#' comments; dates in Paris time
// "AAAA-MM-JJ HH:MM"):
//   pieces.csv            code;libelle;mode;role      (mode: en_ligne | voie_postale | autre;
//                         role: empty, or recapitulatif_signe on one piece at most)
//   pieces_requises.csv   domaine;categories;condition;pieces
//                         (categories: codes of the domaine's categories, space-separated,
//                         empty for all; condition: toujours | handicap | amenagement_duree |
//                         derogation | deja_presente | autre_specialite | autre_diplome | vae;
//                         pieces: codes of pieces.csv, space-separated)
//   depots_pieces.csv     domaine;session;academie;mode;debut;fin
//                         (academie: a code or * for the others; debut may be empty)
// Every période d'inscription of `base` must have a window, its académie's or "*", for each
// mode of the pieces its domaine's rules require: a candidate is never told "no deadline".
// `qualification` gives the categories; the result goes to `qualification.justificatifs`.
void read_justificatifs(const Files& files, const domain::Catalogue& base,
                        domain::CatalogueQualification& qualification,
                        std::vector<LoadError>& errors);

}  // namespace examens::catalogue
