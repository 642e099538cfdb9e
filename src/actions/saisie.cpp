// The wizard's actions: start, open a tab, save a tab.
#include "actions/saisie.hpp"

#include <algorithm>

#include "actions/recapitulatif.hpp"
#include "domain/candidature.hpp"
#include "texte/texte.hpp"

namespace examens::actions {
namespace {

constexpr std::size_t kMaxValeur = 500;  // no field of the wizard needs more

// An outcome of one step, as the outcome of the whole action.
template <class To, class From>
To elargir(From&& from) {
  return std::visit([](auto&& x) -> To { return std::forward<decltype(x)>(x); },
                    std::forward<From>(from));
}

// Why the draft cannot go on now (its window closed, or the candidature left the
// candidate's hands), or nullopt.
std::optional<std::string> refus(const Services& services, long long compte_id, const Brouillon& b,
                                 domain::Instant now) {
  const auto* periode =
      services.catalogue().periode(b.dossier.domaine, b.dossier.session, b.dossier.academie);
  if (!b.candidature) return domain::inscription_refusee(periode, now);
  std::optional<store::Candidature> c;
  {
    store::Read read(services.db());
    c = store::find_candidature(read, compte_id, b.candidature);
  }
  if (!c) return "Cette candidature n'existe pas dans votre compte.";
  return domain::modification_refusee(c->etat, periode, now);
}

// The draft whose tab `onglet` may be shown now, or where to go instead.
struct Cible {
  std::optional<Brouillon> brouillon;
  std::variant<SaisieIntrouvable, Refus, VersOnglet> sinon;
};

Cible cible(const Services& services, long long compte_id, SaisieLue&& saisie, int onglet,
            domain::Instant now) {
  Cible out;
  const std::string& cle = saisie.cle;
  out.brouillon = std::move(saisie.brouillon);
  if (!out.brouillon || onglet < 1 || onglet > domain::kOngletConditions) {
    out.sinon = SaisieIntrouvable{};
  } else if (auto r = refus(services, compte_id, *out.brouillon, now)) {
    out.sinon = Refus{*r};
  } else if (onglet > out.brouillon->atteint) {
    out.sinon = VersOnglet{cle, out.brouillon->atteint};
  } else {
    return out;
  }
  out.brouillon.reset();
  return out;
}

// The tab's fields replace its own in the draft, never another tab's: an unchecked box
// sends nothing, and a forged field of another tab is ignored.
void fusionner(domain::Champs& champs, int onglet, const Formulaire& formulaire) {
  std::erase_if(champs,
                [&](const auto& entry) { return domain::champ_de_onglet(onglet, entry.first); });
  // The form parser admits only UTF-8: cut on a character boundary so the draft stays valid.
  for (const auto& [nom, valeur] : formulaire)
    if (domain::champ_de_onglet(onglet, nom))
      champs[nom].emplace_back(texte::cut_utf8(valeur, kMaxValeur));
}

}  // namespace

EtatInscription etat_inscription(const Services& services, long long compte_id,
                                 const std::string& domaine, const std::string& session,
                                 const std::string& academie) {
  EtatInscription out;
  store::Read read(services.db());
  const auto all = store::candidatures_of(read, compte_id);
  if (auto active = candidature_active(services, all, domaine, session))
    out.candidature_active = active->id;
  out.brouillon =
      store::load_brouillon(read, compte_id, cle_nouvelle(domaine, session, academie)).has_value();
  return out;
}

Demarrage demarrer_inscription(const Services& services, const store::Compte& compte,
                               const std::string& domaine, const std::string& session,
                               const std::string& academie, domain::Instant now) {
  const auto& catalogue = services.catalogue();
  const auto* s = catalogue.session(domaine, session);
  if (!catalogue.domaine(domaine) || !s || s->fermee || !catalogue.academie(academie))
    return ExamenIntrouvable{};
  if (auto r = domain::inscription_refusee(catalogue.periode(domaine, session, academie), now))
    return Refus{*r};
  const std::string cle = cle_nouvelle(domaine, session, academie);
  std::optional<Brouillon> existing;
  std::vector<store::Candidature> all;
  {
    store::Read read(services.db());
    all = store::candidatures_of(read, compte.id);
    existing = lire_brouillon(read, compte.id, cle);
  }
  if (auto active = candidature_active(services, all, domaine, session))
    return VersCandidature{active->id};
  if (existing) return VersOnglet{cle, existing->atteint};
  Brouillon b{cle, {domaine, session, academie, {}}, 0, 1};
  if (!all.empty()) {
    const auto previous = champs_of(parse_object(all.back().donnees));
    for (const auto& [nom, valeurs] : previous)
      if (domain::champ_de_onglet(2, nom)) b.dossier.champs[nom] = valeurs;
  }
  conserver_brouillon(services, compte.id, b, now);
  return VersOnglet{cle, 1};
}

bool avis_de_onglet(Avis avis, int onglet) {
  switch (avis) {
    case Avis::verifier_dispenses: return onglet == domain::kOngletAcquis;
    case Avis::categorie_etablissement: return onglet == domain::kOngletInformations;
    case Avis::cliquer_enregistrer: return onglet == domain::kOngletConditions;
    case Avis::aucun:
    case Avis::pas_enregistree:  // names whichever tab Enregistrer found in error
      return true;
  }
  return false;
}

OuvertureOnglet ouvrir_onglet(const Services& services, const store::Compte& compte,
                              SaisieLue saisie, int onglet, domain::Instant now,
                              Affichage affichage) {
  Cible c = cible(services, compte.id, std::move(saisie), onglet, now);
  if (!c.brouillon) return elargir<OuvertureOnglet>(std::move(c.sinon));
  domain::FieldErrors errors;
  // The draft keeps what a refused submission typed: its errors are found again from it.
  if (affichage.verifier)
    errors = domain::valider_onglet(onglet, c.brouillon->dossier.champs,
                                    contexte_saisie(services, c.brouillon->dossier, now));
  return OngletAffiche{std::move(*c.brouillon), onglet, std::move(errors),
                       avis_de_onglet(affichage.avis, onglet) ? affichage.avis : Avis::aucun};
}

IssueOnglet enregistrer_onglet(const Services& services, const store::Compte& compte,
                               SaisieLue saisie, int onglet, const Formulaire& formulaire,
                               Bouton bouton, const std::string& adresse, domain::Instant now) {
  const std::string cle = saisie.cle;
  Cible c = cible(services, compte.id, std::move(saisie), onglet, now);
  if (!c.brouillon) return elargir<IssueOnglet>(std::move(c.sinon));
  Brouillon& b = *c.brouillon;
  auto& champs = b.dossier.champs;
  const std::string categorie_avant = domain::valeur(champs, "categorie");
  // Whatever the button, what was typed is kept.
  fusionner(champs, onglet, formulaire);
  domain::normaliser_onglet(onglet, champs);
  const auto contexte = contexte_saisie(services, b.dossier, now);
  const bool dispenses_changees =
      onglet == domain::kOngletAcquis && domain::actualiser_dispenses(champs, contexte);
  // A school's pupils have its login id: a candidate on his own account is told, once, that
  // such a category leaves the candidature in a school's hands.
  const bool categorie_a_expliquer =
      onglet == domain::kOngletInformations && compte.identifiant.empty() &&
      domain::valeur(champs, "categorie") != categorie_avant &&
      domain::categorie_d_etablissement(services.qualification(), b.dossier.domaine, champs);

  if (bouton == Bouton::precedent) {
    conserver_brouillon(services, compte.id, b, now);
    return VersOnglet{cle, std::max(1, onglet - 1)};
  }
  if (bouton == Bouton::quitter) {
    conserver_brouillon(services, compte.id, b, now);
    return SaisieConservee{};
  }
  if (bouton == Bouton::enregistrer && onglet == domain::kOngletConditions)
    return elargir<IssueOnglet>(
        enregistrer_candidature(services, compte, std::move(b), adresse, now));
  auto errors = domain::valider_onglet(onglet, champs, contexte);
  Avis avis = Avis::aucun;
  if (errors.empty() && dispenses_changees)
    avis = Avis::verifier_dispenses;
  else if (errors.empty() && categorie_a_expliquer)
    avis = Avis::categorie_etablissement;
  else if (errors.empty() && onglet == domain::kOngletConditions)
    avis = Avis::cliquer_enregistrer;
  if (!errors.empty() || avis != Avis::aucun) {
    conserver_brouillon(services, compte.id, b, now);
    return OngletAffiche{std::move(b), onglet, std::move(errors), avis};
  }
  b.atteint = std::max(b.atteint, onglet + 1);
  conserver_brouillon(services, compte.id, b, now);
  return VersOnglet{cle, onglet + 1};
}

}  // namespace examens::actions
