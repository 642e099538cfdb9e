// Handlers of the registration space: "Ouverture des services" (the public windows by
// domaine, session and académie), the "Mes inscriptions" cards, and "Se désinscrire".
#include "portail/inscription.hpp"

#include "actions/candidature.hpp"
#include "actions/documents.hpp"
#include "actions/recapitulatif.hpp"
#include "domain/candidature.hpp"
#include "domain/catalogue.hpp"
#include "domain/temps.hpp"
#include "portail/documents.hpp"
#include "portail/recapitulatif.hpp"
#include "portail/saisie_onglets.hpp"
#include "store/candidatures.hpp"

namespace examens::portail {
namespace {

constexpr std::string_view kOuverture = "/ouverture-des-services";

Data link(std::string label, std::string href) {
  Data d;
  d.set("label", std::move(label));
  d.set("href", std::move(href));
  return d;
}

Response ouverture(Portal& portal, Context& ctx) {
  ChoixExamen choix = choix_examen(portal, ctx, kOuverture);
  return portal.page(ctx, "inscription/ouverture", "Ouverture des services", std::move(choix.data));
}

std::string libelle_domaine(const domain::Catalogue& catalogue, const std::string& code) {
  const auto* d = catalogue.domaine(code);
  return d ? d->libelle : code;
}

// The candidature of the logged-in candidate named by the path, if it is his.
std::optional<store::Candidature> candidature_of_path(Portal& portal, const Context& ctx) {
  const auto id = identifiant(ctx.req, "id");
  if (!id) return std::nullopt;
  store::Read read(portal.db());
  return store::find_candidature(read, ctx.compte->id, *id);
}

}  // namespace

Data resume_candidature(const Portal& portal, const store::Candidature& c) {
  const auto& catalogue = portal.catalogue();
  Data d;
  d.set("id", std::to_string(c.id));
  d.set("examen", libelle_domaine(catalogue, c.domaine));
  const auto* session = catalogue.session(c.domaine, c.session);
  d.set("session", session ? session->libelle : c.session);
  const auto* academie = catalogue.academie(c.academie);
  d.set("academie", academie ? academie->nom : c.academie);
  d.set("numero", c.numero_inscription);
  d.set("etat", std::string(domain::libelle_etat(c.etat)));
  if (c.etat == domain::EtatCandidature::annulee) {
    // The cancellation is the candidature's last change (store/annulation.hpp).
    d.set("annulee", true);
    d.set("annulee_le", domain::format_paris_date(c.modifie_le));
  }
  // As registered, from the snapshot: the card shows what the récapitulatif says.
  const auto recap = actions::parse_object(c.donnees);
  if (const auto* s = recap.if_contains("specialite"); s && s->is_string() && *s != "-")
    d.set("specialite", std::string(s->get_string()));
  if (const auto* info = recap.if_contains("candidature"); info && info->is_object())
    if (const auto* e = info->get_object().if_contains("etablissement"); e && e->is_string())
      d.set("etablissement", std::string(e->get_string()));
  return d;
}

namespace {

std::optional<std::string> refus_desinscription(Portal& portal, const Context& ctx,
                                                const store::Candidature& c) {
  return actions::refus_desinscription(portal.services(), *ctx.compte, c, ctx.now);
}

std::optional<std::string> refus_modification(Portal& portal, const Context& ctx,
                                              const store::Candidature& c) {
  return actions::refus_modification(portal.services(), c, ctx.now);
}

Response candidature_introuvable(Portal& portal, Context& ctx) {
  return Rendu{portal, ctx}(actions::CandidatureIntrouvable{});
}

// The seed's confirmation, or why unregistering is refused.
Response desinscription_page(Portal& portal, Context& ctx, const store::Candidature& c,
                             const std::optional<std::string>& refus, int status) {
  Data data = resume_candidature(portal, c);
  if (refus) data.set("refus", *refus);
  return portal.page(ctx, "inscription/desinscrire", "Se désinscrire", std::move(data), status);
}

Response desinscrire_form(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  auto c = candidature_of_path(portal, ctx);
  if (!c) return candidature_introuvable(portal, ctx);
  return desinscription_page(portal, ctx, *c, refus_desinscription(portal, ctx, *c), 200);
}

Response desinscrire(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  if (!id) return candidature_introuvable(portal, ctx);
  const auto issue =
      actions::desinscrire(portal.services(), *ctx.compte, *id, ctx.req.remote_address, ctx.now);
  if (std::holds_alternative<actions::CandidatureIntrouvable>(issue))
    return candidature_introuvable(portal, ctx);
  if (const auto* refusee = std::get_if<actions::DesinscriptionRefusee>(&issue))
    return desinscription_page(portal, ctx, refusee->candidature, refusee->raison, 409);
  return Response::redirect("/?desinscrit=1");
}

// What every page of one candidature shows at the top, and its office's contact block.
Data entete_candidature(Portal& portal, const Context& ctx, const store::Candidature& c) {
  Data d = resume_candidature(portal, c);
  d.set("numero_candidat", ctx.compte->numero_candidat);
  std::string version = std::to_string(c.version);  // "Version 02", as the seed writes it
  if (version.size() < 2) version.insert(version.begin(), '0');
  d.set("version", version);
  d.set("date", domain::format_paris_date(c.modifie_le));
  d.set("heure", domain::format_paris_time(c.modifie_le));
  if (const auto* a = portal.catalogue().academie(c.academie)) {
    Data contact;
    contact.set("nom", a->nom);
    Data lignes{Data::type::list};
    for (const auto& l : a->contact) lignes.push_back(Data(l));
    contact.set("lignes", lignes);
    if (!a->telephone.empty()) contact.set("telephone", a->telephone);
    if (!a->email.empty()) contact.set("email", a->email);
    d.set("contact", contact);
  }
  if (const auto* p = portal.catalogue().periode(c.domaine, c.session, c.academie)) {
    d.set("fermeture_date", domain::format_paris_date(p->fermeture));
    d.set("fermeture_heure", domain::format_paris_time(p->fermeture));
  }
  d.set("modifiable", !refus_modification(portal, ctx, c));
  d.set("desinscription_possible", !refus_desinscription(portal, ctx, c));
  return d;
}

// "Mes activités": what the candidate can do with one candidature.
Response activites(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  auto c = candidature_of_path(portal, ctx);
  if (!c) return candidature_introuvable(portal, ctx);
  return portal.page(ctx, "inscription/activites", "Mes activités",
                     entete_candidature(portal, ctx, *c));
}

// "Mon inscription": the récapitulatif of the latest version, in consultation mode.
Response consultation(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  auto c = candidature_of_path(portal, ctx);
  if (!c) return candidature_introuvable(portal, ctx);
  Data data = entete_candidature(portal, ctx, *c);
  data.set("recap", recapitulatif_data(actions::parse_object(c->donnees)));
  if (auto refus = refus_modification(portal, ctx, *c)) data.set("refus_modification", *refus);
  return portal.page(ctx, "inscription/consultation", "Mon inscription", std::move(data));
}

// Tab 9, "N° Inscription", as the seed shows it after Enregistrer.
Response numero(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  auto c = candidature_of_path(portal, ctx);
  if (!c) return candidature_introuvable(portal, ctx);
  Data data = entete_candidature(portal, ctx, *c);
  const auto documents = actions::derniers_documents(portal.services(), ctx.compte->id);
  data.set("documents", documents_data(documents, c->id));
  for (const auto& d : documents)
    if (d.candidature_id == c->id && d.nature == domain::NatureDocument::recapitulatif)
      data.set(d.pret ? "visualiser" : "recapitulatif_en_preparation",
               "/documents/" + std::to_string(d.id));
  return portal.page(ctx, "inscription/numero", "N° Inscription", std::move(data));
}

// POST /inscription/{id}/modifier: the wizard on the registered candidature.
Response modifier(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  const auto id = identifiant(ctx.req, "id");
  if (!id) return candidature_introuvable(portal, ctx);
  return std::visit(Rendu{portal, ctx},
                    actions::ouvrir_modification(portal.services(), *ctx.compte, *id, ctx.now));
}

}  // namespace

// Each choice narrows the next: domaine, then session, then académie. Plain links, so the
// page works without JavaScript and every step has its own address.
ChoixExamen choix_examen(const Portal& portal, const Context& ctx, std::string_view base_path) {
  const auto& catalogue = portal.catalogue();
  const std::string domaine_code(ctx.req.query_param("domaine").value_or(""));
  const std::string session_code(ctx.req.query_param("session").value_or(""));
  const std::string academie_code(ctx.req.query_param("academie").value_or(""));
  ChoixExamen out;
  out.domaine = catalogue.domaine(domaine_code);
  out.session = out.domaine ? catalogue.session(out.domaine->code, session_code) : nullptr;
  if (out.session && out.session->fermee) out.session = nullptr;
  out.academie = out.session ? catalogue.academie(academie_code) : nullptr;

  Data& data = out.data;
  Data resume{Data::type::list};
  Data choix{Data::type::list};
  const std::string base(base_path);
  data.set("base", base);
  if (!out.domaine) {
    data.set("etape", "Sélectionnez un examen ou un concours");
    for (const auto& d : catalogue.domaines)
      choix.push_back(link(d.libelle, base + "?domaine=" + d.code));
  } else {
    const std::string with_domaine = base + "?domaine=" + out.domaine->code;
    resume.push_back(link(out.domaine->libelle, base));
    if (!out.session) {
      data.set("etape", "Sélectionnez une session");
      for (const auto* s : catalogue.sessions_of(out.domaine->code))
        choix.push_back(link(s->libelle, with_domaine + "&session=" + s->code));
    } else {
      const std::string with_session = with_domaine + "&session=" + out.session->code;
      resume.push_back(link(out.session->libelle, with_domaine));
      if (!out.academie) {
        data.set("etape", "Sélectionnez une académie");
        for (const auto* p : catalogue.periodes_of(out.domaine->code, out.session->code))
          if (const auto* a = catalogue.academie(p->academie))
            choix.push_back(link(a->nom + " - (" + out.session->libelle + ")",
                                 with_session + "&academie=" + a->code));
      } else {
        resume.push_back(
            link(out.academie->nom + " - (" + out.session->libelle + ")", with_session));
        out.periode = catalogue.periode(out.domaine->code, out.session->code, out.academie->code);
        data.set("resultat", true);
        if (out.periode) {
          data.set("phrase", domain::phrase_periode(*out.periode, ctx.now));
          data.set("ouverte",
                   domain::etat_periode(*out.periode, ctx.now) == domain::EtatPeriode::ouverte);
        }
      }
    }
  }
  data.set("resume", resume);
  data.set("choix", choix);
  data.set("aucun_choix", choix.is_empty_list() && !data.get("resultat"));
  return out;
}

void add_mes_inscriptions(Portal& portal, const Context& ctx,
                          const std::vector<store::Candidature>& all, Data& data) {
  Data cartes{Data::type::list};
  for (const auto& c : all) {
    const auto* session = portal.catalogue().session(c.domaine, c.session);
    if (!domain::visible_du_candidat(c.etat, session && session->fermee)) continue;
    Data carte = resume_candidature(portal, c);
    const auto refus = refus_desinscription(portal, ctx, c);
    carte.set("desinscription_possible", !refus);
    // Where the button would be, the card says why it is not; a cancelled one says why
    // it was cancelled instead.
    if (refus && c.etat != domain::EtatCandidature::annulee)
      carte.set("refus_desinscription", *refus);
    cartes.push_back(carte);
  }
  data.set("aucune_candidature", cartes.is_empty_list());
  data.set("cartes", cartes);
}

void add_inscription_routes(Router<RouteHandler>& r) {
  r.add(Method::get, kOuverture, ouverture);
  r.add(Method::get, "/inscription/{id}", activites);
  r.add(Method::get, "/inscription/{id}/recapitulatif", consultation);
  r.add(Method::get, "/inscription/{id}/numero", numero);
  r.add(Method::post, "/inscription/{id}/modifier", modifier);
  r.add(Method::get, "/inscription/{id}/desinscrire", desinscrire_form);
  r.add(Method::post, "/inscription/{id}/desinscrire", desinscrire);
}

}  // namespace examens::portail
