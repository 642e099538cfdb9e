// Mes justificatifs: the pieces of a candidature and what its candidate and the office do with
// them. The checks of an uploaded file are in justificatifs_fichier.cpp.
#include "actions/justificatifs.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "actions/audit.hpp"
#include "actions/justificatifs_fichier.hpp"
#include "domain/audit.hpp"
#include "domain/justificatifs.hpp"
#include "log/log.hpp"
#include "store/dossiers.hpp"

namespace examens::actions {
namespace json = boost::json;
namespace {

domain::ModeDepot mode_of(std::string_view code) {
  if (code == "voie_postale") return domain::ModeDepot::voie_postale;
  if (code == "autre") return domain::ModeDepot::autre;
  return domain::ModeDepot::en_ligne;
}

}  // namespace

std::vector<PieceRequise> pieces_requises(const std::string& donnees) {
  std::vector<PieceRequise> out;
  std::error_code ec;
  const json::value v = json::parse(donnees, ec);
  if (ec || !v.is_object()) return out;
  const auto* groupes = v.as_object().if_contains("pieces");
  if (!groupes || !groupes->is_array()) return out;
  for (const auto& g : groupes->as_array()) {
    if (!g.is_object()) continue;
    const auto* mode = g.as_object().if_contains("mode");
    const auto* pieces = g.as_object().if_contains("pieces");
    if (!mode || !mode->is_string() || !pieces || !pieces->is_array()) continue;
    for (const auto& p : pieces->as_array()) {
      const auto* code = p.is_object() ? p.as_object().if_contains("code") : nullptr;
      const auto* libelle = p.is_object() ? p.as_object().if_contains("libelle") : nullptr;
      if (!code || !code->is_string() || !libelle || !libelle->is_string()) continue;
      out.push_back({std::string(code->as_string()), std::string(libelle->as_string()),
                     mode_of(mode->as_string())});
    }
  }
  return out;
}

namespace {

const store::Justificatif* ligne(const std::vector<store::Justificatif>& lignes,
                                 const std::string& code) {
  for (const auto& j : lignes)
    if (j.code == code) return &j;
  return nullptr;
}

domain::EtatPiece etat_of(const store::Justificatif* j) {
  if (!j) return {};
  return {j->statut, j->valide_le, static_cast<int>(j->depots.size())};
}

// The group of `mode` with the catalogue's current window.
domain::GroupePieces fenetre(const Services& services, const store::Candidature& c,
                             domain::ModeDepot mode) {
  domain::GroupePieces g{mode, std::nullopt, std::nullopt, {}};
  if (const auto* depot =
          services.qualification().justificatifs.depot(c.domaine, c.session, c.academie, mode)) {
    g.debut = depot->debut;
    g.fin = depot->fin;
  }
  return g;
}

}  // namespace

std::vector<GroupeVue> groupes_pieces(const Services& services, const store::Candidature& c,
                                      const std::vector<store::Justificatif>& lignes,
                                      domain::Instant now) {
  const auto requises = pieces_requises(c.donnees);
  const bool active = c.etat == domain::EtatCandidature::inscrit;
  std::vector<GroupeVue> out;
  for (const auto mode :
       {domain::ModeDepot::en_ligne, domain::ModeDepot::voie_postale, domain::ModeDepot::autre}) {
    const domain::GroupePieces g = fenetre(services, c, mode);
    GroupeVue vue;
    vue.mode = mode;
    vue.phrase = domain::phrase_depot(g);
    vue.fenetre_ouverte = active && domain::fenetre_ouverte(g.debut, g.fin, now);
    std::vector<domain::EtatPiece> etats;
    for (const auto& p : requises) {
      if (p.mode != mode) continue;
      const auto* j = ligne(lignes, p.code);
      PieceVue piece{p.code, p.libelle, etat_of(j), {}, {}, {}, false};
      if (j) {
        piece.date_reception = j->date_reception;
        piece.commentaire = j->commentaire;
        piece.depots = j->depots;
      }
      piece.modifiable = mode == domain::ModeDepot::en_ligne &&
                         domain::modifiable(piece.etat, vue.fenetre_ouverte);
      etats.push_back(piece.etat);
      vue.pieces.push_back(std::move(piece));
    }
    if (vue.pieces.empty()) continue;
    vue.validable = mode == domain::ModeDepot::en_ligne &&
                    domain::refus_validation(etats, vue.fenetre_ouverte) !=
                        domain::RefusValidation::deja_validees &&
                    vue.fenetre_ouverte;
    out.push_back(std::move(vue));
  }
  return out;
}

void tenir_etat_pieces(store::Tx& tx, const store::Candidature& c) {
  const auto lignes = store::justificatifs_of(tx, c.id);
  std::vector<domain::PieceDossier> pieces;
  for (const auto& p : pieces_requises(c.donnees))
    pieces.push_back({p.mode == domain::ModeDepot::en_ligne, etat_of(ligne(lignes, p.code))});
  store::set_etat_pieces(tx, c.id, domain::etat_dossier(pieces));
}

namespace {

const GroupeVue* groupe_de(const MesJustificatifs& m, domain::ModeDepot mode) {
  for (const auto& g : m.groupes)
    if (g.mode == mode) return &g;
  return nullptr;
}

// The online group and its piece `code`, what Ajouter and Supprimer act on: null when the
// candidature is not the account's or the piece is not one to deposit online.
struct PieceEnLigne {
  const GroupeVue* groupe = nullptr;
  const PieceVue* piece = nullptr;
};
PieceEnLigne piece_en_ligne(const std::optional<MesJustificatifs>& m, const std::string& code) {
  PieceEnLigne out;
  if (!m || !(out.groupe = groupe_de(*m, domain::ModeDepot::en_ligne))) return out;
  for (const auto& p : out.groupe->pieces)
    if (p.code == code) out.piece = &p;
  return out;
}

std::string refus_fenetre(const GroupeVue& g) {
  return "Le dépôt en ligne n'est pas ouvert pour cette candidature\u202F: " + g.phrase + ".";
}

std::string refus_trop_de_fichiers() {
  return "Vous avez déjà déposé " + std::to_string(domain::kDepotsParPieceMax) +
         " fichiers pour cette pièce\u202F: supprimez-en un avant d'en ajouter un autre.";
}

constexpr const char* kVerrouillee =
    "Vous avez validé cette pièce\u202F: elle ne peut plus être modifiée, sauf si le service des "
    "examens vous demande un nouveau fichier.";

}  // namespace

std::optional<MesJustificatifs> mes_justificatifs(const Services& services, long long compte_id,
                                                  long long candidature_id, domain::Instant now) {
  store::Read read(services.db());
  auto c = store::find_candidature(read, compte_id, candidature_id);
  if (!c) return std::nullopt;
  const auto lignes = store::justificatifs_of(read, c->id);
  MesJustificatifs out{*c, groupes_pieces(services, *c, lignes, now)};
  return out;
}

std::variant<Introuvable, Refus, Depose> deposer_piece(
    const Services& services, long long compte_id, long long candidature_id,
    const std::string& code, const FichierRecu& fichier, const std::string& adresse,
    domain::Instant now) {
  const auto m = mes_justificatifs(services, compte_id, candidature_id, now);
  const auto [g, piece] = piece_en_ligne(m, code);
  if (!piece) return Introuvable{};
  if (!g->fenetre_ouverte) return Refus{refus_fenetre(*g)};
  if (!piece->modifiable) return Refus{kVerrouillee};
  if (piece->depots.size() >= domain::kDepotsParPieceMax) return Refus{refus_trop_de_fichiers()};
  auto controle = controler_fichier(services, fichier.chemin);
  if (auto* refus = std::get_if<std::string>(&controle)) return Refus{std::move(*refus)};
  const auto& nature = std::get<fichiers::Nature>(controle);
  store::NouveauDepot depot{services.entrepot().deposer(fichier.chemin),
                            fichiers::type_mime(nature),
                            static_cast<long long>(std::filesystem::file_size(fichier.chemin)),
                            domain::nom_affiche_fichier(fichier.nom_envoye)};
  store::Tx tx(services.db());
  const long long jid = store::ensure_justificatif(tx, candidature_id, code, now);
  // Validated meanwhile by another request: the file stays for the purge.
  if (!store::prendre_modifiable(tx, jid, now)) return Refus{kVerrouillee};
  // Counted again under the row's lock: parallel uploads each saw room before.
  if (static_cast<std::size_t>(store::nombre_depots(tx, jid)) >= domain::kDepotsParPieceMax)
    return Refus{refus_trop_de_fichiers()};
  const long long id = store::insert_depot(tx, jid, depot, now);
  journaliser_candidature(tx, auteur_candidat(compte_id, adresse), domain::kActionPieceDeposee,
                          candidature_id, m->candidature.academie, "",
                          fichier_piece(code, depot.nom), now);
  // A file on a piece the office refused clears its status: the candidature awaits him.
  tenir_etat_pieces(tx, m->candidature);
  tx.commit();
  log::info("piece_deposee", {{"candidature", candidature_id},
                              {"piece", code},
                              {"depot", id},
                              {"type", depot.type_mime},
                              {"taille", depot.taille}});
  return Depose{id};
}

std::variant<Introuvable, Refus, Supprime> supprimer_depot(
    const Services& services, long long compte_id, long long candidature_id, long long depot_id,
    const std::string& adresse, domain::Instant now) {
  const auto m = mes_justificatifs(services, compte_id, candidature_id, now);
  std::optional<store::DepotTrouve> trouve;
  {
    store::Read read(services.db());
    trouve = store::find_depot(read, depot_id);
  }
  if (!trouve || trouve->candidature_id != candidature_id) return Introuvable{};
  const auto [g, piece] = piece_en_ligne(m, trouve->code);
  if (!piece) return Introuvable{};
  if (!g->fenetre_ouverte) return Refus{refus_fenetre(*g)};
  if (!piece->modifiable) return Refus{kVerrouillee};
  store::Tx tx(services.db());
  if (!store::prendre_modifiable(tx, trouve->depot.justificatif_id, now))
    return Refus{kVerrouillee};
  // The file itself stays until the purge: another deposit may name the same content.
  if (!store::delete_depot(tx, depot_id)) return Introuvable{};
  journaliser_candidature(tx, auteur_candidat(compte_id, adresse), domain::kActionDepotSupprime,
                          candidature_id, m->candidature.academie,
                          fichier_piece(trouve->code, trouve->depot.nom), "", now);
  tx.commit();
  return Supprime{};
}

std::variant<Introuvable, Refus, Valide> valider_pieces(const Services& services,
                                                        long long compte_id,
                                                        long long candidature_id,
                                                        const std::string& adresse,
                                                        domain::Instant now) {
  const auto m = mes_justificatifs(services, compte_id, candidature_id, now);
  if (!m) return Introuvable{};
  const GroupeVue* g = groupe_de(*m, domain::ModeDepot::en_ligne);
  if (!g) return Refus{"Aucune pièce n'est à déposer en ligne pour cette candidature."};
  std::vector<domain::EtatPiece> etats;
  for (const auto& p : g->pieces) etats.push_back(p.etat);
  switch (domain::refus_validation(etats, g->fenetre_ouverte)) {
    case domain::RefusValidation::fenetre_fermee: return Refus{refus_fenetre(*g)};
    case domain::RefusValidation::piece_sans_fichier: {
      std::string manquantes;
      for (const auto& p : g->pieces)
        if (domain::modifiable(p.etat, true) && p.etat.depots == 0)
          manquantes += (manquantes.empty() ? "" : ", ") + p.code + " " + p.libelle;
      return Refus{"Ajoutez un fichier pour chaque pièce avant de valider\u202F: il manque " +
                   manquantes + "."};
    }
    case domain::RefusValidation::deja_validees:
      return Refus{"Vos pièces sont déjà validées\u202F: il n'y a rien de nouveau à valider."};
    case domain::RefusValidation::aucun: break;
  }
  store::Tx tx(services.db());
  Valide out;
  for (const auto& p : g->pieces) {
    if (!domain::modifiable(p.etat, true)) continue;
    const long long jid = store::ensure_justificatif(tx, candidature_id, p.code, now);
    if (!store::valider_piece(tx, jid, now)) continue;
    // Counted once the row is ours: a deletion that committed meanwhile is seen.
    if (store::nombre_depots(tx, jid) == 0 && p.etat.statut != domain::StatutPiece::conforme)
      return Refus{
          "Une pièce a été modifiée entre-temps\u202F: vérifiez-la et validez de "
          "nouveau."};
    ++out.pieces;
  }
  journaliser_candidature(tx, auteur_candidat(compte_id, adresse), domain::kActionPiecesValidees,
                          candidature_id, m->candidature.academie, "", nombre_pieces(out.pieces),
                          now);
  tenir_etat_pieces(tx, m->candidature);
  tx.commit();
  return out;
}

std::variant<Introuvable, FichierPiece> fichier_depot(const Services& services,
                                                      const Demandeur& demandeur,
                                                      long long candidature_id,
                                                      long long depot_id) {
  std::optional<store::DepotTrouve> trouve;
  {
    store::Read read(services.db());
    trouve = store::find_depot(read, depot_id);
  }
  if (!trouve || trouve->candidature_id != candidature_id) return Introuvable{};
  const bool permis = std::visit(
      [&](const auto& d) {
        if constexpr (std::is_same_v<std::decay_t<decltype(d)>, DemandeCandidat>)
          return d.compte_id == trouve->compte_id;
        else
          return d.academie == trouve->academie;
      },
      demandeur);
  if (!permis) return Introuvable{};
  const auto chemin = services.entrepot().chemin(trouve->depot.empreinte);
  if (chemin.empty() || !std::filesystem::exists(chemin)) {
    log::error("piece_sans_fichier", {{"depot", depot_id}});
    return Introuvable{};
  }
  return FichierPiece{chemin, trouve->depot.type_mime,
                      trouve->code + "-" + std::to_string(depot_id) + "." +
                          extension_of_type(trouve->depot.type_mime)};
}

fichiers::Entrepot::Purge purger_fichiers(store::Database& db, const fichiers::Entrepot& entrepot,
                                          const std::filesystem::path& televersements,
                                          std::chrono::seconds delai) {
  auto purge = entrepot.purger(
      [&](std::string_view empreinte) {
        store::Read read(db);
        return store::empreinte_referencee(read, std::string(empreinte));
      },
      delai);
  purge.temporaires += fichiers::purger_anciens(televersements, delai);
  return purge;
}

}  // namespace examens::actions
