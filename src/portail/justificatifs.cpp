// Handlers of "Mes justificatifs": the page, Ajouter (the upload route), Supprimer, "J'ai
// fourni toutes mes pièces", and the download of a deposit by its candidate.
#include "portail/justificatifs.hpp"

#include "actions/justificatifs.hpp"
#include "domain/temps.hpp"
#include "portail/inscription.hpp"

namespace examens::portail {
namespace {

constexpr std::string_view kBase = "/inscription/";

Response introuvable(Portal& portal, Context& ctx) {
  return portal.error_page(ctx, 404, "Page non trouvée",
                           "Cette candidature ou cette pièce n'existe pas, ou elle n'est pas "
                           "accessible depuis votre compte.");
}

std::string page_de(long long id) {
  return std::string(kBase) + std::to_string(id) + "/justificatifs";
}

std::string mode_code(domain::ModeDepot mode) {
  switch (mode) {
    case domain::ModeDepot::en_ligne: return "en-ligne";
    case domain::ModeDepot::voie_postale: return "voie-postale";
    case domain::ModeDepot::autre: return "autre";
  }
  return "autre";
}

std::string horodatage(domain::Instant t) {
  return domain::format_paris_date(t) + " " + domain::format_paris_time(t);
}

// What the page shows next to a field after a refusal: the piece's code (or "valider").
struct Erreur {
  std::string cible;
  std::string message;
};

Data statut_data(const actions::PieceVue& p, domain::ModeDepot mode) {
  Data d;
  if (p.etat.statut == domain::StatutPiece::aucun) {
    if (mode != domain::ModeDepot::en_ligne) d.set("statut", "En attente de contrôle");
  } else {
    d.set("statut", std::string(domain::libelle_statut(p.etat.statut)));
  }
  if (p.etat.statut == domain::StatutPiece::conforme) d.set("conforme", true);
  if (domain::rouvre_piece(p.etat.statut)) d.set("a_reprendre", true);
  if (p.etat.statut == domain::StatutPiece::recue && p.date_reception)
    d.set("date_reception", domain::format_paris_date(*p.date_reception));
  if (!p.commentaire.empty()) d.set("commentaire", p.commentaire);
  return d;
}

Data piece_data(const actions::PieceVue& p, const actions::GroupeVue& g, long long id,
                const Erreur& erreur) {
  Data d = statut_data(p, g.mode);
  d.set("code", p.code);
  d.set("libelle", p.libelle);
  d.set("en_ligne", g.mode == domain::ModeDepot::en_ligne);
  Data depots{Data::type::list};
  for (const auto& depot : p.depots) {
    Data f;
    f.set("nom", depot.nom);
    f.set("url", page_de(id) + "/fichiers/" + std::to_string(depot.id));
    f.set("supprimer", page_de(id) + "/fichiers/" + std::to_string(depot.id) + "/supprimer");
    f.set("depose_le", horodatage(depot.depose_le));
    if (p.etat.valide_le) f.set("valide_le", horodatage(*p.etat.valide_le));
    if (p.modifiable) f.set("supprimable", true);
    depots.push_back(f);
  }
  d.set("aucun_fichier", depots.is_empty_list());
  d.set("depots", depots);
  if (p.modifiable) {
    d.set("modifiable", true);
    d.set("action", page_de(id) + "/pieces/" + p.code);
  }
  if (erreur.cible == p.code) d.set("erreur", erreur.message);
  return d;
}

Response page(Portal& portal, Context& ctx, const actions::MesJustificatifs& m,
              const Erreur& erreur = {}, int status = 200) {
  Data data = resume_candidature(portal, m.candidature);
  data.set("formats", std::string(domain::kFormatsPiece));
  data.set("taille_max", std::string(domain::kTaillePieceAffichee));
  Data groupes{Data::type::list};
  int numero = 0;
  for (const auto& g : m.groupes) {
    Data gd;
    gd.set("numero", std::to_string(++numero));
    gd.set("mode", mode_code(g.mode));
    gd.set("phrase", g.phrase);
    gd.set("en_ligne", g.mode == domain::ModeDepot::en_ligne);
    if (g.mode == domain::ModeDepot::en_ligne && !g.fenetre_ouverte) gd.set("fermee", true);
    if (g.validable) gd.set("validable", true);
    if (g.validable) gd.set("valider", page_de(m.candidature.id) + "/valider");
    if (erreur.cible == "valider" && g.mode == domain::ModeDepot::en_ligne)
      gd.set("erreur_validation", erreur.message);
    Data pieces{Data::type::list};
    for (const auto& p : g.pieces) pieces.push_back(piece_data(p, g, m.candidature.id, erreur));
    gd.set("pieces", pieces);
    groupes.push_back(gd);
  }
  data.set("aucune_piece", groupes.is_empty_list());
  data.set("groupes", groupes);
  if (ctx.req.query_param("depose"))
    ctx.alerts.push_back({"success", "", "Votre fichier est déposé."});
  if (ctx.req.query_param("supprime"))
    ctx.alerts.push_back({"success", "", "Le fichier est supprimé."});
  if (ctx.req.query_param("valide"))
    ctx.alerts.push_back({"success", "Vos pièces sont validées",
                          "Elles ne sont plus modifiables et vont être étudiées par le service "
                          "des examens."});
  return portal.page(ctx, "inscription/justificatifs", "Mes justificatifs", std::move(data),
                     status);
}

// GET /inscription/{id}/justificatifs
Response mes_justificatifs(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  auto m = id ? actions::mes_justificatifs(portal.services(), ctx.compte->id, *id, ctx.now)
              : std::nullopt;
  if (!m) return introuvable(portal, ctx);
  return page(portal, ctx, *m);
}

// The page again with the refusal next to its field; nothing was stored.
Response refus(Portal& portal, Context& ctx, long long id, Erreur erreur) {
  auto m = actions::mes_justificatifs(portal.services(), ctx.compte->id, id, ctx.now);
  if (!m) return introuvable(portal, ctx);
  return page(portal, ctx, *m, erreur, 422);
}

// POST /inscription/{id}/justificatifs/pieces/{code} (multipart): Ajouter.
Response ajouter(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  if (!id) return introuvable(portal, ctx);
  const std::string code = ctx.req.params.at("code");
  const http::UploadedFile* fichier = nullptr;
  for (const auto& f : ctx.req.files)
    if (f.field == "fichier") fichier = &f;
  if (!fichier) return refus(portal, ctx, *id, {code, "Choisissez un fichier à déposer."});
  auto issue =
      actions::deposer_piece(portal.services(), ctx.compte->id, *id, code,
                             {fichier->path, fichier->filename}, ctx.req.remote_address, ctx.now);
  if (std::holds_alternative<actions::Introuvable>(issue)) return introuvable(portal, ctx);
  if (auto* r = std::get_if<actions::Refus>(&issue))
    return refus(portal, ctx, *id, {code, std::move(r->raison)});
  return Response::redirect(page_de(*id) + "?depose=1#piece-" + code);
}

// POST /inscription/{id}/justificatifs/fichiers/{depot}/supprimer
Response supprimer(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  const auto depot = identifiant(ctx.req, "depot");
  if (!id || !depot) return introuvable(portal, ctx);
  auto issue = actions::supprimer_depot(portal.services(), ctx.compte->id, *id, *depot,
                                        ctx.req.remote_address, ctx.now);
  if (std::holds_alternative<actions::Introuvable>(issue)) return introuvable(portal, ctx);
  if (auto* r = std::get_if<actions::Refus>(&issue))
    return refus(portal, ctx, *id, {"valider", std::move(r->raison)});
  return Response::redirect(page_de(*id) + "?supprime=1");
}

// POST /inscription/{id}/justificatifs/valider: "J'ai fourni toutes mes pièces".
Response valider(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  if (!id) return introuvable(portal, ctx);
  auto issue = actions::valider_pieces(portal.services(), ctx.compte->id, *id,
                                       ctx.req.remote_address, ctx.now);
  if (std::holds_alternative<actions::Introuvable>(issue)) return introuvable(portal, ctx);
  if (auto* r = std::get_if<actions::Refus>(&issue))
    return refus(portal, ctx, *id, {"valider", std::move(r->raison)});
  return Response::redirect(page_de(*id) + "?valide=1");
}

// GET /inscription/{id}/justificatifs/fichiers/{depot}: the file, to its candidate only.
Response telecharger(Portal& portal, Context& ctx) {
  const auto id = identifiant(ctx.req, "id");
  const auto depot = identifiant(ctx.req, "depot");
  if (!ctx.compte || !id || !depot) return introuvable(portal, ctx);
  auto issue = actions::fichier_depot(portal.services(), actions::DemandeCandidat{ctx.compte->id},
                                      *id, *depot);
  auto* fichier = std::get_if<actions::FichierPiece>(&issue);
  if (!fichier) return introuvable(portal, ctx);
  return reponse_fichier(*fichier);
}

}  // namespace

Response reponse_fichier(const actions::FichierPiece& fichier) {
  Response r;
  r.file_path = fichier.chemin.string();
  r.set_header("Content-Type", fichier.type_mime);
  r.set_header("Content-Disposition", "inline; filename=\"" + fichier.nom + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

bool upload_route(const Request& head) {
  if (head.method != Method::post || !head.path.starts_with(kBase)) return false;
  // /inscription/{id}/justificatifs/pieces/{code}
  std::vector<std::string_view> parts;
  std::string_view rest(head.path);
  rest.remove_prefix(kBase.size());
  for (std::size_t slash; (slash = rest.find('/')) != std::string_view::npos;) {
    parts.push_back(rest.substr(0, slash));
    rest.remove_prefix(slash + 1);
  }
  parts.push_back(rest);
  return parts.size() == 4 && !parts[0].empty() && parts[1] == "justificatifs" &&
         parts[2] == "pieces" && !parts[3].empty();
}

void add_justificatifs_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/inscription/{id}/justificatifs", mes_justificatifs);
  r.add(Method::post, "/inscription/{id}/justificatifs/pieces/{code}", ajouter);
  r.add(Method::post, "/inscription/{id}/justificatifs/valider", valider);
  r.add(Method::get, "/inscription/{id}/justificatifs/fichiers/{depot}", telecharger);
  r.add(Method::post, "/inscription/{id}/justificatifs/fichiers/{depot}/supprimer", supprimer);
}

}  // namespace examens::portail
