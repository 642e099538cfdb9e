// What the registration space lends to other pages: the "Mes inscriptions" cards of the
// candidate's home page, and the choice of an exam shared by "Ouverture des services" and
// "M'inscrire".
#pragma once

#include "portail/portal.hpp"
#include "store/candidatures.hpp"

namespace examens::portail {

// What names a candidature on its pages: examen, session, académie, numéro, état, and the
// spécialité and établissement of its latest snapshot.
Data resume_candidature(const Portal& portal, const store::Candidature& c);

// Adds to `data` those of the logged-in candidate's candidatures `all` he sees: a list
// "cartes" and the flag "aucune_candidature".
void add_mes_inscriptions(Portal& portal, const Context& ctx,
                          const std::vector<store::Candidature>& all, Data& data);

// Adds those of the account's drafts (key, JSON) of new candidatures the candidate can still
// finish ("saisies", "a_des_saisies"), each with the address of its furthest tab.
void add_saisies_en_cours(Portal& portal, const Context& ctx,
                          const std::vector<std::pair<std::string, std::string>>& brouillons,
                          Data& data);

// Domaine → session → académie from the query (?domaine=&session=&academie=), each level
// offered as links under `base_path`; `data` holds the lists, the "Résumé de la sélection"
// and, once all three are chosen, the window sentence (partial "choix_examen").
struct ChoixExamen {
  const domain::Domaine* domaine = nullptr;
  const domain::SessionExamen* session = nullptr;  // never a closed one
  const domain::Academie* academie = nullptr;
  const domain::Periode* periode = nullptr;
  Data data;
};
ChoixExamen choix_examen(const Portal& portal, const Context& ctx, std::string_view base_path);

}  // namespace examens::portail
