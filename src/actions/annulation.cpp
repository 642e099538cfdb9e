// The office's cancellation of candidatures whose signed récapitulatif did not arrive.
#include "actions/annulation.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "actions/audit.hpp"
#include "actions/candidature.hpp"
#include "actions/etat_pieces.hpp"
#include "domain/annulation.hpp"
#include "domain/audit.hpp"
#include "domain/compte.hpp"
#include "domain/temps.hpp"
#include "log/log.hpp"
#include "store/annulation.hpp"
#include "store/comptes.hpp"

namespace examens::actions {
namespace {

// The mode under which the version requires the piece `code`; empty when it does not.
std::optional<domain::ModeDepot> mode_requis(const std::string& donnees, const std::string& code) {
  for (const auto& p : pieces_requises(donnees))
    if (p.code == code) return p.mode;
  return std::nullopt;
}

// The candidature as the page lists it, when the rule cancels it at `now`.
std::optional<CandidatureAAnnuler> a_annuler(const Services& services,
                                             const store::SansRecapitulatif& s,
                                             const domain::PieceJustificative& recapitulatif,
                                             domain::Instant now) {
  const store::Candidature& c = s.candidature;
  domain::DossierAnnulation dossier{c.etat, mode_requis(c.donnees, recapitulatif.code),
                                    std::nullopt, s.piece};
  if (dossier.mode)
    if (const auto* depot = services.qualification().justificatifs.depot(c.domaine, c.session,
                                                                         c.academie, *dossier.mode))
      dossier.date_limite = depot->fin;
  if (!domain::annulable(dossier, now)) return std::nullopt;
  const auto* session = services.catalogue().session(c.domaine, c.session);
  return CandidatureAAnnuler{c.id,
                             s.numero_candidat,
                             c.numero_inscription,
                             domain::nom_affiche(s.nom_naissance, s.nom_usage, s.prenoms),
                             libelle_examen(services, c.domaine),
                             session ? session->libelle : c.session,
                             *dossier.date_limite};
}

// The mail that tells the candidate, queued in `tx`.
void prevenir(store::Tx& tx, const Services& services, const store::Candidature& c,
              const CandidatureAAnnuler& a, const domain::PieceJustificative& recapitulatif,
              domain::Instant now) {
  const auto compte = store::find_compte(tx, c.compte_id);
  if (!compte) return;
  templates::Data mail = mail_candidature(services, c.domaine, c.session, c.academie);
  mail.set("numero", c.numero_inscription);
  mail.set("numero_candidat", compte->numero_candidat);
  mail.set("piece", recapitulatif.code);
  mail.set("date_limite", domain::format_paris_datetime(a.date_limite));
  mail.set("date", domain::format_paris_datetime(now));
  mail.set("contact", contact_academie(services, c.academie));
  services.courrier().queue(tx, *compte, "annulation",
                            "Annulation de votre candidature\u202F: " + a.examen, mail, now);
}

constexpr std::size_t kParPage = kDossiersParPage;
// Reads of a page's worth each, at most, for one page.
constexpr int kLotsParPage = 4;

// Where SQL looks (store::SessionSansRecapitulatif): the académie's sessions past the deadline
// of the piece's catalogue mode.
std::vector<store::SessionSansRecapitulatif> sessions_sans_recapitulatif(
    const Services& services, const store::Agent& agent,
    const domain::PieceJustificative& recapitulatif, domain::Instant now) {
  std::vector<store::SessionSansRecapitulatif> out;
  for (auto& s : domain::sessions_echues(services.qualification().justificatifs, agent.academie,
                                         recapitulatif.mode, now))
    out.push_back({agent.academie, std::move(s.domaine), std::move(s.session), recapitulatif.code,
                   recapitulatif.mode == domain::ModeDepot::en_ligne});
  return out;
}

// The `limite` oldest candidatures of `sessions` after `apres`: each session's own oldest,
// merged, hold the oldest of all.
std::vector<store::SansRecapitulatif> plus_anciennes(
    store::Unit& unit, const std::vector<store::SessionSansRecapitulatif>& sessions,
    long long apres, std::size_t limite) {
  std::vector<store::SansRecapitulatif> out;
  for (const auto& s : sessions)
    for (auto& ligne : store::sans_recapitulatif(unit, s, apres, static_cast<int>(limite)))
      out.push_back(std::move(ligne));
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.candidature.id < b.candidature.id; });
  if (out.size() > limite) out.resize(limite);
  return out;
}

}  // namespace

PageAnnulations candidatures_a_annuler(const Services& services, const store::Agent& agent,
                                       std::string_view apres, domain::Instant now) {
  PageAnnulations out;
  const auto* recapitulatif = services.qualification().justificatifs.recapitulatif_signe();
  if (!recapitulatif) return out;
  const auto sessions = sessions_sans_recapitulatif(services, agent, *recapitulatif, now);
  if (sessions.empty()) return out;
  store::Read read(services.db());
  for (const auto& s : sessions) {
    if (out.nombre > kDecomptePlafond) break;
    out.nombre += store::compter_sans_recapitulatif(read, s, kDecomptePlafond - out.nombre);
  }
  // SQL's rows and the rule differ only for a snapshot that no longer asks the piece as the
  // catalogue does: a few more rows are read then, a bounded number of times.
  long long curseur = domain::lire_curseur(apres).value_or(0);
  bool fin = false;
  for (int lot = 0; lot < kLotsParPage && !fin && out.lignes.size() <= kParPage; ++lot) {
    const auto lignes = plus_anciennes(read, sessions, curseur, kParPage + 1);
    fin = lignes.size() <= kParPage;
    for (const auto& s : lignes) {
      curseur = s.candidature.id;
      if (auto a = a_annuler(services, s, *recapitulatif, now)) out.lignes.push_back(std::move(*a));
      if (out.lignes.size() > kParPage) break;
    }
  }
  if (out.lignes.size() > kParPage) {
    out.lignes.pop_back();
    out.suivante = out.lignes.back().id;
  } else if (!fin) {
    out.suivante = curseur;
  }
  return out;
}

BilanAnnulation annuler_candidatures(const Services& services, const store::Agent& agent,
                                     const std::vector<long long>& ids, const std::string& adresse,
                                     domain::Instant now) {
  BilanAnnulation bilan;
  std::set<long long> confirmees(ids.begin(), ids.end());
  while (confirmees.size() > kParPage) {
    confirmees.erase(std::prev(confirmees.end()));
    ++bilan.ignorees;
  }
  const auto* recapitulatif = services.qualification().justificatifs.recapitulatif_signe();
  if (!recapitulatif) {
    bilan.ignorees += static_cast<int>(confirmees.size());
    return bilan;
  }
  store::Tx tx(services.db());
  for (const long long id : confirmees) {
    const auto s = store::sans_recapitulatif(tx, id, recapitulatif->code);
    auto a = s && s->candidature.academie == agent.academie
                 ? a_annuler(services, *s, *recapitulatif, now)
                 : std::nullopt;
    // The update applies only to a candidature still Inscrit: a racing unregistration or
    // another agent's cancellation wins, and this one is counted out.
    if (!a || !store::mark_annulee(tx, id, now)) {
      ++bilan.ignorees;
      continue;
    }
    const auto& c = s->candidature;
    journaliser_candidature(tx, auteur_agent(agent.id, adresse), domain::kActionCandidatureAnnulee,
                            c.id, c.academie,
                            etat_candidature(domain::EtatCandidature::inscrit, c.version),
                            etat_candidature(domain::EtatCandidature::annulee, c.version), now);
    prevenir(tx, services, c, *a, *recapitulatif, now);
    bilan.annulees.push_back(std::move(*a));
  }
  tx.commit();
  if (!bilan.annulees.empty()) services.courrier().committed();
  log::info("candidatures_annulees", {{"agent", agent.id},
                                      {"academie", agent.academie},
                                      {"annulees", static_cast<long long>(bilan.annulees.size())},
                                      {"ignorees", static_cast<long long>(bilan.ignorees)}});
  return bilan;
}

}  // namespace examens::actions
