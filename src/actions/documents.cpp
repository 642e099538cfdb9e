// The candidature's documents: queued, rendered, listed, served, verified.
#include "actions/documents.hpp"

#include "actions/recapitulatif.hpp"
#include "crypto/secrets.hpp"
#include "documents/documents.hpp"
#include "domain/throttle.hpp"
#include "log/log.hpp"
#include "pdf/document.hpp"
#include "store/candidatures.hpp"
#include "store/sessions.hpp"

namespace examens::actions {
namespace {

// Long enough for a batch of renderings on a loaded machine; a crashed preparer's claims
// lapse after it.
constexpr auto kLease = std::chrono::seconds(60);
constexpr int kBatch = 20;

std::string texte(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

pdf::Document decrire(domain::NatureDocument nature, const boost::json::object& snapshot,
                      const documents::Entete& entete) {
  return nature == domain::NatureDocument::recapitulatif
             ? documents::recapitulatif(snapshot, entete)
             : documents::demande_pieces(snapshot, entete);
}

std::string nom_fichier(domain::NatureDocument nature, const std::string& numero, int version) {
  std::string nom(domain::fichier_nature(nature));
  if (!numero.empty()) nom += "-" + numero;
  return nom + (version > 0 ? "-version-" + std::to_string(version) : "-provisoire") + ".pdf";
}

// Renders and stores one claimed document; false when it failed (logged: its claim lapses
// and the next round tries again).
bool preparer(const Services& services, const store::DocumentAPreparer& a, domain::Instant now) {
  const auto snapshot = parse_object(a.donnees);
  const auto& d = a.document;
  documents::Entete entete{texte(snapshot, "numero_candidat"),
                           a.numero_inscription,
                           d.version,
                           a.enregistre_le,
                           domain::code_affiche(d.code),
                           services.reglages().base_url + "/verifier?code=" + d.code};
  std::string pdf;
  try {
    pdf = pdf::render(decrire(d.nature, snapshot, entete));
  } catch (const std::exception& e) {
    log::error("document_rendering_failed", {{"id", d.id}, {"error", e.what()}});
    return false;
  }
  store::Tx tx(services.db());
  const bool stored = store::store_pdf(tx, d.id, crypto::base64(pdf), now);
  tx.commit();
  // Which instance rendered what; `stored` false is a second rendering after a lapsed claim,
  // which the guard of store_pdf kept from being stored.
  log::info("document_prepared", {{"id", d.id}, {"stored", stored}});
  return stored;
}

}  // namespace

void demander_documents(store::Tx& tx, long long candidature_id, int version, domain::Instant now) {
  for (const auto nature : domain::kNaturesDocument)
    store::insert_document(tx, candidature_id, nature, version,
                           crypto::random_chars(domain::kLongueurCode, domain::kAlphabetCode), now);
}

int preparer_documents(const Services& services, domain::Instant now) {
  std::vector<store::DocumentAPreparer> claimed;
  {
    store::Tx tx(services.db());
    claimed = store::claim_documents(tx, now, kLease, kBatch);
    tx.commit();
  }
  int stored = 0;
  for (const auto& a : claimed)
    if (preparer(services, a, now)) ++stored;
  return stored;
}

std::vector<store::Document> derniers_documents(const Services& services, long long compte_id) {
  store::Read read(services.db());
  return store::latest_documents_of(read, compte_id);
}

Telechargement telecharger_document(const Services& services, long long compte_id, long long id) {
  std::optional<std::pair<store::Document, std::string>> found;
  std::optional<store::Candidature> candidature;
  {
    store::Read read(services.db());
    found = store::document_of_compte(read, compte_id, id);
    if (found) candidature = store::find_candidature(read, compte_id, found->first.candidature_id);
  }
  if (!found || !candidature) return DocumentIntrouvable{};
  auto& [document, base64] = *found;
  if (!document.pret) return DocumentEnPreparation{std::move(document)};
  auto octets = crypto::from_base64(base64);
  if (!octets)
    throw std::runtime_error("document " + std::to_string(id) + ": stored PDF unreadable");
  return Pdf{nom_fichier(document.nature, candidature->numero_inscription, document.version),
             std::move(*octets)};
}

std::optional<Pdf> recapitulatif_provisoire(const Services& services, const store::Compte& compte,
                                            const std::string& cle, domain::Instant now) {
  std::optional<Brouillon> b;
  {
    store::Read read(services.db());
    b = lire_brouillon(read, compte.id, cle);
  }
  if (!b) return std::nullopt;
  const auto snapshot = recapitulatif(services, compte, b->dossier, now);
  const documents::Entete entete{compte.numero_candidat, "", 0, now, "", ""};
  return Pdf{nom_fichier(domain::NatureDocument::recapitulatif, "", 0),
             pdf::render(documents::recapitulatif(snapshot, entete))};
}

Verification verifier_document(const Services& services, const std::string& adresse,
                               std::string_view saisi, domain::Instant now) {
  const std::string cle = "verifier:" + adresse;
  const auto code = domain::normaliser_code(saisi);
  std::optional<store::Verification> found;
  {
    store::Tx tx(services.db());
    const auto bloquee = [&]() -> std::optional<Verification> {
      if (const auto until = store::blocked_until(tx, cle, now))
        return VerificationBloquee{*until - now};
      return std::nullopt;
    };
    if (!code) return bloquee().value_or(CodeMalforme{});
    if (!store::admit_attempt(tx, cle, now, domain::kVerificationThrottle))
      return bloquee().value_or(VerificationBloquee{});
    found = store::verify_code(tx, *code);
    tx.commit();
  }
  if (!found) return CodeInconnu{};
  const auto snapshot = parse_object(found->donnees);
  const auto* identite = snapshot.if_contains("identite");
  const auto personne =
      identite && identite->is_object() ? identite->get_object() : boost::json::object();
  DocumentAuthentique out{
      domain::initiales(texte(personne, "prenoms"), texte(personne, "nom_famille")),
      found->domaine,
      found->session,
      found->academie,
      found->document.nature,
      found->document.version,
      found->enregistre_le,
      std::nullopt};
  const auto& catalogue = services.catalogue();
  if (const auto* d = catalogue.domaine(found->domaine)) out.domaine = d->libelle;
  if (const auto* s = catalogue.session(found->domaine, found->session)) out.session = s->libelle;
  if (const auto* a = catalogue.academie(found->academie)) out.academie = a->nom;
  if (found->derniere_version > found->document.version)
    out.remplace_par = std::pair{found->derniere_version, found->derniere_date};
  return out;
}

}  // namespace examens::actions
