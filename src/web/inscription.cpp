// Handlers of the registration space: "Ouverture des services" (the public windows by
// domaine, session and académie), the "Mes inscriptions" cards, and "Se désinscrire".
#include "web/inscription.hpp"

#include "domain/candidature.hpp"
#include "domain/catalogue.hpp"
#include "store/candidatures.hpp"

namespace examens::web {
namespace {

constexpr std::string_view kOuverture = "/ouverture-des-services";

Data link(std::string label, std::string href) {
  Data d;
  d.set("label", std::move(label));
  d.set("href", std::move(href));
  return d;
}

// Each choice narrows the next: domaine, then session, then académie. Plain links, so the
// page works without JavaScript and every step has its own address.
Response ouverture(Portal& portal, Context& ctx) {
  const auto& catalogue = portal.catalogue();
  const std::string domaine_code(ctx.req.query_param("domaine").value_or(""));
  const std::string session_code(ctx.req.query_param("session").value_or(""));
  const std::string academie_code(ctx.req.query_param("academie").value_or(""));
  const domain::Domaine* domaine = catalogue.domaine(domaine_code);
  const domain::SessionExamen* session =
      domaine ? catalogue.session(domaine->code, session_code) : nullptr;
  if (session && session->fermee) session = nullptr;
  const domain::Academie* academie = session ? catalogue.academie(academie_code) : nullptr;

  Data data;
  Data resume{Data::type::list};
  Data choix{Data::type::list};
  const std::string base = std::string(kOuverture);
  if (!domaine) {
    data.set("etape", "Sélectionnez un examen ou un concours");
    for (const auto& d : catalogue.domaines)
      choix.push_back(link(d.libelle, base + "?domaine=" + d.code));
  } else {
    const std::string with_domaine = base + "?domaine=" + domaine->code;
    resume.push_back(link(domaine->libelle, base));
    if (!session) {
      data.set("etape", "Sélectionnez une session");
      for (const auto* s : catalogue.sessions_of(domaine->code))
        choix.push_back(link(s->libelle, with_domaine + "&session=" + s->code));
    } else {
      const std::string with_session = with_domaine + "&session=" + session->code;
      resume.push_back(link(session->libelle, with_domaine));
      if (!academie) {
        data.set("etape", "Sélectionnez une académie");
        for (const auto* p : catalogue.periodes_of(domaine->code, session->code))
          if (const auto* a = catalogue.academie(p->academie))
            choix.push_back(link(a->nom + " - (" + session->libelle + ")",
                                 with_session + "&academie=" + a->code));
      } else {
        resume.push_back(link(academie->nom + " - (" + session->libelle + ")", with_session));
        const auto* periode = catalogue.periode(domaine->code, session->code, academie->code);
        data.set("resultat", true);
        if (periode) {
          data.set("phrase", domain::phrase_periode(*periode, ctx.now));
          data.set("ouverte",
                   domain::etat_periode(*periode, ctx.now) == domain::EtatPeriode::ouverte);
        }
      }
    }
  }
  data.set("resume", resume);
  data.set("choix", choix);
  data.set("aucun_choix", choix.is_empty_list() && !data.get("resultat"));
  return portal.page(ctx, "inscription/ouverture", "Ouverture des services", data);
}

std::string libelle_domaine(const domain::Catalogue& catalogue, const std::string& code) {
  const auto* d = catalogue.domaine(code);
  return d ? d->libelle : code;
}

// The candidature of the logged-in candidate named by the path, if it is his.
std::optional<store::Candidature> candidature_of_path(Portal& portal, const Context& ctx) {
  long long id = 0;
  try {
    id = std::stoll(ctx.req.params.at("id"));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  store::Read read(portal.db());
  return store::find_candidature(read.sql(), ctx.compte->id, id);
}

// School pupils' accounts carry the login id their school gave; a candidate who created
// his own account is an individual one, the only kind who unregisters himself.
bool candidat_individuel(const store::Compte& compte) {
  return compte.identifiant.empty();
}

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
  return d;
}

std::optional<std::string> refus_desinscription(const Portal& portal, const Context& ctx,
                                                const store::Candidature& c) {
  return domain::desinscription_refusee(
      c.etat, candidat_individuel(*ctx.compte),
      portal.catalogue().periode(c.domaine, c.session, c.academie), ctx.now);
}

Response candidature_introuvable(Portal& portal, Context& ctx) {
  return portal.error_page(ctx, 404, "Candidature introuvable",
                           "Cette candidature n'existe pas dans votre compte.");
}

// The seed's confirmation, or why unregistering is refused.
Response desinscription_page(Portal& portal, Context& ctx, const store::Candidature& c,
                             int status) {
  Data data = resume_candidature(portal, c);
  if (auto refus = refus_desinscription(portal, ctx, c)) data.set("refus", *refus);
  return portal.page(ctx, "inscription/desinscrire", "Se désinscrire", data, status);
}

Response desinscrire_form(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  auto c = candidature_of_path(portal, ctx);
  if (!c) return candidature_introuvable(portal, ctx);
  return desinscription_page(portal, ctx, *c, 200);
}

// The state changes and the row stays: the office sees "Désinscrit par le candidat",
// and the candidature is never reactivated (a new one is needed).
Response desinscrire(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  auto c = candidature_of_path(portal, ctx);
  if (!c) return candidature_introuvable(portal, ctx);
  if (refus_desinscription(portal, ctx, *c)) return desinscription_page(portal, ctx, *c, 409);
  {
    store::Tx tx(portal.db());
    store::mark_desinscrite(tx.sql(), c->id, ctx.now);
    Data mail = resume_candidature(portal, *c);
    portal.queue_mail(tx.sql(), *ctx.compte, "desinscription",
                      "Désinscription : " + libelle_domaine(portal.catalogue(), c->domaine), mail,
                      ctx.now);
    tx.commit();
  }
  portal.mail_committed();
  return Response::redirect("/?desinscrit=1");
}

}  // namespace

void add_mes_inscriptions(Portal& portal, const Context& ctx, Data& data) {
  std::vector<store::Candidature> all;
  {
    store::Read read(portal.db());
    all = store::candidatures_of(read.sql(), ctx.compte->id);
  }
  Data cartes{Data::type::list};
  for (const auto& c : all) {
    const auto* session = portal.catalogue().session(c.domaine, c.session);
    if (!domain::visible_du_candidat(c.etat, session && session->fermee)) continue;
    Data carte = resume_candidature(portal, c);
    carte.set("desinscription_possible", !refus_desinscription(portal, ctx, c));
    cartes.push_back(carte);
  }
  data.set("aucune_candidature", cartes.is_empty_list());
  data.set("cartes", cartes);
}

void add_inscription_routes(Router<RouteHandler>& r) {
  r.add(Method::get, kOuverture, ouverture);
  r.add(Method::get, "/inscription/{id}/desinscrire", desinscrire_form);
  r.add(Method::post, "/inscription/{id}/desinscrire", desinscrire);
}

}  // namespace examens::web
