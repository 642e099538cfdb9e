// Reads and validates the qualification's data files (data/catalogue: spécialités, épreuves,
// catégories, établissements, acquis…). All or nothing, like load_catalogue: any bad line
// refuses the whole set, with file, line and reason.
#pragma once

#include <optional>
#include <vector>

#include "catalogue/fichiers.hpp"
#include "domain/catalogue.hpp"
#include "domain/qualification.hpp"

namespace examens::catalogue {

struct QualificationLoadResult {
  std::optional<domain::CatalogueQualification> qualification;  // set when `errors` is empty
  std::vector<LoadError> errors;
};

// The files, ';'-separated with a header line naming the columns; '#' starts a comment line.
// Domaines and académies are those of `base` (load_catalogue on the same directory).
//   specialites.csv       domaine;code;libelle
//   epreuves.csv          specialite;code;parent;libelle;unite;nature;groupe;mode_ccf;
//                         mode_ponctuel;choix
//                         (in display order, a parent before its children and of the same
//                         nature and groupe; nature: obligatoire | facultative; groupe: 1 | 2;
//                         modes: ccf | ponctuel | empty, every leaf has both;
//                         choix: langue | pays | empty)
//   formes_passage.csv    code;libelle
//   categories.csv        domaine;code;libelle;individuel;regime;formes
//                         (individuel: oui | non; regime: ccf | ponctuel; formes: codes of
//                         formes_passage.csv separated by spaces, the first the default)
//   situations.csv        code;libelle
//   sections_langue.csv   code;libelle
//   csp.csv               code;libelle
//   etablissements.csv    uai;nom;commune;academie;pseudo     (pseudo: oui | non)
//   types_acquis.csv      domaine;type;libelle
//                         (type: deja_presente | autre_specialite | autre_diplome | vae)
//   acquis.csv            domaine;code;intitule;precision;depuis
//   acquis_dispenses.csv  domaine;diplome;specialite;epreuves  (épreuve codes, space-separated)
//   choix_epreuves.csv    nature;code;libelle                  (nature: langue | pays)
//   pieces.csv, pieces_requises.csv, depots_pieces.csv: catalogue/justificatifs_fichiers.hpp
QualificationLoadResult load_qualification(const Files& files, const domain::Catalogue& base);

}  // namespace examens::catalogue
