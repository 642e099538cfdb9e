// Handlers of the registration wizard (SPEC §4, docs/decisions/0004-wizard.md): "M'inscrire",
// the tabs 1 to 8 with their server-side draft, Enregistrer, the N° Inscription page, and the
// modification of a registered candidature.
#include "domain/saisie.hpp"

#include <boost/json.hpp>

#include "domain/candidature.hpp"
#include "domain/temps.hpp"
#include "portail/inscription.hpp"
#include "portail/recapitulatif.hpp"
#include "portail/saisie_onglets.hpp"
#include "store/candidatures.hpp"
#include "texte/texte.hpp"

namespace examens::portail {
namespace json = boost::json;

int annee_courante(const Context& ctx) {
  return static_cast<int>(domain::paris_today(ctx.now).year());
}

domain::ContexteSaisie contexte_of(const Portal& portal, const Context& ctx,
                                   const DossierSaisi& d) {
  return {portal.catalogue(), portal.qualification(), portal.referentiel(), d.domaine,
          d.academie,         annee_courante(ctx)};
}

std::string onglet_href(const std::string& cle, int onglet) {
  return "/inscription/saisie/" + cle + "/" + std::to_string(onglet);
}

namespace {

constexpr std::string_view kNouvelle = "/inscription/nouvelle";
constexpr std::size_t kMaxValeur = 500;  // no field of the wizard needs more

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

void save(Portal& portal, const Context& ctx, const Brouillon& b) {
  const auto* periode =
      portal.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie);
  store::Tx tx(portal.db());
  store::save_brouillon(tx, ctx.compte->id, b.cle, to_json(b), ctx.now,
                        periode ? periode->fermeture : domain::Instant{});
  tx.commit();
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
    c = store::find_candidature(read, ctx.compte->id, b.candidature);
  }
  if (!c) return "Cette candidature n'existe pas dans votre compte.";
  return domain::modification_refusee(c->etat, periode, ctx.now);
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
    const auto all = store::candidatures_of(read, ctx.compte->id);
    if (auto active = candidature_active(all, portal, choix.domaine->code, choix.session->code))
      d.set("deja_inscrit", std::to_string(active->id));
    d.set("brouillon", store::load_brouillon(read, ctx.compte->id,
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
    all = store::candidatures_of(read, ctx.compte->id);
    existing = store::load_brouillon(read, ctx.compte->id, cle);
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
    text = store::load_brouillon(read, ctx.compte->id, cle);
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

// What the registration and modification mails say of the exam, the window and the office.
Data mail_enregistrement(const Portal& portal, const Context& ctx, const DossierSaisi& d,
                         const std::string& examen) {
  Data mail;
  mail.set("examen", examen);
  const auto* session = portal.catalogue().session(d.domaine, d.session);
  mail.set("session", session ? session->libelle : d.session);
  const auto* academie = portal.catalogue().academie(d.academie);
  mail.set("academie", academie ? academie->nom : d.academie);
  if (academie) {
    // The office's contact block, as on the N° Inscription page.
    Data contact{Data::type::list};
    for (const auto& l : academie->contact) contact.push_back(Data(l));
    if (!academie->telephone.empty()) contact.push_back(Data("Tel : " + academie->telephone));
    if (!academie->email.empty()) contact.push_back(Data(academie->email));
    mail.set("contact", contact);
  }
  if (const auto* p = portal.catalogue().periode(d.domaine, d.session, d.academie))
    mail.set("fermeture", domain::format_paris_datetime(p->fermeture));
  mail.set("date", domain::format_paris_datetime(ctx.now));
  mail.set("numero_candidat", ctx.compte->numero_candidat);
  return mail;
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
    if (!store::delete_brouillon(tx, ctx.compte->id, b.cle)) return saisie_introuvable(portal, ctx);
    Data mail = mail_enregistrement(portal, ctx, b.dossier, examen);
    if (b.candidature) {
      const auto version = store::save_modification(tx, b.candidature, snapshot, ctx.now);
      // Unregistered or closed by the office since the draft was opened: the rollback keeps
      // the draft, and the page says why.
      if (!version)
        return refus_page(portal, ctx,
                          "Cette candidature a changé d'état pendant votre saisie (désinscription "
                          "ou décision du service des examens) : elle ne peut plus être "
                          "modifiée.");
      mail.set("version", std::to_string(*version));
      const auto c = store::find_candidature(tx, ctx.compte->id, b.candidature);
      mail.set("numero", c ? c->numero_inscription : "");
      portal.services().courrier().queue(tx, *ctx.compte, "modification",
                                         "Modification d'inscription : " + examen, mail, ctx.now);
    } else {
      const auto all = store::candidatures_of(tx, ctx.compte->id);
      if (auto active = candidature_active(all, portal, b.dossier.domaine, b.dossier.session))
        return Response::redirect("/inscription/" + std::to_string(active->id));
      const auto c =
          store::insert_candidature(tx, ctx.compte->id, b.dossier.domaine, b.dossier.session,
                                    b.dossier.academie, snapshot, ctx.now);
      id = c.id;
      mail.set("numero", c.numero_inscription);
      portal.services().courrier().queue(tx, *ctx.compte, "inscription",
                                         "Confirmation d'inscription : " + examen, mail, ctx.now);
    }
    tx.commit();
  } catch (const store::Duplicate&) {
    // A racing Enregistrer of another draft for the same exam and session (another
    // académie) committed first: the unique index refused this one, the rollback kept
    // the draft, and the candidate is sent to the active candidature as above.
    if (b.candidature) throw;
    store::Read read(portal.db());
    const auto all = store::candidatures_of(read, ctx.compte->id);
    if (auto active = candidature_active(all, portal, b.dossier.domaine, b.dossier.session))
      return Response::redirect("/inscription/" + std::to_string(active->id));
    throw;
  }
  portal.services().courrier().committed();
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
      champs[nom].emplace_back(texte::cut_utf8(valeur, kMaxValeur));
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
    all = store::brouillons_of(read, ctx.compte->id);
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
    existing = store::load_brouillon(read, ctx.compte->id, cle);
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

}  // namespace examens::portail
