// The office's control of the pièces justificatives.
#include "actions/controle.hpp"

#include <algorithm>

#include "actions/audit.hpp"
#include "actions/recherche.hpp"
#include "domain/audit.hpp"

namespace examens::actions {
namespace {

// The candidature, when it is one of the agent's académie.
std::optional<store::Candidature> candidature_de(const Services& services,
                                                 const DemandeAgent& agent, long long id) {
  store::Read read(services.db());
  auto c = store::find_candidature_by_id(read, id);
  if (!c || c->academie != agent.academie) return std::nullopt;
  return c;
}

const store::Justificatif* ligne_de(const std::vector<store::Justificatif>& lignes,
                                    const std::string& code) {
  const auto it = std::find_if(lignes.begin(), lignes.end(),
                               [&](const store::Justificatif& j) { return j.code == code; });
  return it == lignes.end() ? nullptr : &*it;
}

std::optional<domain::EtatDossierPieces> filtre_of(std::string_view code) {
  if (code.empty()) return domain::EtatDossierPieces::a_controler;
  return domain::etat_dossier_of_code(code);
}

}  // namespace

ListeDossiers lister_dossiers(const Services& services, const store::Agent& agent,
                              const FiltreDossiers& filtre) {
  ListeDossiers out;
  out.filtre = filtre.pieces == kToutesCandidatures ? std::nullopt : filtre_of(filtre.pieces);
  // An unknown filter in the address shows what the office works on first.
  if (!out.filtre && filtre.pieces != kToutesCandidatures)
    out.filtre = domain::EtatDossierPieces::a_controler;
  store::Read read(services.db());
  // One more than a page: whether there is a next one.
  out.lignes = store::lire_dossiers(
      read, {agent.academie, out.filtre, domain::lire_curseur(filtre.apres).value_or(0),
             kDossiersParPage + 1});
  if (out.lignes.size() > static_cast<std::size_t>(kDossiersParPage)) {
    out.lignes.pop_back();
    out.suivante = out.lignes.back().id;
  }
  for (const auto etat :
       {domain::EtatDossierPieces::a_controler, domain::EtatDossierPieces::non_conforme,
        domain::EtatDossierPieces::en_attente, domain::EtatDossierPieces::complet})
    out.decomptes.emplace_back(
        etat, store::compter_dossiers(read, agent.academie, etat, kDecomptePlafond));
  return out;
}

std::variant<std::monostate, long long, std::string> chercher_dossier(const Services& services,
                                                                      const store::Agent& agent,
                                                                      std::string_view saisie) {
  domain::FieldErrors errors;
  domain::check_text(errors, "recherche", saisie);
  if (const auto* message = errors.message("recherche")) return *message;
  store::Read read(services.db());
  return candidature_nommee(read, agent.academie, saisie);
}

std::optional<DossierPieces> dossier_pieces(const Services& services, const DemandeAgent& agent,
                                            long long candidature_id, domain::Instant now) {
  store::Read read(services.db());
  auto c = store::find_candidature_by_id(read, candidature_id);
  if (!c || c->academie != agent.academie) return std::nullopt;
  auto candidat = store::find_dossier(read, candidature_id);
  if (!candidat) return std::nullopt;
  const auto lignes = store::justificatifs_of(read, c->id);
  auto groupes = groupes_pieces(services, *c, lignes, now);
  return DossierPieces{std::move(*candidat), std::move(*c), std::move(groupes)};
}

std::variant<Introuvable, Refus, store::Justificatif> controler_piece(
    const Services& services, const DemandeAgent& agent, long long candidature_id,
    const std::string& code, const store::Controle& controle, domain::Instant now) {
  const auto c = candidature_de(services, agent, candidature_id);
  if (!c) return Introuvable{};
  const auto requises = pieces_requises(c->donnees);
  if (std::none_of(requises.begin(), requises.end(),
                   [&](const PieceRequise& p) { return p.code == code; }))
    return Introuvable{};
  if (controle.statut == domain::StatutPiece::recue && !controle.date_reception)
    return Refus{"Indiquez la date de réception de la pièce."};
  store::Tx tx(services.db());
  const long long jid = store::ensure_justificatif(tx, candidature_id, code, now);
  const std::string avant = etat_piece(code, ligne_de(store::justificatifs_of(tx, c->id), code));
  store::Controle fait = controle;
  fait.agent_id = agent.agent_id;
  store::set_statut(tx, jid, fait, now);
  auto lignes = store::justificatifs_of(tx, candidature_id);
  const store::Justificatif* apres = ligne_de(lignes, code);
  journaliser_candidature(tx, auteur_agent(agent.agent_id, agent.adresse),
                          domain::kActionPieceControlee, c->id, c->academie, avant,
                          etat_piece(code, apres), now);
  tenir_etat_pieces(tx, *c);
  tx.commit();
  if (!apres) return Introuvable{};
  return *apres;
}

std::variant<Introuvable, int> rouvrir_groupe(const Services& services, const DemandeAgent& agent,
                                              long long candidature_id, domain::ModeDepot mode,
                                              domain::Instant now) {
  const auto c = candidature_de(services, agent, candidature_id);
  if (!c) return Introuvable{};
  const auto requises = pieces_requises(c->donnees);
  int rouvertes = 0;
  store::Tx tx(services.db());
  for (const auto& j : store::justificatifs_of(tx, candidature_id)) {
    const bool du_groupe = std::any_of(requises.begin(), requises.end(), [&](const auto& p) {
      return p.code == j.code && p.mode == mode;
    });
    if (du_groupe && store::rouvrir_piece(tx, j.id, now)) ++rouvertes;
  }
  if (rouvertes > 0) {
    journaliser_candidature(tx, auteur_agent(agent.agent_id, agent.adresse),
                            domain::kActionPiecesRouvertes, c->id, c->academie, "",
                            nombre_pieces(rouvertes), now);
    tenir_etat_pieces(tx, *c);
  }
  tx.commit();
  return rouvertes;
}

}  // namespace examens::actions
