// Handlers of the documents: "Mes documents", the PDFs, tab 7's "Visualiser/Imprimer", and
// the public check of a document's code (/verifier).
#include "portail/documents.hpp"

#include <algorithm>

#include "actions/documents.hpp"
#include "domain/candidature.hpp"
#include "domain/temps.hpp"
#include "portail/inscription.hpp"
#include "store/candidatures.hpp"

namespace examens::portail {
namespace {

// Every document URL answers this to anyone but its owner, the anonymous included: a 403
// or a login redirect would tell that the document exists.
Response document_introuvable(Portal& portal, Context& ctx) {
  return portal.error_page(ctx, 404, "Document introuvable",
                           "Ce document n'existe pas, ou il n'est pas accessible depuis votre "
                           "compte.");
}

Response pdf_response(actions::Pdf pdf) {
  Response r;
  r.body = std::move(pdf.octets);
  r.set_header("Content-Type", "application/pdf");
  // Inline: "Visualiser/Imprimer" opens the browser's viewer; the name is the one saved.
  r.set_header("Content-Disposition", "inline; filename=\"" + pdf.nom_fichier + "\"");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

// GET /documents/{id}: the PDF, to its owner only.
Response telecharger(Portal& portal, Context& ctx) {
  const auto id = identifiant(ctx.req, "id");
  if (!ctx.compte || !id) return document_introuvable(portal, ctx);
  auto issue = actions::telecharger_document(portal.services(), ctx.compte->id, *id);
  if (auto* pdf = std::get_if<actions::Pdf>(&issue)) return pdf_response(std::move(*pdf));
  if (std::holds_alternative<actions::DocumentIntrouvable>(issue))
    return document_introuvable(portal, ctx);
  Response r = portal.error_page(ctx, 503, "Document en cours de préparation",
                                 "Ce document est en cours de préparation : il sera disponible "
                                 "dans quelques instants. Rechargez la page.");
  r.set_header("Retry-After", "5");
  return r;
}

// GET /inscription/saisie/{cle}/7/recapitulatif.pdf: the draft's récapitulatif, provisional.
// Handlers run on the worker pool, never on the I/O threads: the rendering may take its time.
Response apercu(Portal& portal, Context& ctx) {
  if (!ctx.compte) return document_introuvable(portal, ctx);
  auto pdf = actions::recapitulatif_provisoire(portal.services(), *ctx.compte,
                                               ctx.req.params.at("cle"), ctx.now);
  if (!pdf) return document_introuvable(portal, ctx);
  return pdf_response(std::move(*pdf));
}

// GET /documents: "Mes documents", for each candidature the candidate sees.
Response mes_documents(Portal& portal, Context& ctx) {
  if (!ctx.compte) return Portal::login_required();
  std::vector<store::Candidature> all;
  {
    store::Read read(portal.db());
    all = store::candidatures_of(read, ctx.compte->id);
  }
  const auto documents = actions::derniers_documents(portal.services(), ctx.compte->id);
  Data candidatures{Data::type::list};
  for (const auto& c : all) {
    const auto* session = portal.catalogue().session(c.domaine, c.session);
    if (!domain::visible_du_candidat(c.etat, session && session->fermee)) continue;
    Data d = resume_candidature(portal, c);
    d.set("documents", documents_data(documents, c.id));
    candidatures.push_back(d);
  }
  Data data;
  data.set("aucune_candidature", candidatures.is_empty_list());
  data.set("candidatures", candidatures);
  return portal.page(ctx, "documents/mes_documents", "Mes documents", std::move(data));
}

Data champ_code(const std::string& value, const std::string& error) {
  Data f;
  f.set("id", "code");
  f.set("type", "text");
  f.set("label", "Code de vérification");
  f.set("hint",
        "Les 16 caractères imprimés sous le QR code du document, par exemple "
        "7K2M-QX4P-9TBN-H3RD.");
  f.set("value", value);
  f.set("autocomplete", "off");
  f.set("required", true);
  if (!error.empty()) f.set("error", error);
  return f;
}

Data authentique(const actions::DocumentAuthentique& a) {
  Data d;
  d.set("initiales", a.initiales);
  d.set("examen", a.domaine);
  d.set("session", a.session);
  d.set("academie", a.academie);
  d.set("document", std::string(domain::titre_nature(a.nature)));
  d.set("version", std::to_string(a.version));
  d.set("date", domain::format_paris_datetime(a.date));
  if (a.remplace_par) {
    d.set("nouvelle_version", std::to_string(a.remplace_par->first));
    d.set("nouvelle_date", domain::format_paris_datetime(a.remplace_par->second));
  }
  return d;
}

// GET /verifier (the form) and /verifier?code=… (the QR code's address): whether a document
// is authentic, telling only what SPEC §5 allows.
Response verifier(Portal& portal, Context& ctx) {
  const auto saisi = ctx.req.query_param("code");
  Data data;
  if (!saisi) {
    data.set("code", champ_code("", ""));
    return portal.page(ctx, "documents/verifier", "Vérifier un document", std::move(data));
  }
  const std::string value(*saisi);
  auto issue =
      actions::verifier_document(portal.services(), ctx.req.remote_address, value, ctx.now);
  int status = 200;
  std::string error;
  if (const auto* bloquee = std::get_if<actions::VerificationBloquee>(&issue)) {
    Response r = portal.error_page(ctx, 429, "Trop de vérifications",
                                   "Vous avez vérifié trop de codes en peu de temps depuis cette "
                                   "adresse. Patientez quelques minutes avant de réessayer.");
    r.set_header("Retry-After", std::to_string(std::max<long long>(1, bloquee->attente.count())));
    return r;
  }
  if (std::holds_alternative<actions::CodeMalforme>(issue)) {
    status = 400;
    error =
        "Ce code n'a pas la forme d'un code de vérification : il compte 16 lettres ou "
        "chiffres, par exemple 7K2M-QX4P-9TBN-H3RD.";
    data.set("has_errors", true);
  } else if (std::holds_alternative<actions::CodeInconnu>(issue)) {
    status = 404;
    data.set("inconnu", true);
  } else {
    data.set("authentique", authentique(std::get<actions::DocumentAuthentique>(issue)));
  }
  data.set("code", champ_code(value, error));
  return portal.page(ctx, "documents/verifier", "Vérifier un document", std::move(data), status);
}

}  // namespace

Data documents_data(const std::vector<store::Document>& all, long long candidature_id) {
  Data lignes{Data::type::list};
  for (const auto& d : all) {
    if (d.candidature_id != candidature_id) continue;
    Data l;
    l.set("nature", std::string(domain::code_nature(d.nature)));
    l.set("libelle", std::string(domain::libelle_nature(d.nature)));
    l.set("version", std::to_string(d.version));
    if (d.pret) {
      l.set("href", "/documents/" + std::to_string(d.id));
      l.set("date",
            domain::format_paris_date(d.cree_le) + " " + domain::format_paris_time(d.cree_le));
    }
    lignes.push_back(l);
  }
  return lignes;
}

void add_documents_routes(Router<RouteHandler>& r) {
  r.add(Method::get, "/documents", mes_documents);
  r.add(Method::get, "/documents/{id}", telecharger);
  r.add(Method::get, "/inscription/saisie/{cle}/7/recapitulatif.pdf", apercu);
  r.add(Method::get, "/verifier", verifier);
}

}  // namespace examens::portail
