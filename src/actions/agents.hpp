// The actions of staff accounts (SPEC §1, §8): creation by the command line, activation (the
// staff member chooses his password through a single-use link), login and logout. The same
// password rule, Argon2id, throttling and sessions as candidates, in tables of their own.
// Activation and login run Argon2id (~70 ms): callers run them off the threads that must
// not wait.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/audit.hpp"
#include "actions/services.hpp"
#include "actions/sessions.hpp"
#include "domain/agents.hpp"
#include "domain/field_errors.hpp"
#include "store/agents.hpp"
#include "store/comptes.hpp"

namespace examens::actions {

struct AjoutAgent {
  std::optional<store::Agent> agent;  // pending, when `errors` is empty
  std::string lien;                   // his activation link, valid kActivationAgentValidity
  domain::FieldErrors errors;         // on "email", "role", "academie"
};
// Stores a pending staff member and returns the link through which he chooses his password.
// Audited as added by `auteur` (or added again, while still pending).
AjoutAgent ajouter_agent(const Services& services, const Auteur& auteur,
                         const domain::AgentForm& form, domain::Instant now);

// Whether a staff member's activation link may be used now.
store::JetonEtat etat_jeton_agent(const Services& services, std::string_view jeton,
                                  domain::Instant now);

struct ActivationAgent {
  domain::FieldErrors errors;                         // the password refused
  store::JetonEtat jeton = store::JetonEtat::valide;  // otherwise the link is refused
};
// Consumes the link, sets the password (the candidates' rule) and activates the staff member.
// Nothing changes unless `errors` is empty and `jeton` valid. `adresse`: the client's, for the
// audit trail.
ActivationAgent activer_agent(const Services& services, std::string_view jeton,
                              std::string_view mot_de_passe, std::string_view confirmation,
                              const std::string& adresse, domain::Instant now);

struct ConnexionAgent {
  std::string email;
  std::string mot_de_passe;
  Navigateur navigateur;
};
struct ResultatConnexionAgent {
  enum class Issue {
    ouverte,           // `session` is open
    champs_manquants,  // `errors` says which
    bloquee,           // too many failures: suspended for a while
    incorrecte,        // no such staff member, not activated, or a wrong password
    desactive,         // the right password of a staff member désactivé
  };
  Issue issue = Issue::incorrecte;
  domain::FieldErrors errors;
  std::optional<SessionOuverte> session;
};
// Counted and throttled as candidates' logins are, on counters of their own. A login opened,
// and one refused for a staff member who exists, are audited with the attempt's count; an
// unknown email leaves no entry (no académie to file it under, and what was typed may be a
// password), nor does an attempt refused while blocked (it changes nothing).
ResultatConnexionAgent se_connecter_agent(const Services& services, const ConnexionAgent& connexion,
                                          domain::Instant now);

// Ends the session `empreinte` of `agent`, audited.
void se_deconnecter_agent(const Services& services, const store::Agent& agent,
                          std::string_view empreinte, const std::string& adresse,
                          domain::Instant now);

// Désactive the staff member of `email` (audited unless he was already); false when there is
// none.
bool desactiver_agent(const Services& services, const Auteur& auteur, std::string_view email,
                      domain::Instant now);

std::vector<store::Agent> lister_agents(const Services& services);

}  // namespace examens::actions
