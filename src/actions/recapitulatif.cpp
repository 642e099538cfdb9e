// The récapitulatif: the seed's blocks (qualification, identification, adresse et contact,
// situation, informations candidature, acquis déclarés, épreuves) as display-ready JSON.
#include "actions/recapitulatif.hpp"

#include <boost/json.hpp>

#include "domain/compte.hpp"
#include "domain/justificatifs.hpp"
#include "domain/temps.hpp"

namespace examens::actions {
namespace json = boost::json;
namespace {

std::string ou_tiret(const std::string& text) {
  return text.empty() ? "-" : text;
}

std::string oui_non(const domain::Champs& champs, const std::string& nom) {
  const std::string v = domain::valeur(champs, nom);
  return v == "oui" ? "Oui" : v == "non" ? "Non" : "-";
}

std::string nationalite(const store::Referentiel& ref, const std::string& code) {
  for (const auto& n : ref.nationalites())
    if (n.code == code) return n.libelle;
  return code;
}

std::string academie_nom(const domain::Catalogue& catalogue, const std::string& code) {
  const auto* a = catalogue.academie(code);
  return a ? a->nom : code;
}

json::object identite(const Services& services, const store::Compte& compte,
                      const domain::Champs& champs) {
  const auto& i = compte.identite;
  const auto& ref = services.referentiel();
  json::object o;
  o["civilite"] = i.civilite == "MME" ? "MADAME" : "MONSIEUR";
  o["nom_famille"] = i.nom_naissance;
  o["nom_usage"] = ou_tiret(i.nom_usage);
  o["prenoms"] = i.prenoms;
  o["date_naissance"] = domain::format_date_fr(i.date_naissance);
  o["commune_naissance"] = i.commune_naissance;
  const auto* dep = ref.departement(i.departement_naissance);
  o["departement_naissance"] = dep ? dep->code_affiche : ou_tiret(i.departement_naissance);
  const auto* pays = ref.pays(i.pays_naissance);
  o["pays_naissance"] = pays ? pays->nom : i.pays_naissance;
  o["nationalite"] = nationalite(ref, domain::valeur(champs, "nationalite"));
  return o;
}

json::object adresse(const Services& services, const store::Compte& compte,
                     const domain::Champs& champs) {
  json::array lignes;
  for (const char* nom :
       {"adresse_voie", "adresse_complement1", "adresse_complement2", "adresse_complement3"})
    if (auto v = domain::valeur(champs, nom); !v.empty()) lignes.emplace_back(v);
  lignes.emplace_back(domain::valeur(champs, "code_postal") + " " +
                      domain::valeur(champs, "localite"));
  const auto* pays = services.referentiel().pays(domain::valeur(champs, "adresse_pays"));
  lignes.emplace_back(pays ? pays->nom : domain::valeur(champs, "adresse_pays"));
  json::object o;
  o["lignes"] = std::move(lignes);
  o["telephone_mobile"] =
      ou_tiret(domain::normalize_telephone(domain::valeur(champs, "telephone_mobile")));
  o["telephone_fixe"] =
      ou_tiret(domain::normalize_telephone(domain::valeur(champs, "telephone_fixe")));
  o["email"] = compte.email;
  return o;
}

json::object informations(const Services& services, const domain::DossierSaisi& d,
                          const domain::ContexteSaisie& contexte) {
  const auto& q = services.qualification();
  const auto& c = d.champs;
  json::object o;
  const auto* categorie = q.categorie(d.domaine, domain::valeur(c, "categorie"));
  o["categorie"] = categorie ? categorie->libelle : "-";
  o["categorie_long"] = categorie ? categorie->libelle_long() : "-";
  const auto* situation = q.situation(domain::valeur(c, "situation"));
  o["situation"] = situation ? situation->libelle : "-";
  const auto* etablissement = q.etablissement(domain::valeur(c, "etablissement"));
  o["etablissement"] = etablissement ? etablissement->libelle() : "-";
  o["amenagement_duree"] = oui_non(c, "amenagement_duree");
  o["handicap"] = oui_non(c, "handicap");
  const bool vae = domain::contient(c, "acquis_types", "vae");
  o["vae"] = vae ? "VAE" : "Non VAE";
  const auto* forme = q.forme_passage(domain::valeur(c, "forme_passage"));
  o["forme_passage"] = forme ? forme->libelle : "-";
  o["derogation"] = oui_non(c, "derogation");
  const auto finale = domain::forme_passage_finale(c, contexte);
  const auto* forme_finale = q.forme_passage(finale.finale);
  o["forme_finale"] = forme_finale ? forme_finale->libelle : "-";
  o["presse"] = oui_non(c, "diffusion_presse");
  o["collectivites"] = oui_non(c, "diffusion_collectivites");
  const auto* csp = q.categorie_socio_professionnelle(domain::valeur(c, "csp"));
  o["csp"] = csp ? csp->libelle : "-";
  return o;
}

json::array acquis(const Services& services, const domain::DossierSaisi& d) {
  const auto& q = services.qualification();
  const auto& c = d.champs;
  json::array out;
  for (const auto type :
       {domain::TypeAcquis::deja_presente, domain::TypeAcquis::autre_specialite}) {
    const std::string code =
        type == domain::TypeAcquis::deja_presente ? "deja_presente" : "autre_specialite";
    if (!domain::contient(c, "acquis_types", code)) continue;
    const auto* libelle = q.type_acquis(d.domaine, type);
    json::object o;
    o["titulaire"] = libelle ? libelle->libelle : code;
    o["type_droit"] = "Report de notes, après vérification du relevé de notes";
    o["annee"] = domain::valeur(c, code + "_annee");
    o["academie"] = academie_nom(services.catalogue(), domain::valeur(c, code + "_academie"));
    out.push_back(std::move(o));
  }
  for (const auto& a : domain::dossier_epreuves(c).acquis) {
    const auto* diplome = q.diplome(d.domaine, a.diplome);
    json::object o;
    o["titulaire"] = diplome ? diplome->libelle() : a.diplome;
    o["type_droit"] = "Epreuves dispensées dans la spécialité présentée";
    o["annee"] = std::to_string(a.annee);
    o["academie"] = academie_nom(services.catalogue(), a.academie);
    out.push_back(std::move(o));
  }
  if (domain::contient(c, "acquis_types", "vae")) {
    json::object o;
    o["titulaire"] = "Validation des acquis de l'expérience";
    o["type_droit"] = "Epreuves dispensées par décision du jury de VAE";
    out.push_back(std::move(o));
  }
  return out;
}

json::array epreuves(const Services& services, const domain::DossierSaisi& d, int annee_courante) {
  const auto lignes =
      domain::epreuves_du_candidat(services.qualification(), domain::dossier_epreuves(d.champs),
                                   annee_courante)
          .lignes;
  json::array blocs;
  for (const auto& bloc : domain::blocs_recapitulatif(lignes)) {
    json::object b;
    b["groupe"] = std::string(domain::libelle_groupe(bloc.groupe));
    b["titre"] = bloc.facultatives ? "Epreuve(s) facultative(s)" : "Epreuve(s) obligatoire(s)";
    json::array out;
    for (const auto& l : bloc.lignes) {
      json::object o;
      o["code"] = l.epreuve->code;
      o["libelle"] = l.libelle();
      o["intitule"] = l.epreuve->libelle;
      o["unite"] = l.epreuve->unite;
      o["niveau"] = l.niveau;
      o["position"] = std::string(domain::libelle_position(l.position));
      o["mode"] = std::string(domain::libelle_mode(l.mode));
      o["choix"] = l.choix;
      out.push_back(std::move(o));
    }
    b["lignes"] = std::move(out);
    blocs.push_back(std::move(b));
  }
  return blocs;
}

// "0594272243" as the seed prints it, "05 94 27 22 43"; any other form as typed.
std::string telephone_affiche(const std::string& numero) {
  if (numero.size() != 10) return numero;
  std::string out;
  for (std::size_t i = 0; i < numero.size(); i += 2) {
    if (i > 0) out.push_back(' ');
    out.append(numero, i, 2);
  }
  return out;
}

// The office's block as the documents print it, frozen with the version: a later move of
// the service does not rewrite what a past document said.
json::object contact(const domain::Catalogue& catalogue, const std::string& code) {
  json::object o;
  json::array lignes;
  const auto* a = catalogue.academie(code);
  if (a)
    for (const auto& l : a->contact) lignes.emplace_back(l);
  o["lignes"] = std::move(lignes);
  o["telephone"] = a ? telephone_affiche(a->telephone) : "";
  o["email"] = a ? a->email : "";
  return o;
}

// The pieces the dossier needs, by mode and window, frozen with the version for the demande
// de pièces justificatives.
json::array pieces(const Services& services, const domain::DossierSaisi& d) {
  json::array out;
  for (const auto& groupe : domain::pieces_requises(services.qualification().justificatifs, d)) {
    json::object g;
    g["mode"] = groupe.mode == domain::ModeDepot::en_ligne       ? "en_ligne"
                : groupe.mode == domain::ModeDepot::voie_postale ? "voie_postale"
                                                                 : "autre";
    g["phrase"] = domain::phrase_depot(groupe);
    json::array liste;
    for (const auto& p : groupe.pieces) liste.push_back({{"code", p.code}, {"libelle", p.libelle}});
    g["pieces"] = std::move(liste);
    out.push_back(std::move(g));
  }
  return out;
}

// "mercredi 13 décembre 2023 à 23:59", the window's closing as the seed says it; empty when
// the catalogue has no window for the dossier.
std::string fermeture_service(const domain::Catalogue& catalogue, const domain::DossierSaisi& d) {
  const auto* periode = catalogue.periode(d.domaine, d.session, d.academie);
  if (!periode) return "";
  return domain::format_paris_jour(periode->fermeture) + " à " +
         domain::format_paris_time(periode->fermeture);
}

}  // namespace

domain::ContexteSaisie contexte_saisie(const Services& services,
                                       const domain::DossierSaisi& dossier, domain::Instant now) {
  return {services.catalogue(),   services.qualification(),
          services.referentiel(), dossier.domaine,
          dossier.academie,       static_cast<int>(domain::paris_today(now).year())};
}

json::object recapitulatif(const Services& services, const store::Compte& compte,
                           const domain::DossierSaisi& d, domain::Instant now) {
  const domain::ContexteSaisie contexte = contexte_saisie(services, d, now);
  const auto& q = services.qualification();
  json::object o;
  const auto* domaine = services.catalogue().domaine(d.domaine);
  o["examen"] = domaine ? domaine->libelle : d.domaine;
  const auto* session = services.catalogue().session(d.domaine, d.session);
  o["session"] = session ? session->libelle : d.session;
  o["academie"] = academie_nom(services.catalogue(), d.academie);
  o["numero_candidat"] = compte.numero_candidat;
  const auto* specialite = q.specialite(domain::valeur(d.champs, "specialite"));
  o["specialite"] = specialite ? specialite->libelle : "-";
  o["specialite_long"] = specialite ? specialite->libelle_long() : "-";
  // "Pas de section européenne" is the absence of an enseignement: the seed shows "-".
  const auto* section = q.section_langue(domain::valeur(d.champs, "section_langue"));
  o["enseignements"] = section && section->code != "SANS" ? section->libelle : "-";
  o["identite"] = identite(services, compte, d.champs);
  o["adresse"] = adresse(services, compte, d.champs);
  o["candidature"] = informations(services, d, contexte);
  json::array acquis_declares = acquis(services, d);
  o["aucun_acquis"] = acquis_declares.empty();
  o["acquis"] = std::move(acquis_declares);
  o["blocs"] = epreuves(services, d, contexte.annee_courante);
  o["contact"] = contact(services.catalogue(), d.academie);
  o["pieces"] = pieces(services, d);
  o["fermeture_service"] = fermeture_service(services.catalogue(), d);
  o["champs"] = champs_json(d.champs);
  return o;
}

}  // namespace examens::actions
