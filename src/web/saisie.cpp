// Handlers of the registration wizard (SPEC §4, docs/decisions/0004-wizard.md): "M'inscrire",
// the tabs 1 to 8 with their server-side draft, Enregistrer, the N° Inscription page, and the
// modification of a registered candidature.
#include "domain/saisie.hpp"

#include <boost/json.hpp>

#include "domain/candidature.hpp"
#include "domain/temps.hpp"
#include "domain/texte.hpp"
#include "store/candidatures.hpp"
#include "web/form_view.hpp"
#include "web/inscription.hpp"
#include "web/recapitulatif.hpp"

namespace examens::web {
namespace json = boost::json;
namespace {

constexpr std::string_view kNouvelle = "/inscription/nouvelle";
constexpr std::size_t kMaxValeur = 500;  // no field of the wizard needs more

// The wizard's state between requests, stored as JSON under its key.
struct Brouillon {
  std::string cle;
  DossierSaisi dossier;
  long long candidature = 0;  // the candidature being modified, 0 for a new one
  int atteint = 1;            // the furthest tab reached
};

std::string cle_nouvelle(const std::string& domaine, const std::string& session,
                         const std::string& academie) {
  return "N-" + domaine + "-" + session + "-" + academie;
}

std::string cle_modification(long long candidature) {
  return "C-" + std::to_string(candidature);
}

std::string to_json(const Brouillon& b) {
  json::object o;
  o["domaine"] = b.dossier.domaine;
  o["session"] = b.dossier.session;
  o["academie"] = b.dossier.academie;
  o["candidature"] = b.candidature;
  o["atteint"] = b.atteint;
  o["champs"] = champs_json(b.dossier.champs);
  return json::serialize(o);
}

std::optional<Brouillon> brouillon_from(const std::string& cle, const std::string& text) {
  json::object o = parse_object(text);
  auto text_of = [&](std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto int_of = [&](std::string_view key) -> long long {
    const auto* v = o.if_contains(key);
    return v && v->is_int64() ? v->get_int64() : 0;
  };
  Brouillon b;
  b.cle = cle;
  b.dossier.domaine = text_of("domaine");
  b.dossier.session = text_of("session");
  b.dossier.academie = text_of("academie");
  if (b.dossier.domaine.empty()) return std::nullopt;
  b.candidature = int_of("candidature");
  b.atteint = std::clamp(static_cast<int>(int_of("atteint")), 1, domain::kOngletConditions);
  b.dossier.champs = champs_of(o);
  return b;
}

int annee_courante(const Context& ctx) {
  return static_cast<int>(domain::paris_today(ctx.now).year());
}

domain::ContexteSaisie contexte_of(const Portal& portal, const Context& ctx,
                                   const DossierSaisi& d) {
  return {portal.catalogue(), portal.qualification(), portal.referentiel(), d.domaine,
          d.academie,         annee_courante(ctx)};
}

void save(Portal& portal, const Context& ctx, const Brouillon& b) {
  const auto* periode =
      portal.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie);
  store::Tx tx(portal.db());
  store::save_brouillon(tx.sql(), ctx.compte->id, b.cle, to_json(b), ctx.now,
                        periode ? periode->fermeture : domain::Instant{});
  tx.commit();
}

std::string onglet_href(const std::string& cle, int onglet) {
  return "/inscription/saisie/" + cle + "/" + std::to_string(onglet);
}

// The candidature's active twin: one active candidature per exam and session.
std::optional<store::Candidature> candidature_active(const std::vector<store::Candidature>& all,
                                                     const Portal& portal,
                                                     const std::string& domaine,
                                                     const std::string& session) {
  for (const auto& c : all) {
    const auto* s = portal.catalogue().session(c.domaine, c.session);
    if (c.domaine == domaine && c.session == session &&
        domain::visible_du_candidat(c.etat, s && s->fermee))
      return c;
  }
  return std::nullopt;
}

// Why the draft cannot go on now (its window closed, or the candidature left the
// candidate's hands), or nullopt.
std::optional<std::string> refus(Portal& portal, const Context& ctx, const Brouillon& b) {
  const auto* periode =
      portal.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie);
  if (!b.candidature) return domain::inscription_refusee(periode, ctx.now);
  std::optional<store::Candidature> c;
  {
    store::Read read(portal.db());
    c = store::find_candidature(read.sql(), ctx.compte->id, b.candidature);
  }
  if (!c) return "Cette candidature n'existe pas dans votre compte.";
  return domain::modification_refusee(c->etat, periode, ctx.now);
}

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

// ---- routes ----

Response saisie_introuvable(Portal& portal, Context& ctx) {
  return portal.error_page(ctx, 404, "Saisie introuvable",
                           "Cette saisie n'existe plus : elle a peut-être déjà été enregistrée. "
                           "Retrouvez vos candidatures dans « Mes inscriptions » sur votre page "
                           "d'accueil.");
}

Response refus_page(Portal& portal, Context& ctx, const std::string& reason) {
  return portal.error_page(ctx, 409, "Inscription impossible", reason);
}

// GET /inscription/nouvelle: "M'inscrire", the choice of "Ouverture des services" with
// "Démarrer mon inscription" while the window is open.
Response nouvelle(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  ChoixExamen choix = choix_examen(portal, ctx, kNouvelle);
  if (choix.periode) {
    Data& d = choix.data;
    d.set("demarrage", true);
    d.set("domaine", choix.domaine->code);
    d.set("session", choix.session->code);
    d.set("academie", choix.academie->code);
    store::Read read(portal.db());
    const auto all = store::candidatures_of(read.sql(), ctx.compte->id);
    if (auto active = candidature_active(all, portal, choix.domaine->code, choix.session->code))
      d.set("deja_inscrit", std::to_string(active->id));
    d.set("brouillon", store::load_brouillon(read.sql(), ctx.compte->id,
                                             cle_nouvelle(choix.domaine->code, choix.session->code,
                                                          choix.academie->code))
                           .has_value());
  }
  return portal.page(ctx, "inscription/nouvelle", "M'inscrire", std::move(choix.data));
}

Response demarrer(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto& catalogue = portal.catalogue();
  const std::string domaine = ctx.req.field_or("domaine");
  const std::string session = ctx.req.field_or("session");
  const std::string academie = ctx.req.field_or("academie");
  const auto* s = catalogue.session(domaine, session);
  if (!catalogue.domaine(domaine) || !s || s->fermee || !catalogue.academie(academie))
    return portal.error_page(ctx, 404, "Examen introuvable",
                             "Cet examen, cette session ou cette académie n'existe pas.");
  if (auto r = domain::inscription_refusee(catalogue.periode(domaine, session, academie), ctx.now))
    return refus_page(portal, ctx, *r);
  const std::string cle = cle_nouvelle(domaine, session, academie);
  std::optional<std::string> existing;
  std::vector<store::Candidature> all;
  {
    store::Read read(portal.db());
    all = store::candidatures_of(read.sql(), ctx.compte->id);
    existing = store::load_brouillon(read.sql(), ctx.compte->id, cle);
  }
  if (auto active = candidature_active(all, portal, domaine, session))
    return Response::redirect("/inscription/" + std::to_string(active->id));
  if (existing)
    if (auto b = brouillon_from(cle, *existing))
      return Response::redirect(onglet_href(cle, b->atteint));
  Brouillon b{cle, {domaine, session, academie, {}}, 0, 1};
  // The address and contacts of the latest candidature: a candidate rarely moves between two.
  if (!all.empty()) {
    const auto previous = champs_of(parse_object(all.back().donnees));
    for (const auto& [nom, valeurs] : previous)
      if (domain::champ_de_onglet(2, nom)) b.dossier.champs[nom] = valeurs;
  }
  save(portal, ctx, b);
  return Response::redirect(onglet_href(cle, 1));
}

// The draft named by the path, with its tab number, or the response to send instead.
struct Cible {
  std::optional<Brouillon> brouillon;
  int onglet = 0;
  std::optional<Response> response;
};

Cible cible(Portal& portal, Context& ctx) {
  Cible out;
  if (!ctx.compte) {
    out.response = Portal::login_required();
    return out;
  }
  const std::string cle = ctx.req.params.at("cle");
  try {
    out.onglet = std::stoi(ctx.req.params.at("onglet"));
  } catch (const std::exception&) {
    out.onglet = 0;
  }
  std::optional<std::string> text;
  {
    store::Read read(portal.db());
    text = store::load_brouillon(read.sql(), ctx.compte->id, cle);
  }
  if (text) out.brouillon = brouillon_from(cle, *text);
  if (!out.brouillon || out.onglet < 1 || out.onglet > domain::kOngletConditions) {
    out.response = saisie_introuvable(portal, ctx);
  } else if (auto r = refus(portal, ctx, *out.brouillon)) {
    out.response = refus_page(portal, ctx, *r);
  } else if (out.onglet > out.brouillon->atteint) {
    // Tabs open one after the other: a later one only once the previous ones passed.
    out.response = Response::redirect(onglet_href(cle, out.brouillon->atteint));
  }
  return out;
}

Response onglet_get(Portal& portal, Context& ctx) {
  Cible c = cible(portal, ctx);
  if (c.response) return std::move(*c.response);
  return onglet_page(portal, ctx, *c.brouillon, c.onglet, {}, 200);
}

Response enregistrer(Portal& portal, Context& ctx, Brouillon& b) {
  const auto contexte = contexte_of(portal, ctx, b.dossier);
  for (int o = 1; o <= domain::kOngletConditions; ++o) {
    const auto errors = domain::valider_onglet(o, b.dossier.champs, contexte);
    if (errors.empty()) continue;
    save(portal, ctx, b);
    ctx.alerts.push_back(
        {"error", "Votre candidature n'est pas encore enregistrée.",
         o == domain::kOngletConditions
             ? std::string("Corrigez les erreurs ci-dessous, puis cliquez sur « Enregistrer ».")
             : "Corrigez l'onglet « " + std::string(domain::titre_onglet(o)) +
                   " », puis revenez à l'onglet « Conditions d'inscription »."});
    return onglet_page(portal, ctx, b, o, errors, 422);
  }
  const std::string snapshot =
      json::serialize(recapitulatif(portal, *ctx.compte, b.dossier, annee_courante(ctx)));
  const auto* domaine = portal.catalogue().domaine(b.dossier.domaine);
  const std::string examen = domaine ? domaine->libelle : b.dossier.domaine;
  long long id = b.candidature;
  try {
    store::Tx tx(portal.db());
    // The draft is the ticket: of two Enregistrer of one draft (a double click, two tabs),
    // the second finds it gone and registers nothing more.
    if (!store::delete_brouillon(tx.sql(), ctx.compte->id, b.cle))
      return saisie_introuvable(portal, ctx);
    Data mail;
    mail.set("examen", examen);
    const auto* session = portal.catalogue().session(b.dossier.domaine, b.dossier.session);
    mail.set("session", session ? session->libelle : b.dossier.session);
    const auto* academie = portal.catalogue().academie(b.dossier.academie);
    mail.set("academie", academie ? academie->nom : b.dossier.academie);
    if (academie) {
      // The office's contact block, as on the N° Inscription page.
      Data contact{Data::type::list};
      for (const auto& l : academie->contact) contact.push_back(Data(l));
      if (!academie->telephone.empty()) contact.push_back(Data("Tel : " + academie->telephone));
      if (!academie->email.empty()) contact.push_back(Data(academie->email));
      mail.set("contact", contact);
    }
    if (const auto* p =
            portal.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie))
      mail.set("fermeture", domain::format_paris_datetime(p->fermeture));
    mail.set("date", domain::format_paris_datetime(ctx.now));
    mail.set("numero_candidat", ctx.compte->numero_candidat);
    if (b.candidature) {
      const auto version = store::save_modification(tx.sql(), b.candidature, snapshot, ctx.now);
      // Unregistered or closed by the office since the draft was opened: the rollback keeps
      // the draft, and the page says why.
      if (!version)
        return refus_page(portal, ctx,
                          "Cette candidature a changé d'état pendant votre saisie (désinscription "
                          "ou décision du service des examens) : elle ne peut plus être "
                          "modifiée.");
      mail.set("version", std::to_string(*version));
      const auto c = store::find_candidature(tx.sql(), ctx.compte->id, b.candidature);
      mail.set("numero", c ? c->numero_inscription : "");
      portal.queue_mail(tx.sql(), *ctx.compte, "modification",
                        "Modification d'inscription : " + examen, mail, ctx.now);
    } else {
      const auto all = store::candidatures_of(tx.sql(), ctx.compte->id);
      if (auto active = candidature_active(all, portal, b.dossier.domaine, b.dossier.session))
        return Response::redirect("/inscription/" + std::to_string(active->id));
      const auto c =
          store::insert_candidature(tx.sql(), ctx.compte->id, b.dossier.domaine, b.dossier.session,
                                    b.dossier.academie, snapshot, ctx.now);
      id = c.id;
      mail.set("numero", c.numero_inscription);
      portal.queue_mail(tx.sql(), *ctx.compte, "inscription",
                        "Confirmation d'inscription : " + examen, mail, ctx.now);
    }
    tx.commit();
  } catch (const soci::soci_error& e) {
    // A racing Enregistrer of another draft for the same exam and session (another
    // académie) committed first: the unique index refused this one, the rollback kept
    // the draft, and the candidate is sent to the active candidature as above.
    if (b.candidature || !store::is_unique_violation(e)) throw;
    store::Read read(portal.db());
    const auto all = store::candidatures_of(read.sql(), ctx.compte->id);
    if (auto active = candidature_active(all, portal, b.dossier.domaine, b.dossier.session))
      return Response::redirect("/inscription/" + std::to_string(active->id));
    throw;
  }
  portal.mail_committed();
  return Response::redirect("/inscription/" + std::to_string(id) + "/numero");
}

// Every POST first keeps what was typed in the draft, whatever button was pressed.
Response onglet_post(Portal& portal, Context& ctx) {
  Cible c = cible(portal, ctx);
  if (c.response) return std::move(*c.response);
  Brouillon& b = *c.brouillon;
  const int onglet = c.onglet;
  auto& champs = b.dossier.champs;
  std::erase_if(champs,
                [&](const auto& entry) { return domain::champ_de_onglet(onglet, entry.first); });
  // The form parser admits only UTF-8: cut on a character boundary so the draft stays valid.
  for (const auto& [nom, valeur] : ctx.req.form)
    if (domain::champ_de_onglet(onglet, nom))
      champs[nom].emplace_back(domain::cut_utf8(valeur, kMaxValeur));
  const auto contexte = contexte_of(portal, ctx, b.dossier);
  const bool dispenses_changees = onglet == 5 && domain::actualiser_dispenses(champs, contexte);

  const std::string action = ctx.req.field_or("action", "suivant");
  if (action == "precedent") {
    save(portal, ctx, b);
    return Response::redirect(onglet_href(b.cle, std::max(1, onglet - 1)));
  }
  if (action == "quitter") {
    save(portal, ctx, b);
    return Response::redirect("/?saisie_conservee=1");
  }
  if (action == "enregistrer" && onglet == domain::kOngletConditions)
    return enregistrer(portal, ctx, b);
  const auto errors = domain::valider_onglet(onglet, champs, contexte);
  if (!errors.empty()) {
    save(portal, ctx, b);
    return onglet_page(portal, ctx, b, onglet, errors, 422);
  }
  if (dispenses_changees) {
    save(portal, ctx, b);
    ctx.alerts.push_back({"info", "Vérifiez les dispenses proposées.",
                          "Vos acquis ont changé la liste des épreuves dont vous serez dispensé. "
                          "Décochez celles que vous souhaitez repasser, puis cliquez sur "
                          "« Suivant »."});
    return onglet_page(portal, ctx, b, onglet, errors, 200);
  }
  if (onglet == domain::kOngletConditions) {
    save(portal, ctx, b);
    ctx.alerts.push_back(
        {"info", "", "Cliquez sur « Enregistrer » pour terminer votre inscription."});
    return onglet_page(portal, ctx, b, onglet, errors, 200);
  }
  b.atteint = std::max(b.atteint, onglet + 1);
  save(portal, ctx, b);
  return Response::redirect(onglet_href(b.cle, onglet + 1));
}

}  // namespace

void add_saisies_en_cours(Portal& portal, const Context& ctx, Data& data) {
  std::vector<std::pair<std::string, std::string>> all;
  {
    store::Read read(portal.db());
    all = store::brouillons_of(read.sql(), ctx.compte->id);
  }
  Data saisies{Data::type::list};
  for (const auto& [cle, text] : all) {
    auto b = brouillon_from(cle, text);
    if (!b || b->candidature) continue;
    const auto* domaine = portal.catalogue().domaine(b->dossier.domaine);
    const auto* session = portal.catalogue().session(b->dossier.domaine, b->dossier.session);
    const auto* academie = portal.catalogue().academie(b->dossier.academie);
    if (!domaine || !session || session->fermee || !academie) continue;
    if (domain::inscription_refusee(
            portal.catalogue().periode(b->dossier.domaine, b->dossier.session, b->dossier.academie),
            ctx.now))
      continue;
    Data d;
    d.set("examen", domaine->libelle);
    d.set("session", session->libelle);
    d.set("academie", academie->nom);
    d.set("href", onglet_href(cle, b->atteint));
    saisies.push_back(d);
  }
  data.set("saisies", saisies);
  data.set("a_des_saisies", !saisies.is_empty_list());
}

// POST /inscription/{id}/modifier: opens the draft of a modification, filled from the
// candidature's latest snapshot (or resumes the one already open).
Response ouvrir_modification(Portal& portal, Context& ctx, const store::Candidature& c) {
  const auto* periode = portal.catalogue().periode(c.domaine, c.session, c.academie);
  if (auto r = domain::modification_refusee(c.etat, periode, ctx.now))
    return refus_page(portal, ctx, *r);
  const std::string cle = cle_modification(c.id);
  std::optional<std::string> existing;
  {
    store::Read read(portal.db());
    existing = store::load_brouillon(read.sql(), ctx.compte->id, cle);
  }
  if (existing)
    if (auto b = brouillon_from(cle, *existing)) return Response::redirect(onglet_href(cle, 1));
  // Every tab passed when it was registered: the candidate moves freely among them.
  Brouillon b{cle,
              {c.domaine, c.session, c.academie, champs_of(parse_object(c.donnees))},
              c.id,
              domain::kOngletConditions};
  b.dossier.champs.erase("conditions_acceptees");
  save(portal, ctx, b);
  return Response::redirect(onglet_href(cle, 1));
}

void add_saisie_routes(Router<RouteHandler>& r) {
  r.add(Method::get, kNouvelle, nouvelle);
  r.add(Method::post, kNouvelle, demarrer);
  r.add(Method::get, "/inscription/saisie/{cle}/{onglet}", onglet_get);
  r.add(Method::post, "/inscription/saisie/{cle}/{onglet}", onglet_post);
}

}  // namespace examens::web
