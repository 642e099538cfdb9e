// The wizard's tabs 1 to 8 as pages (docs/decisions/0004-wizard.md): the draft between
// requests, and the template data of each tab computed from it. The routes that save, check
// and register are in saisie.cpp.
#pragma once

#include <string>

#include "domain/field_errors.hpp"
#include "domain/saisie.hpp"
#include "portail/portal.hpp"
#include "portail/recapitulatif.hpp"

namespace examens::portail {

// The wizard's state between requests, stored as JSON under its key.
struct Brouillon {
  std::string cle;
  DossierSaisi dossier;
  long long candidature = 0;  // the candidature being modified, 0 for a new one
  int atteint = 1;            // the furthest tab reached
};

int annee_courante(const Context& ctx);
domain::ContexteSaisie contexte_of(const Portal& portal, const Context& ctx, const DossierSaisi& d);
std::string onglet_href(const std::string& cle, int onglet);

// Tab `onglet` of the draft, with `errors` beside its fields.
Response onglet_page(Portal& portal, Context& ctx, const Brouillon& b, int onglet,
                     const domain::FieldErrors& errors, int status);

}  // namespace examens::portail
