// The audit trail: recording inside the change's transaction, and the administrateur's view.
#include "actions/audit.hpp"

#include <boost/json.hpp>

#include "actions/recherche.hpp"
#include "domain/agents.hpp"
#include "domain/audit.hpp"
#include "domain/controle_pieces.hpp"
#include "domain/temps.hpp"
#include "store/candidatures.hpp"

namespace examens::actions {
namespace {

void journaliser(store::Tx& tx, const Auteur& auteur, std::string_view action,
                 std::string_view academie, std::optional<long long> candidature_id,
                 std::optional<long long> agent_id, std::string avant, std::string apres,
                 domain::Instant now) {
  store::append_audit(
      tx, store::EntreeAudit{0, now, std::string(auteur.acteur), auteur.id, std::string(academie),
                             std::string(action), candidature_id, agent_id, std::move(avant),
                             std::move(apres), auteur.adresse});
}

constexpr std::string_view kAgentHorsAcademie =
    "Aucun agent de votre académie n'a cette adresse mail.";

std::variant<std::monostate, long long, std::string> agent_filtre(
    store::Read& read, const std::string& academie, const domain::FiltreAgent& filtre) {
  if (const auto* refus = std::get_if<domain::FiltreRefuse>(&filtre)) return refus->message;
  const auto* email = std::get_if<std::string>(&filtre);
  if (!email) return std::monostate{};
  const auto agent = store::find_agent_by_email(read, *email);
  if (!agent || agent->academie != academie) return std::string(kAgentHorsAcademie);
  return agent->id;
}

// Sets `cible` from a resolved filter, or adds its message on `champ`.
void appliquer(const std::variant<std::monostate, long long, std::string>& resolu,
               std::optional<long long>& cible, domain::FieldErrors& errors, std::string champ) {
  if (const auto* id = std::get_if<long long>(&resolu)) cible = *id;
  if (const auto* message = std::get_if<std::string>(&resolu))
    errors.add_once(std::move(champ), *message);
}

std::string texte_de(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  return boost::json::serialize(v);
}

}  // namespace

Auteur auteur_candidat(long long compte_id, std::string adresse) {
  return {domain::kActeurCandidat, compte_id, std::move(adresse)};
}

Auteur auteur_agent(long long agent_id, std::string adresse) {
  return {domain::kActeurAgent, agent_id, std::move(adresse)};
}

Auteur auteur_inconnu(std::string adresse) {
  return {domain::kActeurAgent, std::nullopt, std::move(adresse)};
}

Auteur auteur_commande() {
  return {domain::kActeurCommande, std::nullopt, ""};
}

void journaliser_candidature(store::Tx& tx, const Auteur& auteur, std::string_view action,
                             long long candidature_id, std::string_view academie, std::string avant,
                             std::string apres, domain::Instant now) {
  journaliser(tx, auteur, action, academie, candidature_id, std::nullopt, std::move(avant),
              std::move(apres), now);
}

void journaliser_agent(store::Tx& tx, const Auteur& auteur, std::string_view action,
                       const store::Agent& sujet, std::string avant, std::string apres,
                       domain::Instant now) {
  journaliser(tx, auteur, action, sujet.academie, std::nullopt, sujet.id, std::move(avant),
              std::move(apres), now);
}

std::string etat_candidature(domain::EtatCandidature etat, int version) {
  return boost::json::serialize(
      boost::json::object{{"etat", domain::code_etat(etat)}, {"version", version}});
}

std::string etat_agent(const store::Agent& agent) {
  return boost::json::serialize(boost::json::object{
      {"etat", agent.etat}, {"role", agent.role}, {"academie", agent.academie}});
}

std::string etat_piece(const std::string& code, const store::Justificatif* j) {
  boost::json::object o{{"piece", code}};
  if (j) {
    o["statut"] = domain::code_statut(j->statut);
    if (!j->commentaire.empty()) o["commentaire"] = j->commentaire;
    if (j->date_reception) o["reception"] = domain::format_paris_date(*j->date_reception);
    o["validee"] = j->valide_le.has_value();
  }
  return boost::json::serialize(o);
}

std::string fichier_piece(const std::string& code, const std::string& nom) {
  return boost::json::serialize(boost::json::object{{"piece", code}, {"fichier", nom}});
}

std::string nombre_pieces(int pieces) {
  return boost::json::serialize(boost::json::object{{"pieces", pieces}});
}

std::string motif_refus(std::string_view motif, bool suspendue) {
  boost::json::object o{{"motif", motif}};
  if (suspendue) o["suspendue"] = true;
  return boost::json::serialize(o);
}

std::string decrire_etat(std::string_view json) {
  if (json.empty()) return "";
  boost::system::error_code ec;
  const auto value = boost::json::parse(json, ec);
  if (ec || !value.is_object()) return std::string(json);
  std::string out;
  const auto add = [&out](std::string_view part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  for (const auto& [key, v] : value.as_object()) {
    const std::string text = texte_de(v);
    if (key == "etat") {
      const auto candidature = domain::etat_from_code(text);
      add(candidature ? domain::libelle_etat(*candidature)
                      : domain::libelle_etat_agent(text).value_or(text));
    } else if (key == "version") {
      add("version " + text);
    } else if (key == "role") {
      add(domain::libelle_role(text).value_or(text));
    } else if (key == "motif") {
      add(domain::libelle_motif(text).value_or(text));
    } else if (key == "suspendue") {
      if (v.is_bool() && v.as_bool()) add("connexion suspendue");
    } else if (key == "piece") {
      add("pièce " + text);
    } else if (key == "statut") {
      const auto statut = domain::statut_of_code(text);
      add(statut && *statut != domain::StatutPiece::aucun ? domain::libelle_statut(*statut)
                                                          : "sans statut");
    } else if (key == "commentaire") {
      add("commentaire «\u00A0" + text + "\u00A0»");
    } else if (key == "reception") {
      add("reçue le " + text);
    } else if (key == "validee") {
      add(v.is_bool() && v.as_bool() ? "validée par le candidat" : "non validée");
    } else if (key == "fichier") {
      add("fichier " + text);
    } else if (key == "pieces") {
      add(text + (text == "1" ? " pièce" : " pièces"));
    } else {
      add(text);
    }
  }
  return out;
}

std::optional<PageAudit> consulter_audit(const Services& services, const store::Agent& lecteur,
                                         const FiltresAudit& filtres) {
  if (lecteur.role != domain::kRoleAdministrateur || !lecteur.actif()) return std::nullopt;
  PageAudit page;
  store::RechercheAudit recherche;
  recherche.academie = lecteur.academie;
  recherche.avant = domain::lire_curseur(filtres.avant);
  // One more than a page: whether there are older entries.
  recherche.limite = kAuditParPage + 1;
  domain::check_text(page.errors, "candidature", filtres.candidature);
  domain::check_text(page.errors, "agent", filtres.agent);
  store::Read read(services.db());
  appliquer(candidature_nommee(read, lecteur.academie, filtres.candidature),
            recherche.candidature_id, page.errors, "candidature");
  appliquer(agent_filtre(read, lecteur.academie, domain::lire_filtre_agent(filtres.agent)),
            recherche.agent_id, page.errors, "agent");
  if (!page.errors.empty()) return page;
  page.lignes = store::lire_audit(read, recherche);
  if (page.lignes.size() > static_cast<std::size_t>(kAuditParPage)) {
    page.lignes.pop_back();
    page.plus_anciennes = page.lignes.back().entree.id;
  }
  return page;
}

}  // namespace examens::actions
