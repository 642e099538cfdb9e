// The cancellation of the candidatures whose signed récapitulatif did not arrive
// (docs/decisions/0016-annulation.md): the page lists them and asks for confirmation; the form
// carries the ids listed, so that what is cancelled is what was shown; the result comes back
// on the page, after a redirect, as counts.
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

Response annulations(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  bilan_from_query(ctx);
  const auto liste = actions::candidatures_a_annuler(portal.services(), *ctx.agent, ctx.now);
  Data data;
  const auto* academie = portal.catalogue().academie(ctx.agent->academie);
  data.set("academie",
           academie ? domain::nom_courant_academie(academie->nom) : ctx.agent->academie);
  if (const auto* piece = portal.services().qualification().justificatifs.recapitulatif_signe())
    data.set("piece", piece->code);
  else
    data.set("sans_piece", true);
  Data lignes{Data::type::list};
  for (const auto& a : liste) lignes.push_back(ligne(a));
  data.set("lignes", lignes);
  data.set("aucune", liste.empty());
  data.set("nombre", nombre(liste.size(), "candidature est", "candidatures sont"));
  data.set("bouton", liste.size() > 1
                         ? "Annuler ces " + std::to_string(liste.size()) + " candidatures"
                         : "Annuler cette candidature");
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
