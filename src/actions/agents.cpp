// The actions of staff accounts.
#include "actions/agents.hpp"

#include "actions/authentification.hpp"
#include "crypto/secrets.hpp"
#include "domain/audit.hpp"
#include "domain/compte.hpp"
#include "store/sessions.hpp"

namespace examens::actions {
namespace {

constexpr auto kAgent = store::Titulaire::agent;
constexpr std::string_view kEmailPris = "Un agent existe déjà avec cette adresse mail.";

// Counters of their own: a storm of candidates' failures from one address (a school) never
// blocks the office's logins, nor the reverse.
std::string cle_agent(long long id) {
  return "agent:" + std::to_string(id);
}

}  // namespace

AjoutAgent ajouter_agent(const Services& services, const Auteur& auteur,
                         const domain::AgentForm& form, domain::Instant now) {
  AjoutAgent ajout;
  auto validation = domain::validate_agent(form, services.catalogue());
  if (!validation.agent) {
    ajout.errors = std::move(validation.errors);
    return ajout;
  }
  store::Agent agent;
  agent.email = validation.agent->email;
  agent.nom = validation.agent->nom;
  agent.prenom = validation.agent->prenom;
  agent.role = validation.agent->role;
  agent.academie = validation.agent->academie;
  agent.etat = domain::kAgentEnAttente;
  const std::string token = crypto::random_token(32);
  try {
    store::Tx tx(services.db());
    const auto existing = store::find_agent_by_email(tx, agent.email);
    if (existing && existing->etat != domain::kAgentEnAttente) {
      ajout.errors.add("email", std::string(kEmailPris));
      return ajout;
    }
    // A staff member who never activated (his link lost or expired) is added again: a new
    // link, the old ones voided, and what was typed this time.
    if (existing) {
      agent.id = existing->id;
      store::update_pending_agent(tx, agent, now);
      store::void_jetons(tx, agent.id, store::kJetonActivation, now, kAgent);
      journaliser_agent(tx, auteur, domain::kActionAgentReinvite, agent, etat_agent(*existing),
                        etat_agent(agent), now);
    } else {
      agent.id = store::insert_agent(tx, agent, now);
      journaliser_agent(tx, auteur, domain::kActionAgentAjoute, agent, "", etat_agent(agent), now);
    }
    store::insert_jeton(tx, crypto::token_hash(token), agent.id, store::kJetonActivation, now,
                        now + domain::kActivationAgentValidity, kAgent);
    tx.commit();
  } catch (const store::Duplicate&) {
    // Added at the same moment by another command.
    ajout.errors.add("email", std::string(kEmailPris));
    return ajout;
  }
  ajout.agent = std::move(agent);
  ajout.lien = services.reglages().base_url + "/gestion/activer?jeton=" + token;
  return ajout;
}

store::JetonEtat etat_jeton_agent(const Services& services, std::string_view jeton,
                                  domain::Instant now) {
  store::Read read(services.db());
  return store::read_jeton(read, crypto::token_hash(jeton), store::kJetonActivation, now, kAgent)
      .etat;
}

ActivationAgent activer_agent(const Services& services, std::string_view jeton,
                              std::string_view mot_de_passe, std::string_view confirmation,
                              const std::string& adresse, domain::Instant now) {
  ActivationAgent result;
  domain::validate_password_pair(mot_de_passe, confirmation, result.errors);
  if (!result.errors.empty()) return result;
  const std::string empreinte = crypto::token_hash(jeton);
  const std::string hash = crypto::hash_password(mot_de_passe);
  store::Tx tx(services.db());
  const auto agent_id = store::consume_jeton(tx, empreinte, store::kJetonActivation, now, kAgent);
  if (!agent_id) {
    result.jeton = store::read_jeton(tx, empreinte, store::kJetonActivation, now, kAgent).etat;
    return result;
  }
  // Links are deleted with their staff member, who is never deleted: he is there.
  auto agent = store::find_agent(tx, *agent_id).value();
  const std::string avant = etat_agent(agent);
  store::activate_agent(tx, agent.id, hash, now);
  store::clear_throttle(tx, cle_agent(agent.id));
  agent.etat = domain::kAgentActif;
  journaliser_agent(tx, auteur_agent(agent.id, adresse), domain::kActionAgentActive, agent, avant,
                    etat_agent(agent), now);
  tx.commit();
  return result;
}

ResultatConnexionAgent se_connecter_agent(const Services& services, const ConnexionAgent& connexion,
                                          domain::Instant now) {
  using Issue = ResultatConnexionAgent::Issue;
  ResultatConnexionAgent result;
  if (connexion.email.empty()) result.errors.add("email", "Veuillez saisir votre adresse mail.");
  if (connexion.mot_de_passe.empty())
    result.errors.add("mot_de_passe", "Veuillez saisir votre mot de passe.");
  if (!result.errors.empty()) {
    result.issue = Issue::champs_manquants;
    return result;
  }
  std::optional<store::Agent> agent;
  {
    store::Read read(services.db());
    agent = store::find_agent_by_email(read, connexion.email);
  }
  const std::string& adresse = connexion.navigateur.adresse;
  const ClesThrottle cles{
      agent ? cle_agent(agent->id) : "agent-id:" + domain::normalize_email(connexion.email),
      "agent-ip:" + connexion.navigateur.adresse};
  const Verdict verdict = verifier_mot_de_passe(
      services, cles, agent ? agent->mot_de_passe : "", connexion.mot_de_passe, now,
      [&](store::Tx& tx) {
        if (!agent->actif()) {
          result.issue = Issue::desactive;
          // The right password: it is him, refused.
          journaliser_agent(tx, auteur_agent(agent->id, adresse),
                            domain::kActionAgentConnexionRefusee, *agent, "",
                            motif_refus(domain::kMotifDesactive), now);
          return;
        }
        if (crypto::password_needs_rehash(agent->mot_de_passe))
          store::update_agent_mot_de_passe(tx, agent->id,
                                           crypto::hash_password(connexion.mot_de_passe), now);
        result.session = ouvrir_session(tx, services, agent->id, connexion.navigateur, now, kAgent);
        result.issue = Issue::ouverte;
        journaliser_agent(tx, auteur_agent(agent->id, adresse), domain::kActionAgentConnecte,
                          *agent, "", "", now);
      },
      [&](store::Tx& tx) {
        // Whoever typed it is not known; whether this failure suspended the logins is.
        if (!agent) return;
        const bool suspendue = store::throttle_blocked(tx, cles.titulaire, now);
        journaliser_agent(
            tx, auteur_inconnu(adresse), domain::kActionAgentConnexionRefusee, *agent, "",
            motif_refus(agent->etat == domain::kAgentEnAttente ? domain::kMotifEnAttente
                                                               : domain::kMotifMotDePasse,
                        suspendue),
            now);
      });
  if (verdict == Verdict::bloquee) result.issue = Issue::bloquee;
  if (verdict == Verdict::incorrecte) result.issue = Issue::incorrecte;
  return result;
}

void se_deconnecter_agent(const Services& services, const store::Agent& agent,
                          std::string_view empreinte, const std::string& adresse,
                          domain::Instant now) {
  store::Tx tx(services.db());
  store::delete_session(tx, empreinte, kAgent);
  journaliser_agent(tx, auteur_agent(agent.id, adresse), domain::kActionAgentDeconnecte, agent, "",
                    "", now);
  tx.commit();
}

bool desactiver_agent(const Services& services, const Auteur& auteur, std::string_view email,
                      domain::Instant now) {
  store::Tx tx(services.db());
  auto agent = store::find_agent_by_email(tx, email);
  if (!agent) return false;
  if (agent->etat == domain::kAgentDesactive) return true;
  const std::string avant = etat_agent(*agent);
  store::deactivate_agent(tx, agent->id, now);
  agent->etat = domain::kAgentDesactive;
  journaliser_agent(tx, auteur, domain::kActionAgentDesactive, *agent, avant, etat_agent(*agent),
                    now);
  tx.commit();
  return true;
}

std::vector<store::Agent> lister_agents(const Services& services) {
  store::Read read(services.db());
  return store::list_agents(read);
}

}  // namespace examens::actions
