// The wizard's tabs 1 to 8 as pages (docs/decisions/0004-wizard.md): the template data of
// each tab computed from the draft, and the page of each outcome of the wizard's actions.
// The routes are in saisie.cpp, the rules and writes in actions/saisie.hpp.
#pragma once

#include <string>

#include "actions/saisie.hpp"
#include "domain/field_errors.hpp"
#include "portail/portal.hpp"

namespace examens::portail {

using actions::Brouillon;

std::string onglet_href(const std::string& cle, int onglet);
// The tab's address as the answer to a submission that kept the candidate on it: the query
// says to check the tab again and which notice to show (see affichage_of).
std::string onglet_href(const std::string& cle, int onglet, const actions::Affichage& affichage);
// What the query of a tab's address asks it to show.
actions::Affichage affichage_of(const Request& request);

// Tab `onglet` of the draft, with `errors` beside its fields.
Response onglet_page(Portal& portal, Context& ctx, const Brouillon& b, int onglet,
                     const domain::FieldErrors& errors);

// The answer to each outcome of the wizard's actions: std::visit(Rendu{portal, ctx}, issue).
struct Rendu {
  Portal& portal;
  Context& ctx;
  Response operator()(const actions::ExamenIntrouvable&) const;
  Response operator()(const actions::SaisieIntrouvable&) const;
  Response operator()(const actions::CandidatureIntrouvable&) const;
  Response operator()(const actions::Refus& refus) const;
  Response operator()(const actions::VersCandidature& candidature) const;
  Response operator()(const actions::VersOnglet& vers) const;
  Response operator()(const actions::SaisieConservee&) const;
  // Answering a POST, a redirect to the tab's address (Post/Redirect/Get: the history then
  // holds only GETs, which the browser's Back reloads without asking to send a form again);
  // answering a GET, the tab, with its errors and its notice.
  Response operator()(const actions::OngletAffiche& affiche) const;
  Response operator()(const actions::Inscrite& inscrite) const;
};

}  // namespace examens::portail
