// The cancellation of the candidatures whose signed récapitulatif did not arrive
// (docs/decisions/0016-annulation.md): the page lists them, 50 at a time, oldest first, and
// asks for confirmation; the form carries the ids of the page, so that what is cancelled is
// what was shown; the result comes back on the first page, after a redirect, as counts.
#include "actions/annulation.hpp"

#include <charconv>

#include "domain/agents.hpp"
#include "domain/temps.hpp"
#include "gestion/gestion.hpp"

namespace examens::gestion {
namespace {

using portail::Context;
using portail::Data;
using portail::Method;
using portail::Portal;
using portail::Response;

constexpr std::string_view kPage = "/gestion/annulations";

std::string nombre(std::size_t n, std::string_view singulier, std::string_view pluriel) {
  return std::to_string(n) + " " + std::string(n > 1 ? pluriel : singulier);
}

Data ligne(const actions::CandidatureAAnnuler& a) {
  Data d;
  d.set("id", std::to_string(a.id));
  d.set("numeros", a.numero_candidat + "-" + a.numero_inscription);
  d.set("nom", a.nom);
  d.set("examen", a.examen);
  d.set("session", a.session);
  d.set("date_limite", domain::format_paris_datetime(a.date_limite));
  return d;
}

// The counts the redirect after the POST carries, as alerts.
void bilan_from_query(Context& ctx) {
  const auto compte = [&ctx](std::string_view name) {
    const auto v = ctx.req.query_param(name).value_or("");
    std::size_t n = 0;
    std::from_chars(v.data(), v.data() + v.size(), n);
    return n;
  };
  const std::size_t annulees = compte("annulees");
  const std::size_t ignorees = compte("ignorees");
  if (!ctx.req.query_param("annulees")) return;
  if (annulees == 0 && ignorees == 0)
    ctx.alerts.push_back({"info", "Aucune candidature n'a été annulée.", ""});
  if (annulees > 0)
    ctx.alerts.push_back({"success",
                          nombre(annulees, "candidature annulée", "candidatures annulées") +
                              "\u202F; chaque candidat est prévenu par mail.",
                          ""});
  if (ignorees > 0)
    ctx.alerts.push_back(
        {"warning",
         nombre(ignorees, "candidature confirmée n'a pas été annulée",
                "candidatures confirmées n'ont pas été annulées"),
         std::string(ignorees > 1 ? "Elles ne remplissaient" : "Elle ne remplissait") +
             " plus les conditions au moment de l'annulation (récapitulatif reçu entre-temps, "
             "désinscription, annulation par un autre agent) ou ne " +
             (ignorees > 1 ? "relèvent" : "relève") + " pas de votre académie."});
}

// How many the académie has to cancel, and how the page shows them.
void decompte_page(Data& data, const actions::PageAnnulations& page, bool suite) {
  const std::size_t n = page.lignes.size();
  data.set("nombre", decompte(page.nombre) + (page.nombre > 1 ? " candidatures" : " candidature"));
  data.set("bouton", n > 1 ? "Annuler ces " + std::to_string(n) + " candidatures"
                           : "Annuler cette candidature");
  if (suite) data.set("premiere", std::string(kPage));
  if (page.suivante)
    data.set("suivante", std::string(kPage) + "?apres=" + std::to_string(*page.suivante));
  data.set("pagination", suite || page.suivante);
}

Response annulations(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  bilan_from_query(ctx);
  const std::string apres(ctx.req.query_param("apres").value_or(""));
  const auto page = actions::candidatures_a_annuler(portal.services(), *ctx.agent, apres, ctx.now);
  Data data;
  const auto* academie = portal.catalogue().academie(ctx.agent->academie);
  data.set("academie",
           academie ? domain::nom_courant_academie(academie->nom) : ctx.agent->academie);
  if (const auto* piece = portal.services().qualification().justificatifs.recapitulatif_signe())
    data.set("piece", piece->code);
  else
    data.set("sans_piece", true);
  Data lignes{Data::type::list};
  for (const auto& a : page.lignes) lignes.push_back(ligne(a));
  data.set("lignes", lignes);
  // A later page may be empty (its rows cancelled meanwhile): it says so and leads back.
  data.set("liste", !page.lignes.empty());
  data.set("aucune", page.lignes.empty() && !page.suivante && apres.empty());
  decompte_page(data, page, !apres.empty());
  return portal.page(ctx, "gestion/annulation", "Annulation des candidatures", std::move(data));
}

Response annuler(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  std::vector<long long> ids;
  std::size_t illisibles = 0;
  for (const auto v : ctx.req.fields("candidature")) {
    long long id = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (ec == std::errc() && end == v.data() + v.size())
      ids.push_back(id);
    else
      ++illisibles;
  }
  const auto bilan = actions::annuler_candidatures(portal.services(), *ctx.agent, ids,
                                                   ctx.req.remote_address, ctx.now);
  return Response::redirect(std::string(kPage) +
                            "?annulees=" + std::to_string(bilan.annulees.size()) +
                            "&ignorees=" + std::to_string(bilan.ignorees + illisibles));
}

}  // namespace

void add_annulation_routes(portail::Router<portail::RouteHandler>& r) {
  r.add(Method::get, kPage, annulations);
  r.add(Method::post, kPage, annuler);
}

}  // namespace examens::gestion
