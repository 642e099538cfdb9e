// The audit trail's vocabulary (SPEC §8): who acts, the codes of what is recorded and their
// French labels, and the office's filters on the trail, read from what a person types.
// Pure: the storage is store/audit.hpp, the recording actions/audit.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace examens::domain {

// Who acted: a candidate (his account's id), a staff member (his id; none for a login
// refused, whose author is not known), the portal itself, or the command line.
inline constexpr std::string_view kActeurCandidat = "candidat";
inline constexpr std::string_view kActeurAgent = "agent";
inline constexpr std::string_view kActeurSysteme = "systeme";
inline constexpr std::string_view kActeurCommande = "commande";

// What was done. A code is stored; its label is only shown, so a label can be reworded.
inline constexpr std::string_view kActionCandidatureInscrite = "candidature.inscrite";
inline constexpr std::string_view kActionCandidatureModifiee = "candidature.modifiee";
inline constexpr std::string_view kActionCandidatureDesinscrite = "candidature.desinscrite";
inline constexpr std::string_view kActionCandidatureAnnulee = "candidature.annulee";
inline constexpr std::string_view kActionPieceDeposee = "piece.deposee";
inline constexpr std::string_view kActionDepotSupprime = "piece.depot_supprime";
inline constexpr std::string_view kActionPiecesValidees = "pieces.validees";
inline constexpr std::string_view kActionPieceControlee = "piece.controlee";
inline constexpr std::string_view kActionPiecesRouvertes = "pieces.rouvertes";
inline constexpr std::string_view kActionAgentAjoute = "agent.ajoute";
inline constexpr std::string_view kActionAgentReinvite = "agent.reinvite";
inline constexpr std::string_view kActionAgentActive = "agent.active";
inline constexpr std::string_view kActionAgentConnecte = "agent.connecte";
inline constexpr std::string_view kActionAgentConnexionRefusee = "agent.connexion_refusee";
inline constexpr std::string_view kActionAgentDeconnecte = "agent.deconnecte";
inline constexpr std::string_view kActionAgentDesactive = "agent.desactive";

// Why a staff member's login was refused (never the password typed).
inline constexpr std::string_view kMotifMotDePasse = "mot_de_passe_incorrect";
inline constexpr std::string_view kMotifEnAttente = "compte_en_attente";
inline constexpr std::string_view kMotifDesactive = "compte_desactive";

// "Candidature enregistrée"…; nullopt for a code this version does not know.
std::optional<std::string_view> libelle_action(std::string_view code);
// "Mot de passe incorrect", "Compte en attente d'activation", "Compte désactivé".
std::optional<std::string_view> libelle_motif(std::string_view motif);
// A staff member's state: "En attente d'activation", "Actif", "Désactivé".
std::optional<std::string_view> libelle_etat_agent(std::string_view etat);
// "Candidat", "Agent", "Système", "Ligne de commande"; nullopt for an unknown kind.
std::optional<std::string_view> libelle_acteur(std::string_view kind);

// The trail's filter on one candidature: its id, or the candidate's numéro (11 digits) with
// the N° inscription ("12345678901-001").
struct CandidatureParId {
  long long id = 0;
};
struct CandidatureParNumeros {
  std::string numero_candidat;     // 11 digits
  std::string numero_inscription;  // 3 digits, "001"
};
struct FiltreRefuse {
  std::string message;  // French, shown next to the field
};
using FiltreCandidature =
    std::variant<std::monostate, CandidatureParId, CandidatureParNumeros, FiltreRefuse>;
// What the "Candidature" field says; std::monostate when it is empty.
FiltreCandidature lire_filtre_candidature(std::string_view saisie);

// The "Agent" field: an email, normalised; std::monostate when empty.
using FiltreAgent = std::variant<std::monostate, std::string, FiltreRefuse>;
FiltreAgent lire_filtre_agent(std::string_view saisie);

// The cursor of a paged list of the office, as its address carries it: the id after which
// (the trail: before which) rows are shown. nullopt for an absent or malformed one (the first
// page).
std::optional<long long> lire_curseur(std::string_view saisie);

}  // namespace examens::domain
