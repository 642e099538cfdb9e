// The wizard's tabs as pages: what each tab shows of the draft and the catalogue.
#include "web/saisie_onglets.hpp"

#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "web/form_view.hpp"

namespace examens::web {
namespace {

// ---- template data of the fields the FormView does not cover ----

Data case_a_cocher(const std::string& id, const std::string& name, const std::string& value,
                   std::string label, bool checked, const domain::FieldErrors& errors) {
  Data d;
  d.set("id", id);
  d.set("name", name);
  d.set("value", value);
  d.set("label", std::move(label));
  d.set("checked", checked);
  // A box of a group (its id is not its name) shows no message: the group's fieldset does.
  if (const auto* m = errors.message(id)) d.set("error", *m);
  return d;
}

Data oui_non(const std::string& name, std::string label, const domain::Champs& champs,
             const domain::FieldErrors& errors) {
  const std::string v = domain::valeur(champs, name);
  Data d;
  d.set("id", name);
  d.set("label", std::move(label));
  d.set("oui", v == "oui");
  d.set("non", v == "non");
  if (const auto* m = errors.message(name)) d.set("error", *m);
  return d;
}

std::vector<Option> options_academies(const domain::Catalogue& catalogue) {
  std::vector<Option> out;
  for (const auto& a : catalogue.academies) out.push_back({a.code, a.nom});
  return out;
}

// ---- the tabs ----

void onglet_identification(const Portal& portal, const Context& ctx, const domain::Champs& c,
                           FormView& view, Data& data) {
  const auto& i = ctx.compte->identite;
  const auto& ref = portal.referentiel();
  Data identite;
  identite.set("civilite", i.civilite == "MME" ? "MADAME" : "MONSIEUR");
  identite.set("nom", i.nom_naissance);
  identite.set("nom_usage", i.nom_usage.empty() ? "-" : i.nom_usage);
  identite.set("prenoms", i.prenoms);
  identite.set("date_naissance", domain::format_date_fr(i.date_naissance));
  const auto* pays = ref.pays(i.pays_naissance);
  identite.set("pays_naissance", pays ? pays->nom : i.pays_naissance);
  const auto* dep = ref.departement(i.departement_naissance);
  identite.set("departement_naissance", dep ? dep->code_affiche + " - " + dep->nom : "-");
  identite.set("commune_naissance", i.commune_naissance);
  identite.set("email", ctx.compte->email);
  data.set("identite", identite);

  std::vector<Option> pays_options;
  for (const auto& p : ref.pays()) pays_options.push_back({p.code, p.nom});
  std::vector<Option> nationalites;
  for (const auto& n : ref.nationalites()) nationalites.push_back({n.code, n.libelle});
  const std::string pays_adresse = domain::valeur(c, "adresse_pays");
  view.select({"adresse_pays", "Pays", "", "select", "country"}, pays_options,
              pays_adresse.empty() ? std::string(domain::kPaysFrance) : pays_adresse);
  view.field(
      {"adresse_voie", "Numéro, rue, voie", "38 caractères au maximum", "text", "address-line1"},
      domain::valeur(c, "adresse_voie"));
  view.field({"adresse_complement1", "Complément adresse 1", "", "text", "address-line2", false},
             domain::valeur(c, "adresse_complement1"));
  view.field({"adresse_complement2", "Complément adresse 2", "", "text", "address-line3", false},
             domain::valeur(c, "adresse_complement2"));
  view.field({"adresse_complement3", "Complément adresse 3", "", "text", "off", false},
             domain::valeur(c, "adresse_complement3"));
  view.field({"code_postal", "Code postal", "Exemple : 29100", "text", "postal-code"},
             domain::valeur(c, "code_postal"));
  view.field({"localite", "Localité", "", "text", "address-level2"}, domain::valeur(c, "localite"));
  view.select({"nationalite", "Nationalité", "", "select"}, nationalites,
              domain::valeur(c, "nationalite"));
  view.field({"telephone_mobile", "Téléphone personnel mobile",
              "Exemple : 0623456789 ou +33623456789", "tel", "tel", false},
             domain::valeur(c, "telephone_mobile"));
  view.field({"telephone_fixe", "Téléphone personnel", "Exemple : 0123456789 ou +33123456789",
              "tel", "off", false},
             domain::valeur(c, "telephone_fixe"));
}

void onglet_informations(const Portal& portal, const Brouillon& b, const domain::FieldErrors& e,
                         FormView& view, Data& data) {
  const auto& q = portal.qualification();
  const auto& c = b.dossier.champs;
  std::vector<Option> categories, situations, etablissements, csp;
  for (const auto* cat : q.categories_of(b.dossier.domaine))
    categories.push_back({cat->code, cat->libelle});
  for (const auto& s : q.situations) situations.push_back({s.code, s.libelle});
  for (const auto* et : q.etablissements_of(b.dossier.academie))
    etablissements.push_back({et->uai, et->libelle()});
  for (const auto& s : q.csp) csp.push_back({s.code, s.libelle});
  view.select({"categorie", "Catégorie du candidat", "", "select"}, categories,
              domain::valeur(c, "categorie"));
  view.select({"situation", "Situation à l'inscription", "", "select"}, situations,
              domain::valeur(c, "situation"));
  view.select({"csp", "Catégorie socio-professionnelle d'un représentant légal",
               "Facultatif pour un candidat majeur", "select", "off", false},
              csp, domain::valeur(c, "csp"));
  view.select({"etablissement", "Etablissement",
               "Sans établissement de formation, choisissez « INDIVIDUELS » de votre département",
               "select"},
              etablissements, domain::valeur(c, "etablissement"));
  data.set("amenagement_duree",
           oui_non("amenagement_duree", "Aménagement de la durée de formation", c, e));
  data.set(
      "handicap",
      oui_non("handicap", "Demande d'aménagement(s) d'épreuves au titre du handicap (1)", c, e));
  data.set("diffusion_presse",
           oui_non("diffusion_presse",
                   "J'accepte la communication de mes résultats d'examen, en vue d'une "
                   "publication par la presse ou sur les sites internet de sociétés de droit privé",
                   c, e));
  data.set("diffusion_collectivites",
           oui_non("diffusion_collectivites",
                   "J'accepte la communication de mes résultats, de mon nom et de mon adresse aux "
                   "collectivités territoriales en vue d'éventuelles félicitations",
                   c, e));
}

void onglet_qualification(const Portal& portal, const Context& ctx, const Brouillon& b,
                          const domain::FieldErrors& e, FormView& view, Data& data) {
  const auto& q = portal.qualification();
  const auto& c = b.dossier.champs;
  std::vector<Option> specialites, sections, formes;
  for (const auto* s : q.specialites_of(b.dossier.domaine))
    specialites.push_back({s->code, s->libelle});
  for (const auto& s : q.sections_langue) sections.push_back({s.code, s.libelle});
  for (const auto& f : q.formes_passage) formes.push_back({f.code, f.libelle});
  view.select({"specialite", "Spécialité", "", "select"}, specialites,
              domain::valeur(c, "specialite"));
  const std::string section = domain::valeur(c, "section_langue");
  view.select({"section_langue", "Section de langue", "", "select"}, sections,
              section.empty() ? "SANS" : section);
  std::string hint;
  if (const auto* cat = q.categorie(b.dossier.domaine, domain::valeur(c, "categorie"))) {
    for (const auto& code : cat->formes) {
      const auto* f = q.forme_passage(code);
      hint += (hint.empty() ? "Ouverte(s) de droit à votre catégorie : " : ", ") +
              (f ? f->libelle : code);
    }
    hint += ". Une autre forme demande une dérogation.";
  }
  const std::string forme = domain::valeur(c, "forme_passage");
  view.select({"forme_passage", "Forme de passage", hint, "select"}, formes, forme);
  data.set("derogation", oui_non("derogation", "Dérogation à la forme de passage", c, e));
  const auto finale = domain::forme_passage_finale(c, contexte_of(portal, ctx, b.dossier));
  if (const auto* f = q.forme_passage(finale.finale)) data.set("forme_finale", f->libelle);
}

void onglet_acquis(const Portal& portal, const Context& ctx, const Brouillon& b,
                   const domain::FieldErrors& e, FormView& view, Data& data) {
  const auto& q = portal.qualification();
  const auto& domaine = b.dossier.domaine;
  domain::Champs c = b.dossier.champs;
  // The proposals follow the acquis as they stand in the draft.
  domain::actualiser_dispenses(c, contexte_of(portal, ctx, b.dossier));
  const auto academies = options_academies(portal.catalogue());

  auto type = [&](domain::TypeAcquis t, const std::string& code) {
    const auto* l = q.type_acquis(domaine, t);
    return case_a_cocher("acquis_types-" + code, "acquis_types", code, l ? l->libelle : code,
                         domain::contient(c, "acquis_types", code), e);
  };
  for (const auto& [t, code] : std::vector<std::pair<domain::TypeAcquis, std::string>>{
           {domain::TypeAcquis::deja_presente, "deja_presente"},
           {domain::TypeAcquis::autre_specialite, "autre_specialite"}}) {
    Data d = type(t, code);
    d.set("details", "details-" + code);
    view.field({code + "_annee", "Année de la session", "Exemple : 2024", "text", "off", false},
               domain::valeur(c, code + "_annee"));
    view.select({code + "_academie", "Académie", "", "select", "off", false}, academies,
                domain::valeur(c, code + "_academie"));
    data.set(code, d);
  }
  Data autre_diplome = type(domain::TypeAcquis::autre_diplome, "autre_diplome");
  autre_diplome.set("details", "diplomes");
  data.set("autre_diplome", autre_diplome);
  Data diplomes{Data::type::list};
  for (const auto* dip : q.diplomes_of(domaine)) {
    Data d = case_a_cocher("diplomes-" + dip->code, "diplomes", dip->code, dip->libelle(),
                           domain::contient(c, "diplomes", dip->code), e);
    d.set("details", "details-diplomes-" + dip->code);
    const std::string prefix = "acquis." + dip->code + ".";
    FormView fields(e);
    fields.field({prefix + "annee", "Année", "", "text", "off", false},
                 domain::valeur(c, prefix + "annee"));
    fields.select({prefix + "academie", "Académie", "", "select", "off", false}, academies,
                  domain::valeur(c, prefix + "academie"));
    const Data form = fields.data();
    d.set("annee", *form.get("f")->get(prefix + "annee"));
    d.set("academie", *form.get("f")->get(prefix + "academie"));
    diplomes.push_back(d);
  }
  data.set("diplomes", diplomes);
  if (const auto* m = e.message("diplomes")) data.set("diplomes_error", *m);

  Data dispenses{Data::type::list};
  const auto* specialite = q.specialite(domain::valeur(c, "specialite"));
  if (specialite)
    for (const auto& code : c["dispenses_affichees"]) {
      const auto* ep = specialite->epreuve(code);
      dispenses.push_back(case_a_cocher("dispenses-" + code, "dispenses", code,
                                        code + " : " + (ep ? ep->libelle : code),
                                        domain::contient(c, "dispenses", code), e));
    }
  data.set("dispenses", dispenses);
  data.set("a_des_dispenses", !dispenses.is_empty_list());
  if (const auto* m = e.message("dispenses")) data.set("dispenses_error", *m);

  Data vae_box = type(domain::TypeAcquis::vae, "vae");
  vae_box.set("details", "details-vae");
  data.set("vae", vae_box);
  Data scripts{Data::type::list};
  Data script;
  script.set("src", "/static/js/details-acquis.js");
  scripts.push_back(script);
  data.set("scripts", scripts);
  Data vae{Data::type::list};
  if (specialite)
    for (const auto& ep : specialite->epreuves)
      // A VAE jury exempts from the exam's épreuves, not from the épreuve de contrôle.
      if (!ep.facultative && ep.parent.empty() && ep.groupe == domain::Groupe::premier)
        vae.push_back(case_a_cocher("dispenses_vae-" + ep.code, "dispenses_vae", ep.code,
                                    ep.code + " : " + ep.libelle,
                                    domain::contient(c, "dispenses_vae", ep.code), e));
  data.set("epreuves_vae", vae);
  if (const auto* m = e.message("dispenses_vae")) data.set("vae_error", *m);
  if (!specialite)
    data.set("sans_specialite",
             "Choisissez d'abord votre spécialité (onglet Qualification présentée) : les "
             "dispenses en dépendent.");
}

void onglet_epreuves(const Portal& portal, const Context& ctx, const Brouillon& b,
                     const domain::FieldErrors& e, Data& data) {
  const auto& q = portal.qualification();
  const auto& c = b.dossier.champs;
  const auto resultat =
      domain::epreuves_du_candidat(q, domain::dossier_epreuves(c), annee_courante(ctx));
  Data blocs{Data::type::list};
  for (const auto& bloc : domain::blocs_recapitulatif(resultat.lignes)) {
    Data d;
    d.set("groupe", std::string(domain::libelle_groupe(bloc.groupe)));
    d.set("titre", bloc.facultatives ? "Epreuve(s) facultative(s)" : "Epreuve(s) obligatoire(s)");
    Data lignes{Data::type::list};
    for (const auto& l : bloc.lignes) {
      const auto& ep = *l.epreuve;
      Data ligne;
      ligne.set("code", ep.code);
      ligne.set("libelle", ep.code + " : " + ep.libelle);
      ligne.set("niveau", std::to_string(l.niveau));
      ligne.set("position", std::string(domain::libelle_position(l.position)));
      // Mustache takes an empty string for true: absent values are not set at all.
      if (l.mode != domain::ModeEvaluation::aucun)
        ligne.set("mode", std::string(domain::libelle_mode(l.mode)));
      if (!l.choix.empty()) ligne.set("choix_fait", l.choix);
      if (ep.facultative) {
        const std::string name = "position." + ep.code;
        Data position;
        position.set("id", name);
        position.set("inscrit", l.position == domain::Position::inscrit);
        position.set("non_inscrit", l.position != domain::Position::inscrit);
        if (const auto* m = e.message(name)) position.set("error", *m);
        ligne.set("facultative", position);
      }
      if (ep.choix != domain::NatureChoix::aucun &&
          (ep.facultative || l.position == domain::Position::inscrit)) {
        std::vector<Option> options;
        for (const auto* ch : q.choix_of(ep.choix)) options.push_back({ch->code, ch->libelle});
        const std::string name = "choix." + ep.code;
        FormView choix(e);
        choix.select({name, domain::libelle_nature_choix(ep.choix), "", "select", "off", false},
                     options, domain::valeur(c, name));
        const Data form = choix.data();
        ligne.set("choix", *form.get("f")->get(name));
      }
      lignes.push_back(ligne);
    }
    d.set("lignes", lignes);
    blocs.push_back(d);
  }
  data.set("blocs", blocs);
  if (!domain::a_des_choix(resultat.lignes))
    data.set("rien_a_choisir", std::string(domain::message_rien_a_choisir));
}

}  // namespace

Response onglet_page(Portal& portal, Context& ctx, const Brouillon& b, int onglet,
                     const domain::FieldErrors& errors, int status) {
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
  switch (onglet) {
    case 1:
      data.set("modalites",
               case_a_cocher("modalites_acceptees", "modalites_acceptees", "oui",
                             "J'ai pris connaissance des modalités d'inscription et "
                             "je les accepte.",
                             domain::valeur(c, "modalites_acceptees") == "oui", errors));
      break;
    case 2: onglet_identification(portal, ctx, c, view, data); break;
    case 3: onglet_informations(portal, b, errors, view, data); break;
    case 4: onglet_qualification(portal, ctx, b, errors, view, data); break;
    case 5: onglet_acquis(portal, ctx, b, errors, view, data); break;
    case 6: onglet_epreuves(portal, ctx, b, errors, data); break;
    case domain::kOngletRecapitulatif:
      data.set("recap", recapitulatif_data(
                            recapitulatif(portal, *ctx.compte, b.dossier, annee_courante(ctx))));
      break;
    case domain::kOngletConditions:
      data.set("conditions",
               case_a_cocher("conditions_acceptees", "conditions_acceptees", "oui",
                             "En cochant cette case, je m'engage à fournir au service chargé de "
                             "mon inscription, à la date qui me sera indiquée, toutes les pièces "
                             "justificatives qui me seront demandées; Je reconnais avoir pris "
                             "connaissance des conditions d'inscription et j'accepte de me "
                             "conformer aux présentes dispositions.",
                             domain::valeur(c, "conditions_acceptees") == "oui", errors));
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
      std::move(data), status);
}

}  // namespace examens::web
