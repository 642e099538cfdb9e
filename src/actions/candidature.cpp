// Enregistrer, modifier, se désinscrire: the candidature's writes and their mails.
#include "actions/candidature.hpp"

#include <boost/json.hpp>

#include "actions/audit.hpp"
#include "actions/documents.hpp"
#include "actions/etat_pieces.hpp"
#include "actions/recapitulatif.hpp"
#include "domain/audit.hpp"
#include "domain/candidature.hpp"
#include "domain/temps.hpp"

namespace examens::actions {
namespace {

using templates::Data;

// What the registration and modification mails say besides: the window and the office.
Data mail_enregistrement(const Services& services, const store::Compte& compte,
                         const domain::DossierSaisi& d, domain::Instant now) {
  Data mail = mail_candidature(services, d.domaine, d.session, d.academie);
  mail.set("contact", contact_academie(services, d.academie));
  if (const auto* p = services.catalogue().periode(d.domaine, d.session, d.academie))
    mail.set("fermeture", domain::format_paris_datetime(p->fermeture));
  mail.set("date", domain::format_paris_datetime(now));
  mail.set("numero_candidat", compte.numero_candidat);
  mail.set("documents", services.reglages().base_url + "/documents");
  return mail;
}

// The candidature's version n+1 and its mail, in `tx`; false when the candidature was
// unregistered or closed by the office since the draft was opened.
bool nouvelle_version(store::Tx& tx, const Services& services, const store::Compte& compte,
                      const Auteur& auteur, const Brouillon& b, const std::string& snapshot,
                      domain::Instant now) {
  const auto version = store::save_modification(tx, b.candidature, snapshot, now);
  if (!version) return false;
  // Ours, since the draft of its modification was: the update above found it.
  const auto c = store::find_candidature(tx, compte.id, b.candidature).value();
  journaliser_candidature(tx, auteur, domain::kActionCandidatureModifiee, c.id, c.academie,
                          etat_candidature(c.etat, *version - 1),
                          etat_candidature(c.etat, *version), now);
  // The new version may require other pieces.
  tenir_etat_pieces(tx, c);
  demander_documents(tx, b.candidature, *version, now);
  Data mail = mail_enregistrement(services, compte, b.dossier, now);
  mail.set("version", std::to_string(*version));
  mail.set("numero", c.numero_inscription);
  services.courrier().queue(
      tx, compte, "modification",
      "Modification d'inscription : " + libelle_examen(services, b.dossier.domaine), mail, now);
  return true;
}

// The new candidature and its mail, in `tx`. Throws store::Duplicate when the exam and
// session have an active candidature already.
Inscrite nouvelle_candidature(store::Tx& tx, const Services& services, const store::Compte& compte,
                              const Auteur& auteur, const Brouillon& b, const std::string& snapshot,
                              domain::Instant now) {
  const auto& d = b.dossier;
  const auto c =
      store::insert_candidature(tx, compte.id, d.domaine, d.session, d.academie, snapshot, now);
  journaliser_candidature(tx, auteur, domain::kActionCandidatureInscrite, c.id, c.academie, "",
                          etat_candidature(c.etat, c.version), now);
  // No piece has a row yet: the column's default (en attente) holds unless none is required.
  if (pieces_requises(c.donnees).empty()) tenir_etat_pieces(tx, c);
  demander_documents(tx, c.id, c.version, now);
  Data mail = mail_enregistrement(services, compte, d, now);
  mail.set("numero", c.numero_inscription);
  services.courrier().queue(tx, compte, "inscription",
                            "Confirmation d'inscription : " + libelle_examen(services, d.domaine),
                            mail, now);
  return Inscrite{c.id};
}

// The first tab in error, shown with the notice that nothing was registered; the draft
// keeps what was typed.
std::optional<OngletAffiche> onglet_en_erreur(const Services& services, long long compte_id,
                                              const Brouillon& b, domain::Instant now) {
  const auto contexte = contexte_saisie(services, b.dossier, now);
  for (int o = 1; o <= domain::kOngletConditions; ++o) {
    auto errors = domain::valider_onglet(o, b.dossier.champs, contexte);
    if (errors.empty()) continue;
    conserver_brouillon(services, compte_id, b, now);
    return OngletAffiche{b, o, std::move(errors), Avis::pas_enregistree};
  }
  return std::nullopt;
}

std::optional<store::Candidature> candidature_of(const Services& services, long long compte_id,
                                                 long long id) {
  store::Read read(services.db());
  return store::find_candidature(read, compte_id, id);
}

}  // namespace

std::string libelle_examen(const Services& services, const std::string& domaine) {
  const auto* d = services.catalogue().domaine(domaine);
  return d ? d->libelle : domaine;
}

templates::Data mail_candidature(const Services& services, const std::string& domaine,
                                 const std::string& session, const std::string& academie) {
  const auto& catalogue = services.catalogue();
  templates::Data mail;
  mail.set("examen", libelle_examen(services, domaine));
  const auto* s = catalogue.session(domaine, session);
  mail.set("session", s ? s->libelle : session);
  const auto* a = catalogue.academie(academie);
  mail.set("academie", a ? a->nom : academie);
  return mail;
}

templates::Data contact_academie(const Services& services, const std::string& academie) {
  templates::Data contact{templates::Data::type::list};
  if (const auto* a = services.catalogue().academie(academie)) {
    for (const auto& l : a->contact) contact.push_back(templates::Data(l));
    if (!a->telephone.empty()) contact.push_back(templates::Data("Tel : " + a->telephone));
    if (!a->email.empty()) contact.push_back(templates::Data(a->email));
  }
  return contact;
}

std::optional<store::Candidature> candidature_active(const Services& services,
                                                     const std::vector<store::Candidature>& all,
                                                     const std::string& domaine,
                                                     const std::string& session) {
  for (const auto& c : all) {
    const auto* s = services.catalogue().session(c.domaine, c.session);
    if (c.domaine == domaine && c.session == session && domain::etat_actif(c.etat) &&
        !(s && s->fermee))
      return c;
  }
  return std::nullopt;
}

std::optional<std::string> refus_modification(const Services& services, const store::Candidature& c,
                                              domain::Instant now) {
  return domain::modification_refusee(
      c.etat, services.catalogue().periode(c.domaine, c.session, c.academie), now);
}

std::optional<std::string> refus_desinscription(const Services& services,
                                                const store::Compte& compte,
                                                const store::Candidature& c, domain::Instant now) {
  const bool individuel =
      domain::candidat_individuel(services.qualification(), c.domaine,
                                  champs_of(parse_object(c.donnees)), !compte.identifiant.empty());
  return domain::desinscription_refusee(
      c.etat, individuel, services.catalogue().periode(c.domaine, c.session, c.academie), now);
}

Enregistrement enregistrer_candidature(const Services& services, const store::Compte& compte,
                                       Brouillon b, const std::string& adresse,
                                       domain::Instant now) {
  if (auto erreur = onglet_en_erreur(services, compte.id, b, now)) return std::move(*erreur);
  const std::string snapshot =
      boost::json::serialize(recapitulatif(services, compte, b.dossier, now));
  long long id = b.candidature;
  std::optional<Enregistrement> refus;
  try {
    // On SQLite, the Enregistrer arriving together share a transaction: one COMMIT and one
    // sync of the log for them all. On PostgreSQL each has its own.
    services.db().grouped([&](store::Tx& tx) {
      // The draft is the ticket: of two Enregistrer of one draft (a double click, two tabs),
      // the second finds it gone and registers nothing more.
      if (!store::delete_brouillon(tx, compte.id, b.cle)) {
        refus = SaisieIntrouvable{};
        return false;
      }
      if (!b.candidature) {
        id = nouvelle_candidature(tx, services, compte, auteur_candidat(compte.id, adresse), b,
                                  snapshot, now)
                 .id;
        return true;
      }
      if (nouvelle_version(tx, services, compte, auteur_candidat(compte.id, adresse), b, snapshot,
                           now))
        return true;
      // Undone, the draft is kept, and the candidate is told why.
      refus = Refus{
          "Cette candidature a changé d'état pendant votre saisie (désinscription ou "
          "décision du service des examens) : elle ne peut plus être modifiée."};
      return false;
    });
  } catch (const store::Duplicate&) {
    // The exam and session have an active candidature (from another académie's draft, or a
    // racing Enregistrer that committed first): the unique index refused this one, which
    // costs no read of the account's candidatures on every Enregistrer. The rollback kept the
    // draft, and the candidate is sent to the active candidature.
    if (b.candidature) throw;
    store::Read read(services.db());
    const auto all = store::candidatures_of(read, compte.id);
    if (auto active = candidature_active(services, all, b.dossier.domaine, b.dossier.session))
      return VersCandidature{active->id};
    throw;
  }
  if (refus) return std::move(*refus);
  services.courrier().committed();
  services.documents_committed();
  return Inscrite{id};
}

OuvertureModification ouvrir_modification(const Services& services, const store::Compte& compte,
                                          long long candidature_id, domain::Instant now) {
  std::optional<store::Candidature> c;
  std::optional<Brouillon> existing;
  {
    store::Read read(services.db());
    c = store::find_candidature(read, compte.id, candidature_id);
    if (c) existing = lire_brouillon(read, compte.id, cle_modification(c->id));
  }
  if (!c) return CandidatureIntrouvable{};
  if (auto r = refus_modification(services, *c, now)) return Refus{*r};
  const std::string cle = cle_modification(c->id);
  if (!existing) {
    // Every tab passed when it was registered: the candidate moves freely among them.
    Brouillon b{cle,
                {c->domaine, c->session, c->academie, champs_of(parse_object(c->donnees))},
                c->id,
                domain::kOngletConditions};
    b.dossier.champs.erase("conditions_acceptees");
    conserver_brouillon(services, compte.id, b, now);
  }
  return VersOnglet{cle, 1};
}

Desinscription desinscrire(const Services& services, const store::Compte& compte,
                           long long candidature_id, const std::string& adresse,
                           domain::Instant now) {
  auto c = candidature_of(services, compte.id, candidature_id);
  if (!c) return CandidatureIntrouvable{};
  if (auto r = refus_desinscription(services, compte, *c, now))
    return DesinscriptionRefusee{*c, std::move(r)};
  bool desinscrite = false;
  {
    store::Tx tx(services.db());
    // Checked above, but a racing request (or the office) may have changed the state since:
    // the update only applies to a candidature still Inscrit.
    if (store::mark_desinscrite(tx, c->id, now)) {
      journaliser_candidature(
          tx, auteur_candidat(compte.id, adresse), domain::kActionCandidatureDesinscrite, c->id,
          c->academie, etat_candidature(domain::EtatCandidature::inscrit, c->version),
          etat_candidature(domain::EtatCandidature::desinscrit_candidat, c->version), now);
      Data mail = mail_candidature(services, c->domaine, c->session, c->academie);
      mail.set("numero", c->numero_inscription);
      services.courrier().queue(tx, compte, "desinscription",
                                "Désinscription : " + libelle_examen(services, c->domaine), mail,
                                now);
      tx.commit();
      desinscrite = true;
    }
  }
  if (desinscrite) {
    services.courrier().committed();
    return Desinscrite{};
  }
  c = candidature_of(services, compte.id, candidature_id);
  if (!c) return CandidatureIntrouvable{};
  auto raison = refus_desinscription(services, compte, *c, now);
  return DesinscriptionRefusee{std::move(*c), std::move(raison)};
}

}  // namespace examens::actions
