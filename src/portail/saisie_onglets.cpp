// The wizard's tabs as pages: what every tab shows, the tabs 1, 7 and 8, and each of the
// others from its own file in onglets/; and the answer to each outcome of its actions.
#include "portail/saisie_onglets.hpp"

#include "actions/recapitulatif.hpp"
#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "portail/onglets/onglets.hpp"
#include "portail/recapitulatif.hpp"
#include "web/form_view.hpp"

namespace examens::portail {
namespace {

// The box a tab cannot pass unchecked (tabs 1 and 8), named after its field.
Data case_obligatoire(const std::string& nom, std::string label, const domain::Champs& champs,
                      const domain::FieldErrors& errors) {
  Data d = onglets::case_a_cocher(nom, nom, "oui", std::move(label),
                                  domain::valeur(champs, nom) == "oui", errors);
  d.set("required", true);
  return d;
}

// The notices as the query of a tab's address names them.
constexpr std::pair<actions::Avis, std::string_view> kAvis[] = {
    {actions::Avis::verifier_dispenses, "dispenses"},
    {actions::Avis::categorie_etablissement, "categorie"},
    {actions::Avis::cliquer_enregistrer, "enregistrer"},
    {actions::Avis::pas_enregistree, "non-enregistree"},
};

}  // namespace

std::string onglet_href(const std::string& cle, int onglet) {
  return "/inscription/saisie/" + cle + "/" + std::to_string(onglet);
}

std::string onglet_href(const std::string& cle, int onglet, const actions::Affichage& affichage) {
  std::string href = onglet_href(cle, onglet);
  char separateur = '?';
  if (affichage.verifier) {
    href += "?verifier=1";
    separateur = '&';
  }
  for (const auto& [avis, nom] : kAvis)
    if (avis == affichage.avis) (href += separateur) += "avis=" + std::string(nom);
  return href;
}

actions::Affichage affichage_of(const Request& request) {
  actions::Affichage affichage;
  affichage.verifier = request.query_param("verifier") == "1";
  const auto nom = request.query_param("avis");
  for (const auto& [avis, n] : kAvis)
    if (nom == n) affichage.avis = avis;
  return affichage;
}

Response onglet_page(Portal& portal, Context& ctx, const Brouillon& b, int onglet,
                     const domain::FieldErrors& errors) {
  const auto& catalogue = portal.catalogue();
  FormView view(errors);
  Data data;
  data.set("onglet_" + std::to_string(onglet), true);
  data.set("action", onglet_href(b.cle, onglet));
  data.set("numero_onglet", std::to_string(onglet));
  data.set("titre_onglet", std::string(domain::titre_onglet(onglet)));
  if (onglet < domain::kOngletConditions)
    data.set("onglet_suivant", std::string(domain::titre_onglet(onglet + 1)));
  data.set("premier", onglet == 1);
  data.set("dernier", onglet == domain::kOngletConditions);
  data.set("champs_obligatoires", onglet != domain::kOngletRecapitulatif);
  Data etapes{Data::type::list};
  for (int i = 1; i <= domain::kOngletConditions; ++i) {
    Data etape;
    etape.set("numero", std::to_string(i));
    etape.set("titre", std::string(domain::titre_onglet(i)));
    etape.set("courant", i == onglet);
    if (i <= b.atteint && i != onglet) etape.set("href", onglet_href(b.cle, i));
    etapes.push_back(etape);
  }
  data.set("etapes", etapes);
  const auto* domaine = catalogue.domaine(b.dossier.domaine);
  data.set("examen", domaine ? domaine->libelle : b.dossier.domaine);
  const auto* session = catalogue.session(b.dossier.domaine, b.dossier.session);
  data.set("session", session ? session->libelle : b.dossier.session);
  const auto* academie = catalogue.academie(b.dossier.academie);
  data.set("academie", academie ? academie->nom : b.dossier.academie);
  data.set("modification", b.candidature != 0);

  const auto& c = b.dossier.champs;
  const auto contexte = actions::contexte_saisie(portal.services(), b.dossier, ctx.now);
  switch (onglet) {
    case 1:
      data.set("modalites",
               case_obligatoire("modalites_acceptees",
                                "J'ai pris connaissance des modalités d'inscription et "
                                "je les accepte.",
                                c, errors));
      break;
    case 2: onglets::identification(portal, ctx, c, view, data); break;
    case 3: onglets::informations(portal, ctx, b, errors, view, data); break;
    case 4: onglets::qualification(portal, contexte, b, errors, view, data); break;
    case 5: onglets::acquis(portal, contexte, b, errors, view, data); break;
    case 6: onglets::epreuves(portal, contexte, b, errors, data); break;
    case domain::kOngletRecapitulatif:
      data.set("recap", recapitulatif_data(actions::recapitulatif(portal.services(), *ctx.compte,
                                                                  b.dossier, ctx.now)));
      data.set("apercu", onglet_href(b.cle, onglet) + "/recapitulatif.pdf");
      break;
    case domain::kOngletConditions:
      data.set("conditions",
               case_obligatoire("conditions_acceptees",
                                "En cochant cette case, je m'engage à fournir au service chargé "
                                "de mon inscription, à la date qui me sera indiquée, toutes les "
                                "pièces justificatives qui me seront demandées; Je reconnais "
                                "avoir pris connaissance des conditions d'inscription et "
                                "j'accepte de me conformer aux présentes dispositions.",
                                c, errors));
      break;
    default: break;
  }
  const Data form = view.data();
  data.set("f", *form.get("f"));
  if (form.get("has_errors")) {
    data.set("has_errors", true);
    data.set("errors", *form.get("errors"));
  }
  return portal.page(
      ctx, "inscription/saisie",
      "Étape " + std::to_string(onglet) + " : " + std::string(domain::titre_onglet(onglet)),
      std::move(data));
}

Response Rendu::operator()(const actions::ExamenIntrouvable&) const {
  return portal.error_page(ctx, 404, "Examen introuvable",
                           "Cet examen, cette session ou cette académie n'existe pas.");
}

Response Rendu::operator()(const actions::SaisieIntrouvable&) const {
  return portal.error_page(ctx, 404, "Saisie introuvable",
                           "Cette saisie n'existe plus : elle a peut-être déjà été enregistrée. "
                           "Retrouvez vos candidatures dans « Mes inscriptions » sur votre page "
                           "d'accueil.");
}

Response Rendu::operator()(const actions::CandidatureIntrouvable&) const {
  return portal.error_page(ctx, 404, "Candidature introuvable",
                           "Cette candidature n'existe pas dans votre compte.");
}

Response Rendu::operator()(const actions::Refus& refus) const {
  return portal.error_page(ctx, 409, "Inscription impossible", refus.raison);
}

Response Rendu::operator()(const actions::VersCandidature& candidature) const {
  return Response::redirect("/inscription/" + std::to_string(candidature.id));
}

Response Rendu::operator()(const actions::VersOnglet& vers) const {
  return Response::redirect(onglet_href(vers.cle, vers.onglet));
}

Response Rendu::operator()(const actions::SaisieConservee&) const {
  return Response::redirect("/?saisie_conservee=1");
}

Response Rendu::operator()(const actions::OngletAffiche& affiche) const {
  const int onglet = affiche.onglet;
  if (ctx.req.method == Method::post)
    return Response::redirect(
        onglet_href(affiche.brouillon.cle, onglet, {!affiche.errors.empty(), affiche.avis}));
  switch (affiche.avis) {
    case actions::Avis::aucun: break;
    case actions::Avis::verifier_dispenses:
      ctx.alerts.push_back({"info", "Vérifiez les dispenses proposées.",
                            "Vos acquis ont changé la liste des épreuves dont vous serez "
                            "dispensé. Décochez celles que vous souhaitez repasser, puis cliquez "
                            "sur « Suivant »."});
      break;
    case actions::Avis::categorie_etablissement:
      ctx.alerts.push_back({"info", "Vérifiez votre catégorie de candidat.",
                            "La catégorie choisie est celle des candidats inscrits par leur "
                            "établissement : lisez l'explication sous la catégorie, puis cliquez "
                            "sur « Suivant »."});
      break;
    case actions::Avis::cliquer_enregistrer:
      ctx.alerts.push_back(
          {"info", "", "Cliquez sur « Enregistrer » pour terminer votre inscription."});
      break;
    case actions::Avis::pas_enregistree:
      ctx.alerts.push_back(
          {"error", "Votre candidature n'est pas encore enregistrée.",
           onglet == domain::kOngletConditions
               ? std::string("Corrigez les erreurs ci-dessous, puis cliquez sur « Enregistrer ».")
               : "Corrigez l'onglet « " + std::string(domain::titre_onglet(onglet)) +
                     " », puis revenez à l'onglet « Conditions d'inscription »."});
      break;
  }
  return onglet_page(portal, ctx, affiche.brouillon, onglet, affiche.errors);
}

Response Rendu::operator()(const actions::Inscrite& inscrite) const {
  return Response::redirect("/inscription/" + std::to_string(inscrite.id) + "/numero");
}

}  // namespace examens::portail
