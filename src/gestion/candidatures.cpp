// The office's pièces control (SPEC §6, §8): the list of its académie's candidatures by the
// state of their pieces, one candidature's pieces with the files to open, a piece's status
// set with its comment, a validated group reopened. Another académie's candidature is
// unknown (404).

#include "actions/controle.hpp"
#include "domain/compte.hpp"
#include "domain/temps.hpp"
#include "gestion/gestion.hpp"
#include "portail/inscription.hpp"
#include "portail/justificatifs.hpp"

namespace examens::gestion {
namespace {

using portail::Context;
using portail::Data;
using portail::Method;
using portail::Portal;
using portail::Response;

constexpr std::string_view kListe = "/gestion/candidatures";

std::string page_de(long long id) {
  return std::string(kListe) + "/" + std::to_string(id);
}

Response introuvable(Portal& portal, Context& ctx) {
  return portal.error_page(ctx, 404, "Page non trouvée",
                           "Cette candidature ou cette pièce n'existe pas, ou elle ne relève pas "
                           "de votre académie.");
}

std::string horodatage(domain::Instant t) {
  return domain::format_paris_date(t) + " " + domain::format_paris_time(t);
}

std::string badge_pieces(domain::EtatDossierPieces etat) {
  switch (etat) {
    case domain::EtatDossierPieces::a_controler: return "new";
    case domain::EtatDossierPieces::non_conforme: return "error";
    case domain::EtatDossierPieces::complet: return "success";
    case domain::EtatDossierPieces::en_attente: return "info";
  }
  return "";
}

// ---- the list ----

constexpr domain::EtatDossierPieces kFiltres[] = {
    domain::EtatDossierPieces::a_controler, domain::EtatDossierPieces::non_conforme,
    domain::EtatDossierPieces::en_attente, domain::EtatDossierPieces::complet};

std::string_view libelle_filtre(domain::EtatDossierPieces etat) {
  switch (etat) {
    case domain::EtatDossierPieces::a_controler: return "À contrôler";
    case domain::EtatDossierPieces::non_conforme: return "Non conformes";
    case domain::EtatDossierPieces::en_attente: return "En attente du candidat";
    case domain::EtatDossierPieces::complet: return "Complètes";
  }
  return "";
}

Data filtres(const actions::ListeDossiers& liste) {
  Data out{Data::type::list};
  for (const auto etat : kFiltres) {
    long long nombre = 0;
    for (const auto& [e, n] : liste.decomptes)
      if (e == etat) nombre = n;
    Data f;
    f.set("libelle", std::string(libelle_filtre(etat)) + " (" + decompte(nombre) + ")");
    f.set("url", std::string(kListe) + "?pieces=" + std::string(domain::code_etat_dossier(etat)));
    f.set("actif", liste.filtre == etat);
    out.push_back(f);
  }
  Data toutes;
  toutes.set("libelle", "Toutes les candidatures");
  toutes.set("url", std::string(kListe) + "?pieces=" + std::string(actions::kToutesCandidatures));
  toutes.set("actif", !liste.filtre);
  out.push_back(toutes);
  return out;
}

Data ligne_liste(const Portal& portal, const store::LigneDossier& l) {
  const auto& catalogue = portal.catalogue();
  Data d;
  d.set("url", page_de(l.id));
  d.set("numeros", l.numero_candidat + "-" + l.numero_inscription);
  d.set("nom", domain::nom_affiche(l.nom_naissance, l.nom_usage, l.prenoms));
  const auto* domaine = catalogue.domaine(l.domaine);
  d.set("examen", domaine ? domaine->libelle : l.domaine);
  const auto* session = catalogue.session(l.domaine, l.session);
  d.set("session", session ? session->libelle : l.session);
  d.set("etat", std::string(domain::libelle_etat(l.etat)));
  // The pieces of a candidature no longer Inscrit are not the office's work.
  if (l.etat == domain::EtatCandidature::inscrit) {
    d.set("pieces", std::string(domain::libelle_etat_dossier(l.pieces)));
    d.set("badge", badge_pieces(l.pieces));
  }
  return d;
}

constexpr portail::FieldSpec kRecherche{
    "recherche",
    "Rechercher une candidature",
    "Le numéro de candidat suivi du N° d'inscription (ex. : 12345678901-001)",
    "text",
    "off",
    false};

Response liste(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  const auto query = [&ctx](std::string_view name) {
    return std::string(ctx.req.query_param(name).value_or(""));
  };
  const std::string recherche = query("recherche");
  domain::FieldErrors errors;
  const auto trouvee = actions::chercher_dossier(portal.services(), *ctx.agent, recherche);
  if (const auto* id = std::get_if<long long>(&trouvee)) return Response::redirect(page_de(*id));
  if (const auto* message = std::get_if<std::string>(&trouvee)) errors.add("recherche", *message);
  const auto l =
      actions::lister_dossiers(portal.services(), *ctx.agent, {query("pieces"), query("apres")});
  portail::FormView view(errors);
  view.field(kRecherche, recherche);
  Data data = view.data();
  data.set("filtres", filtres(l));
  const std::string filtre = l.filtre ? std::string(domain::code_etat_dossier(*l.filtre))
                                      : std::string(actions::kToutesCandidatures);
  data.set("titre_filtre", l.filtre ? std::string(libelle_filtre(*l.filtre))
                                    : std::string("Toutes les candidatures"));
  Data lignes{Data::type::list};
  for (const auto& ligne : l.lignes) lignes.push_back(ligne_liste(portal, ligne));
  data.set("lignes", lignes);
  data.set("aucune", l.lignes.empty());
  const bool suite = !query("apres").empty();
  if (suite) data.set("premiere", std::string(kListe) + "?pieces=" + filtre);
  if (l.suivante)
    data.set("suivante",
             std::string(kListe) + "?pieces=" + filtre + "&apres=" + std::to_string(*l.suivante));
  data.set("pagination", suite || l.suivante);
  const domain::Academie* academie = portal.catalogue().academie(ctx.agent->academie);
  data.set("academie",
           academie ? domain::nom_courant_academie(academie->nom) : ctx.agent->academie);
  return portal.page(ctx, "gestion/candidatures", "Contrôle des pièces", std::move(data),
                     errors.empty() ? 200 : 422);
}

// ---- one candidature's pieces ----

// A refused control: the piece and the messages next to its fields, with what was typed.
struct Saisie {
  std::string code;
  domain::SaisieControle valeurs;
  domain::FieldErrors errors;
};

Data options_statut(std::string_view choisi) {
  Data out{Data::type::list};
  for (const auto statut : domain::kStatutsControle) {
    Data o;
    o.set("value", std::string(domain::code_statut(statut)));
    o.set("label", std::string(domain::libelle_statut(statut)));
    o.set("selected", domain::code_statut(statut) == choisi);
    out.push_back(o);
  }
  return out;
}

void erreur(Data& d, const domain::FieldErrors& errors, const char* champ) {
  if (const auto* m = errors.message(champ)) d.set(std::string("erreur_") + champ, *m);
}

// The control form of a piece: the values typed after a refusal, else the piece's own.
Data formulaire(const actions::PieceVue& p, const Saisie& saisie) {
  Data d;
  if (saisie.code == p.code) {
    d.set("statuts", options_statut(saisie.valeurs.statut));
    d.set("date_reception", saisie.valeurs.date_reception);
    d.set("commentaire_saisi", saisie.valeurs.commentaire);
    erreur(d, saisie.errors, "statut");
    erreur(d, saisie.errors, "date_reception");
    erreur(d, saisie.errors, "commentaire");
    return d;
  }
  d.set("statuts", options_statut(domain::code_statut(p.etat.statut)));
  if (p.date_reception)
    d.set("date_reception", domain::format_date_iso(domain::paris_today(*p.date_reception)));
  d.set("commentaire_saisi", p.commentaire);
  return d;
}

Data piece(const actions::PieceVue& p, const actions::GroupeVue& g, long long id,
           const Saisie& saisie) {
  Data d = formulaire(p, saisie);
  d.set("code", p.code);
  d.set("libelle", p.libelle);
  d.set("action", page_de(id) + "/pieces/" + p.code);
  if (p.etat.statut != domain::StatutPiece::aucun) {
    d.set("statut", std::string(domain::libelle_statut(p.etat.statut)));
    if (p.etat.statut == domain::StatutPiece::conforme) d.set("conforme", true);
    if (domain::rouvre_piece(p.etat.statut)) d.set("a_reprendre", true);
  } else {
    d.set("statut",
          g.mode == domain::ModeDepot::en_ligne ? "Sans statut" : "En attente de contrôle");
  }
  if (p.date_reception) d.set("recue_le", domain::format_paris_date(*p.date_reception));
  if (!p.commentaire.empty()) d.set("commentaire", p.commentaire);
  if (p.etat.valide_le) d.set("valide_le", horodatage(*p.etat.valide_le));
  d.set("en_ligne", g.mode == domain::ModeDepot::en_ligne);
  Data depots{Data::type::list};
  for (const auto& depot : p.depots) {
    Data f;
    f.set("nom", depot.nom);
    f.set("url", page_de(id) + "/fichiers/" + std::to_string(depot.id));
    f.set("depose_le", horodatage(depot.depose_le));
    depots.push_back(f);
  }
  d.set("aucun_fichier", depots.is_empty_list());
  d.set("depots", depots);
  return d;
}

void avis(Context& ctx, const actions::DossierPieces& dossier) {
  if (const auto code = ctx.req.query_param("controle"))
    for (const auto& g : dossier.groupes)
      for (const auto& p : g.pieces)
        if (p.code == *code)
          ctx.alerts.push_back(
              {"success", "", "Le statut de la pièce " + p.code + " est enregistré."});
  if (const auto n = ctx.req.query_param("rouvertes"))
    ctx.alerts.push_back(
        {"success", "",
         *n == "0" ? "Aucune pièce n'était validée\u202F: il n'y avait rien à rouvrir."
                   : "Les pièces validées sont rouvertes\u202F: le candidat peut les modifier "
                     "et les valider de nouveau."});
}

Response page_dossier(Portal& portal, Context& ctx, const actions::DossierPieces& dossier,
                      const Saisie& saisie = {}, int status = 200) {
  const long long id = dossier.candidature.id;
  Data data = portail::resume_candidature(portal, dossier.candidature);
  const auto& candidat = dossier.candidat;
  data.set("candidat",
           domain::nom_affiche(candidat.nom_naissance, candidat.nom_usage, candidat.prenoms));
  data.set("numero_candidat", dossier.candidat.numero_candidat);
  if (dossier.candidature.etat == domain::EtatCandidature::inscrit) {
    data.set("pieces", std::string(domain::libelle_etat_dossier(dossier.candidat.pieces)));
    data.set("badge", badge_pieces(dossier.candidat.pieces));
  }
  Data groupes{Data::type::list};
  for (const auto& g : dossier.groupes) {
    Data gd;
    gd.set("phrase", g.phrase);
    gd.set("mode", std::string(g.mode == domain::ModeDepot::en_ligne       ? "en-ligne"
                               : g.mode == domain::ModeDepot::voie_postale ? "voie-postale"
                                                                           : "autre"));
    Data pieces{Data::type::list};
    bool validees = false;
    for (const auto& p : g.pieces) {
      pieces.push_back(piece(p, g, id, saisie));
      validees = validees || p.etat.valide_le;
    }
    gd.set("pieces", pieces);
    if (validees) gd.set("rouvrir", page_de(id) + "/rouvrir");
    groupes.push_back(gd);
  }
  data.set("groupes", groupes);
  data.set("aucune_piece", groupes.is_empty_list());
  avis(ctx, dossier);
  return portal.page(ctx, "gestion/candidature", "Pièces de la candidature", std::move(data),
                     status);
}

actions::DemandeAgent demande(const Context& ctx) {
  return {ctx.agent->id, ctx.agent->academie, ctx.req.remote_address};
}

Response dossier(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  const auto id = portail::identifiant(ctx.req, "id");
  if (!id) return introuvable(portal, ctx);
  const auto d = actions::dossier_pieces(portal.services(), demande(ctx), *id, ctx.now);
  if (!d) return introuvable(portal, ctx);
  return page_dossier(portal, ctx, *d);
}

// POST /gestion/candidatures/{id}/pieces/{code}
Response controler(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  const auto id = portail::identifiant(ctx.req, "id");
  if (!id) return introuvable(portal, ctx);
  const std::string code = ctx.req.params.at("code");
  Saisie saisie{code,
                {ctx.req.field_or("statut"), ctx.req.field_or("date_reception"),
                 ctx.req.field_or("commentaire")},
                {}};
  auto lu = domain::lire_controle(saisie.valeurs, ctx.now);
  if (lu.errors.empty()) {
    const store::Controle controle{lu.statut, lu.date_reception, lu.commentaire, 0};
    auto issue =
        actions::controler_piece(portal.services(), demande(ctx), *id, code, controle, ctx.now);
    if (std::holds_alternative<actions::Introuvable>(issue)) return introuvable(portal, ctx);
    if (auto* r = std::get_if<actions::Refus>(&issue))
      lu.errors.add("statut", std::move(r->raison));
    else
      return Response::redirect(page_de(*id) + "?controle=" + code + "#piece-" + code);
  }
  const auto d = actions::dossier_pieces(portal.services(), demande(ctx), *id, ctx.now);
  if (!d) return introuvable(portal, ctx);
  saisie.errors = std::move(lu.errors);
  return page_dossier(portal, ctx, *d, saisie, 422);
}

// POST /gestion/candidatures/{id}/rouvrir: the online group, validated, is reopened.
Response rouvrir(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  const auto id = portail::identifiant(ctx.req, "id");
  if (!id) return introuvable(portal, ctx);
  const auto issue = actions::rouvrir_groupe(portal.services(), demande(ctx), *id,
                                             domain::ModeDepot::en_ligne, ctx.now);
  const auto* n = std::get_if<int>(&issue);
  if (!n) return introuvable(portal, ctx);
  return Response::redirect(page_de(*id) + "?rouvertes=" + std::to_string(*n));
}

// GET /gestion/candidatures/{id}/fichiers/{depot}: opened in the browser.
Response fichier(Portal& portal, Context& ctx) {
  if (!ctx.agent) return Response::redirect("/gestion/connexion?expiree=1");
  const auto id = portail::identifiant(ctx.req, "id");
  const auto depot = portail::identifiant(ctx.req, "depot");
  if (!id || !depot) return introuvable(portal, ctx);
  auto issue = actions::fichier_depot(portal.services(), demande(ctx), *id, *depot);
  auto* f = std::get_if<actions::FichierPiece>(&issue);
  if (!f) return introuvable(portal, ctx);
  return portail::reponse_fichier(*f);
}

}  // namespace

std::string decompte(long long nombre) {
  return nombre > actions::kDecomptePlafond ? "plus de " + std::to_string(actions::kDecomptePlafond)
                                            : std::to_string(nombre);
}

void add_candidatures_routes(portail::Router<portail::RouteHandler>& r) {
  r.add(Method::get, "/gestion/candidatures", liste);
  r.add(Method::get, "/gestion/candidatures/{id}", dossier);
  r.add(Method::post, "/gestion/candidatures/{id}/pieces/{code}", controler);
  r.add(Method::post, "/gestion/candidatures/{id}/rouvrir", rouvrir);
  r.add(Method::get, "/gestion/candidatures/{id}/fichiers/{depot}", fichier);
}

}  // namespace examens::gestion
