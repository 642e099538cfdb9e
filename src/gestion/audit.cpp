// The audit trail's page (SPEC §8): an administrateur reads his académie's entries, newest
// first, filtered by candidature or by staff member. Anyone else gets the unknown page.
#include "actions/audit.hpp"

#include <cctype>

#include "domain/agents.hpp"
#include "domain/audit.hpp"
#include "domain/temps.hpp"
#include "gestion/gestion.hpp"

namespace examens::gestion {
namespace {

using portail::Context;
using portail::Data;
using portail::FieldSpec;
using portail::FormView;
using portail::Method;
using portail::Portal;
using portail::Response;

constexpr FieldSpec kCandidature{
    "candidature",
    "Candidature",
    "Son identifiant, ou le numéro de candidat suivi du N° d'inscription (ex. : "
    "12345678901-001)",
    "text",
    "off",
    false};
constexpr FieldSpec kAgent{"agent",
                           "Agent",
                           "Son adresse mail, pour ce qu'il a fait et ce qui "
                           "le concerne",
                           "email",
                           "off",
                           false};

// A query string's value, percent-encoded but for the unreserved characters.
std::string encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string auteur(const store::LigneAudit& l) {
  const auto& e = l.entree;
  if (e.acteur == domain::kActeurAgent)
    return e.acteur_id ? "Agent " + l.acteur_email : "Personne non identifiée";
  if (e.acteur == domain::kActeurCandidat && !l.numero_candidat.empty())
    return "Candidat n° " + l.numero_candidat;
  return std::string(domain::libelle_acteur(e.acteur).value_or(e.acteur));
}

std::string sujet(const store::LigneAudit& l) {
  const auto& e = l.entree;
  if (e.candidature_id)
    return l.numero_candidat.empty()
               ? "Candidature " + std::to_string(*e.candidature_id)
               : "Candidature " + l.numero_candidat + "-" + l.numero_inscription;
  if (e.agent_id) return "Agent " + l.agent_email;
  return "";
}

Data ligne(const store::LigneAudit& l) {
  const auto& e = l.entree;
  Data d;
  d.set("quand", domain::format_paris_datetime(e.quand));
  d.set("action", std::string(domain::libelle_action(e.action).value_or(e.action)));
  d.set("auteur", auteur(l));
  d.set("sujet", sujet(l));
  d.set("avant", actions::decrire_etat(e.avant));
  d.set("apres", actions::decrire_etat(e.apres));
  d.set("adresse", e.adresse);
  return d;
}

Response audit(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  const auto query = [&ctx](std::string_view name) {
    return std::string(ctx.req.query_param(name).value_or(""));
  };
  const actions::FiltresAudit filtres{query("candidature"), query("agent"), query("avant")};
  const auto page = actions::consulter_audit(portal.services(), *ctx.agent, filtres);
  // The page exists for administrateurs only: to anyone else it is unknown.
  if (!page)
    return portal.error_page(
        ctx, 404, "Page non trouvée",
        "La page que vous cherchez est introuvable. Vérifiez l'adresse saisie.");
  FormView view(page->errors);
  view.field(kCandidature, filtres.candidature);
  view.field(kAgent, filtres.agent);
  Data data = view.data();
  Data lignes{Data::type::list};
  for (const auto& l : page->lignes) lignes.push_back(ligne(l));
  data.set("lignes", lignes);
  data.set("aucune", page->errors.empty() && page->lignes.empty());
  data.set("erreurs", !page->errors.empty());
  const std::string filtre =
      "candidature=" + encode(filtres.candidature) + "&agent=" + encode(filtres.agent);
  if (page->plus_anciennes)
    data.set("plus_anciennes",
             "/gestion/audit?" + filtre + "&avant=" + std::to_string(*page->plus_anciennes));
  const bool plus_recentes = domain::lire_curseur(filtres.avant).has_value();
  if (plus_recentes) data.set("plus_recentes", "/gestion/audit?" + filtre);
  data.set("pagination", plus_recentes || page->plus_anciennes);
  const domain::Academie* academie = portal.catalogue().academie(ctx.agent->academie);
  data.set("academie",
           academie ? domain::nom_courant_academie(academie->nom) : ctx.agent->academie);
  return portal.page(ctx, "gestion/audit", "Journal d'audit", std::move(data),
                     page->errors.empty() ? 200 : 422);
}

}  // namespace

void add_audit_routes(portail::Router<portail::RouteHandler>& r) {
  r.add(Method::get, "/gestion/audit", audit);
}

}  // namespace examens::gestion
