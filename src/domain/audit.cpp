// The audit trail's labels and the reading of its filters.
#include "domain/audit.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "domain/agents.hpp"
#include "domain/compte.hpp"
#include "texte/texte.hpp"

namespace examens::domain {
namespace {

using Libelle = std::pair<std::string_view, std::string_view>;

constexpr std::array kActions = {
    Libelle{kActionCandidatureInscrite, "Candidature enregistrée"},
    Libelle{kActionCandidatureModifiee, "Candidature modifiée"},
    Libelle{kActionCandidatureDesinscrite, "Désinscription par le candidat"},
    Libelle{kActionCandidatureAnnulee, "Candidature annulée par le service des examens"},
    Libelle{kActionPieceDeposee, "Pièce justificative déposée"},
    Libelle{kActionDepotSupprime, "Fichier d'une pièce justificative supprimé"},
    Libelle{kActionPiecesValidees, "Pièces justificatives validées par le candidat"},
    Libelle{kActionPieceControlee, "Statut d'une pièce justificative modifié"},
    Libelle{kActionPiecesRouvertes, "Pièces justificatives rouvertes"},
    Libelle{kActionAgentAjoute, "Agent ajouté"},
    Libelle{kActionAgentReinvite, "Agent ajouté à nouveau (nouveau lien d'activation)"},
    Libelle{kActionAgentActive, "Compte d'agent activé"},
    Libelle{kActionAgentConnecte, "Connexion d'un agent"},
    Libelle{kActionAgentConnexionRefusee, "Connexion d'un agent refusée"},
    Libelle{kActionAgentDeconnecte, "Déconnexion d'un agent"},
    Libelle{kActionAgentDesactive, "Agent désactivé"},
};

constexpr std::array kActeurs = {
    Libelle{kActeurCandidat, "Candidat"},
    Libelle{kActeurAgent, "Agent"},
    Libelle{kActeurSysteme, "Système"},
    Libelle{kActeurCommande, "Ligne de commande"},
};

constexpr std::array kMotifs = {
    Libelle{kMotifMotDePasse, "Mot de passe incorrect"},
    Libelle{kMotifEnAttente, "Compte en attente d'activation"},
    Libelle{kMotifDesactive, "Compte désactivé"},
};

constexpr std::array kEtatsAgent = {
    Libelle{kAgentEnAttente, "En attente d'activation"},
    Libelle{kAgentActif, "Actif"},
    Libelle{kAgentDesactive, "Désactivé"},
};

template <std::size_t N>
std::optional<std::string_view> libelle_of(const std::array<Libelle, N>& table,
                                           std::string_view code) {
  for (const auto& [c, libelle] : table)
    if (c == code) return libelle;
  return std::nullopt;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::string_view kFormatCandidature =
    "Saisissez l'identifiant de la candidature (ex. : 42), ou le numéro de candidat suivi du "
    "N° d'inscription (ex. : 12345678901-001).";

}  // namespace

std::optional<std::string_view> libelle_action(std::string_view code) {
  return libelle_of(kActions, code);
}

std::optional<std::string_view> libelle_acteur(std::string_view kind) {
  return libelle_of(kActeurs, kind);
}

std::optional<std::string_view> libelle_motif(std::string_view motif) {
  return libelle_of(kMotifs, motif);
}

std::optional<std::string_view> libelle_etat_agent(std::string_view etat) {
  return libelle_of(kEtatsAgent, etat);
}

FiltreCandidature lire_filtre_candidature(std::string_view saisie) {
  const std::string_view t = texte::trim(saisie);
  if (t.empty()) return std::monostate{};
  if (is_numero_candidat(t))
    return FiltreRefuse{
        "Ajoutez le N° d'inscription après le numéro de candidat (ex. : 12345678901-001)."};
  if (digits(t) && t.size() <= 10) {
    long long id = 0;
    std::from_chars(t.data(), t.data() + t.size(), id);
    if (id > 0) return CandidatureParId{id};
    return FiltreRefuse{std::string(kFormatCandidature)};
  }
  // The candidate's numéro, then the N° inscription, after a dash, a slash, spaces or nothing.
  const std::string_view numero = t.substr(0, std::min<std::size_t>(t.size(), 11));
  const std::string_view reste = texte::trim(t.substr(numero.size()), " \t-/");
  if (!is_numero_candidat(numero) || !digits(reste) || reste.size() > 3)
    return FiltreRefuse{std::string(kFormatCandidature)};
  return CandidatureParNumeros{std::string(numero),
                               std::string(3 - reste.size(), '0') + std::string(reste)};
}

FiltreAgent lire_filtre_agent(std::string_view saisie) {
  const std::string_view t = texte::trim(saisie);
  if (t.empty()) return std::monostate{};
  if (!is_valid_email(t))
    return FiltreRefuse{"Saisissez l'adresse mail d'un agent (ex. : nom.prenom@ac-guyane.fr)."};
  return normalize_email(t);
}

std::optional<long long> lire_curseur(std::string_view saisie) {
  if (!digits(saisie) || saisie.size() > 18) return std::nullopt;
  long long id = 0;
  std::from_chars(saisie.data(), saisie.data() + saisie.size(), id);
  if (id <= 0) return std::nullopt;
  return id;
}

}  // namespace examens::domain
