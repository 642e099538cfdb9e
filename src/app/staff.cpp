// `examens staff`: the staff accounts, from the command line (the first administrateur has
// no page to be created on).
#include <iostream>

#include "actions/agents.hpp"
#include "app/commands.hpp"
#include "crypto/secrets.hpp"
#include "templates/templates.hpp"

namespace examens::app {
namespace {

constexpr std::string_view kUsage =
    "usage : examens staff add --academie CODE --role gestionnaire|administrateur "
    "[--nom NOM] [--prenom PRÉNOM] EMAIL\n"
    "        examens staff list\n"
    "        examens staff desactiver EMAIL\n";

// The options of `staff add`; nullopt when one is unknown or lacks its value.
std::optional<domain::AgentForm> parse_add(const std::vector<std::string>& args) {
  domain::AgentForm form;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string* target = arg == "--academie" ? &form.academie
                          : arg == "--role"   ? &form.role
                          : arg == "--nom"    ? &form.nom
                          : arg == "--prenom" ? &form.prenom
                                              : nullptr;
    if (target) {
      if (++i == args.size()) return std::nullopt;
      *target = args[i];
    } else if (arg.starts_with("--") || !form.email.empty()) {
      return std::nullopt;
    } else {
      form.email = arg;
    }
  }
  return form;
}

int add(const actions::Services& services, const std::vector<std::string>& args,
        domain::Instant now, std::ostream& out, std::ostream& err) {
  const auto form = parse_add(args);
  if (!form) {
    err << kUsage;
    return 2;
  }
  const auto ajout = actions::ajouter_agent(services, actions::auteur_commande(), *form, now);
  if (!ajout.agent) {
    for (const auto& e : ajout.errors.all()) err << "examens staff add : " << e.message << "\n";
    return 1;
  }
  out << "Agent ajouté : " << ajout.agent->email << ", "
      << domain::libelle_role(ajout.agent->role).value_or("") << ", académie "
      << ajout.agent->academie << " (en attente d'activation).\n"
      << "Lien d'activation, valable " << domain::kActivationAgentValidityText
      << ", à lui transmettre :\n"
      << ajout.lien << "\n";
  return 0;
}

}  // namespace

int staff(const Config& config, const std::vector<std::string>& args, std::ostream& out,
          std::ostream& err) {
  const std::string command = args.empty() ? "" : args.front();
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (command != "add" && command != "list" && command != "desactiver") {
    err << kUsage;
    return 2;
  }
  crypto::init_secrets();
  auto db = open_database(config, 1);
  const templates::Templates templates(config.root / "templates");
  const actions::Services services(
      *db, templates,
      {config.base_url, config.session_idle, config.data_dir / "justificatifs", config.clamd});
  const domain::Instant now = config.clock()->now();
  if (command == "add") return add(services, rest, now, out, err);
  if (command == "list") {
    for (const auto& a : actions::lister_agents(services))
      out << a.academie << "\t" << a.role << "\t" << a.etat << "\t" << a.email << "\n";
    return 0;
  }
  if (rest.size() != 1) {
    err << kUsage;
    return 2;
  }
  if (!actions::desactiver_agent(services, actions::auteur_commande(), rest.front(), now)) {
    err << "examens staff desactiver : aucun agent n'a l'adresse mail « " << rest.front()
        << " ».\n";
    return 1;
  }
  out << "Agent désactivé : " << rest.front() << ".\n";
  return 0;
}

}  // namespace examens::app
