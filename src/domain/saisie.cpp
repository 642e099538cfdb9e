// The registration wizard's tabs and their checks.
#include "domain/saisie.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include "texte/texte.hpp"

namespace examens::domain {

using texte::trim;
using texte::utf8_length;
namespace {

constexpr const char* kObligatoire = "Ce champ est obligatoire.";

bool coche(const Champs& champs, const std::string& nom) {
  return valeur(champs, nom) == "oui";
}

const std::vector<std::string>& valeurs(const Champs& champs, const std::string& nom) {
  static const std::vector<std::string> none;
  auto it = champs.find(nom);
  return it == champs.end() ? none : it->second;
}

void oui_non(const Champs& champs, const std::string& nom, FieldErrors& errors) {
  const std::string v = valeur(champs, nom);
  if (v != "oui" && v != "non") errors.add(nom, "Répondez par Oui ou par Non.");
}

std::optional<int> annee(std::string_view text) {
  int value = 0;
  if (text.size() != 4) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A prior attempt ("déjà présenté", "autre spécialité") is declared with its year and
// académie; the office carries its grades over after checking the relevé de notes.
void valider_tentative(const Champs& champs, const std::string& type,
                       const ContexteSaisie& contexte, FieldErrors& errors) {
  const std::string a = valeur(champs, type + "_annee");
  const auto year = annee(a);
  if (a.empty())
    errors.add(type + "_annee", "Indiquez l'année de cette session.");
  else if (!year || *year < 1950 || *year > contexte.annee_courante)
    errors.add(type + "_annee", "Indiquez une année sur 4 chiffres, entre 1950 et " +
                                    std::to_string(contexte.annee_courante) + ".");
  if (!contexte.catalogue.academie(valeur(champs, type + "_academie")))
    errors.add(type + "_academie", "Choisissez l'académie de cette session.");
}

FieldErrors valider_informations(const Champs& champs, const ContexteSaisie& contexte) {
  FieldErrors errors;
  const auto& q = contexte.qualification;
  if (!q.categorie(contexte.domaine, valeur(champs, "categorie")))
    errors.add("categorie", "Choisissez la catégorie de candidat qui vous correspond.");
  if (!q.situation(valeur(champs, "situation")))
    errors.add("situation", "Choisissez votre situation à l'inscription.");
  oui_non(champs, "amenagement_duree", errors);
  const Etablissement* etablissement = q.etablissement(valeur(champs, "etablissement"));
  if (!etablissement)
    errors.add("etablissement", "Choisissez votre établissement d'inscription.");
  else if (etablissement->academie != contexte.academie)
    errors.add("etablissement",
               "Cet établissement ne dépend pas de l'académie choisie pour l'inscription.");
  oui_non(champs, "handicap", errors);
  const std::string csp = valeur(champs, "csp");
  if (!csp.empty() && !q.categorie_socio_professionnelle(csp))
    errors.add("csp", "Choisissez une catégorie de la liste.");
  oui_non(champs, "diffusion_presse", errors);
  oui_non(champs, "diffusion_collectivites", errors);
  return errors;
}

FieldErrors valider_qualification(const Champs& champs, const ContexteSaisie& contexte) {
  FieldErrors errors;
  const auto* specialite = contexte.qualification.specialite(valeur(champs, "specialite"));
  if (!specialite || specialite->domaine != contexte.domaine)
    errors.add("specialite", "Choisissez la spécialité que vous présentez.");
  if (!contexte.qualification.section_langue(valeur(champs, "section_langue")))
    errors.add("section_langue", "Choisissez une section de langue, ou « Pas de section ».");
  oui_non(champs, "derogation", errors);
  if (errors.has("derogation")) return errors;
  const FormePassageFinale finale = forme_passage_finale(champs, contexte);
  for (const auto& e : finale.errors.all()) errors.add_once(e.field, e.message);
  return errors;
}

// epreuves_du_candidat names an acquis by its rank ("acquis.0.annee"), the page by its
// diploma ("acquis.BTSDUT.annee").
std::string champ_de_page(const std::string& field, const DossierEpreuves& dossier) {
  if (!field.starts_with("acquis.")) return field;
  const auto dot = field.find('.', 7);
  if (dot == std::string::npos) return field;
  std::size_t rang = 0;
  auto [end, ec] = std::from_chars(field.data() + 7, field.data() + dot, rang);
  if (ec != std::errc() || end != field.data() + dot || rang >= dossier.acquis.size()) return field;
  return "acquis." + dossier.acquis[rang].diplome + field.substr(dot);
}

FieldErrors valider_acquis(const Champs& champs, const ContexteSaisie& contexte) {
  FieldErrors errors;
  for (const std::string type : {"deja_presente", "autre_specialite"})
    if (contient(champs, "acquis_types", type)) valider_tentative(champs, type, contexte, errors);
  const DossierEpreuves dossier = dossier_epreuves(champs);
  if (contient(champs, "acquis_types", "autre_diplome") && dossier.acquis.empty())
    errors.add("diplomes", "Cochez le diplôme que vous avez obtenu.");
  for (const auto& a : dossier.acquis) {
    const std::string prefix = "acquis." + a.diplome + ".";
    if (!valeur(champs, prefix + "annee").empty() && a.annee == 0)
      errors.add(prefix + "annee", "Indiquez l'année sur 4 chiffres, par exemple 2022.");
    else if (valeur(champs, prefix + "annee").empty())
      errors.add(prefix + "annee", "Indiquez l'année d'obtention du diplôme.");
    if (!a.academie.empty() && !contexte.catalogue.academie(a.academie))
      errors.add(prefix + "academie", "Choisissez l'académie d'obtention du diplôme.");
  }
  if (contient(champs, "acquis_types", "vae") && dossier.dispenses_vae.empty())
    errors.add("dispenses_vae", "Cochez les épreuves dont le jury de VAE vous a dispensé.");
  const auto epreuves =
      epreuves_du_candidat(contexte.qualification, dossier, contexte.annee_courante);
  for (const auto& e : epreuves.errors.all())
    if (e.field.starts_with("acquis.") || e.field == "dispenses")
      errors.add_once(champ_de_page(e.field, dossier), e.message);
  return errors;
}

FieldErrors valider_epreuves(const Champs& champs, const ContexteSaisie& contexte) {
  FieldErrors errors;
  for (const auto& [nom, v] : champs)
    if (nom.starts_with("position.") && valeur(champs, nom) != "inscrit" &&
        valeur(champs, nom) != "non_inscrit")
      errors.add(nom, "Choisissez Inscrit ou Non inscrit.");
  const auto epreuves = epreuves_du_candidat(contexte.qualification, dossier_epreuves(champs),
                                             contexte.annee_courante);
  for (const auto& e : epreuves.errors.all())
    if (e.field.starts_with("choix.")) errors.add_once(e.field, e.message);
  return errors;
}

}  // namespace

bool contient(const Champs& champs, const std::string& nom, std::string_view v) {
  const auto& all = valeurs(champs, nom);
  return std::find(all.begin(), all.end(), v) != all.end();
}

std::string valeur(const Champs& champs, const std::string& nom) {
  auto it = champs.find(nom);
  if (it == champs.end() || it->second.empty()) return {};
  return std::string(trim(it->second.front()));
}

std::string normalize_telephone(std::string_view telephone) {
  std::string out;
  for (char c : telephone)
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && out.empty())) out += c;
  return out;
}

bool is_valid_telephone(std::string_view telephone) {
  for (char c : telephone)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '+' && c != ' ' && c != '.' &&
        c != '-')
      return false;
  const std::string t = normalize_telephone(telephone);
  if (t.size() == 10 && t[0] == '0' && t[1] != '0') return true;
  if (t.starts_with("+33")) return t.size() == 12 && t[3] != '0';
  return t.starts_with("+") && t.size() >= 9 && t.size() <= 16;
}

FieldErrors valider_modalites(const Champs& champs) {
  FieldErrors errors;
  if (!coche(champs, "modalites_acceptees"))
    errors.add("modalites_acceptees",
               "Vous devez accepter les modalités d'inscription pour continuer.");
  return errors;
}

FieldErrors valider_identification(const Champs& champs, const ReferenceLookup& ref) {
  FieldErrors errors;
  const std::string pays = valeur(champs, "adresse_pays");
  if (pays.empty())
    errors.add("adresse_pays", kObligatoire);
  else if (!ref.pays_exists(pays))
    errors.add("adresse_pays", "Ce pays n'existe pas dans la liste.");
  const std::string voie = valeur(champs, "adresse_voie");
  if (voie.empty())
    errors.add("adresse_voie", kObligatoire);
  else if (utf8_length(voie) > 38)
    errors.add("adresse_voie", "38 caractères au maximum : continuez sur les compléments.");
  for (const char* complement :
       {"adresse_complement1", "adresse_complement2", "adresse_complement3"})
    if (utf8_length(valeur(champs, complement)) > 38)
      errors.add(complement, "38 caractères au maximum.");
  const std::string code_postal = valeur(champs, "code_postal");
  if (pays == kPaysFrance) {
    if (code_postal.size() != 5 || !std::all_of(code_postal.begin(), code_postal.end(),
                                                [](char c) { return c >= '0' && c <= '9'; }))
      errors.add("code_postal", "Le code postal doit compter 5 chiffres, par exemple 29100.");
  } else if (utf8_length(code_postal) > 10) {
    errors.add("code_postal", "10 caractères au maximum.");
  }
  const std::string localite = valeur(champs, "localite");
  if (localite.empty())
    errors.add("localite", kObligatoire);
  else if (utf8_length(localite) > 38)
    errors.add("localite", "38 caractères au maximum.");
  const std::string nationalite = valeur(champs, "nationalite");
  if (nationalite.empty())
    errors.add("nationalite", "Sélectionnez une nationalité.");
  else if (!ref.nationalite_exists(nationalite))
    errors.add("nationalite", "Cette nationalité n'existe pas dans la liste.");
  const std::string mobile = valeur(champs, "telephone_mobile");
  if (!mobile.empty() && !is_valid_telephone(mobile))
    errors.add("telephone_mobile", "Exemple : 0623456789 ou +33623456789.");
  const std::string fixe = valeur(champs, "telephone_fixe");
  if (!fixe.empty() && !is_valid_telephone(fixe))
    errors.add("telephone_fixe", "Exemple : 0123456789 ou +33123456789.");
  return errors;
}

FieldErrors valider_conditions(const Champs& champs) {
  FieldErrors errors;
  if (!coche(champs, "conditions_acceptees"))
    errors.add("conditions_acceptees",
               "Vous devez cocher cette case pour enregistrer votre inscription.");
  return errors;
}

std::string_view titre_onglet(int onglet) {
  static constexpr std::array<std::string_view, 9> kTitres = {"Modalités d'inscription",
                                                              "Identification",
                                                              "Informations candidature",
                                                              "Qualification présentée",
                                                              "Acquis",
                                                              "Epreuves",
                                                              "Récapitulatif",
                                                              "Conditions d'inscription",
                                                              "N° Inscription"};
  if (onglet < 1 || onglet > 9) return {};
  return kTitres[static_cast<std::size_t>(onglet - 1)];
}

bool champ_de_onglet(int onglet, std::string_view nom) {
  auto one_of = [&](std::initializer_list<std::string_view> noms) {
    return std::find(noms.begin(), noms.end(), nom) != noms.end();
  };
  switch (onglet) {
    case 1: return nom == "modalites_acceptees";
    case 2:
      return one_of({"adresse_pays", "adresse_voie", "adresse_complement1", "adresse_complement2",
                     "adresse_complement3", "code_postal", "localite", "nationalite",
                     "telephone_mobile", "telephone_fixe"});
    case 3:
      return one_of({"categorie", "situation", "amenagement_duree", "etablissement", "handicap",
                     "csp", "diffusion_presse", "diffusion_collectivites"});
    case 4: return one_of({"specialite", "section_langue", "forme_passage", "derogation"});
    case 5:
      return one_of({"acquis_types", "deja_presente_annee", "deja_presente_academie",
                     "autre_specialite_annee", "autre_specialite_academie", "diplomes", "dispenses",
                     "dispenses_affichees", "dispenses_vae"}) ||
             nom.starts_with("acquis.");
    case 6: return nom.starts_with("position.") || nom.starts_with("choix.");
    case kOngletConditions: return nom == "conditions_acceptees";
    default: return false;
  }
}

void normaliser_onglet(int onglet, Champs& champs) {
  if (onglet != 2 || valeur(champs, "adresse_pays") != kPaysFrance) return;
  auto it = champs.find("code_postal");
  if (it == champs.end() || it->second.empty()) return;
  std::string chiffres;
  for (char c : it->second.front())
    if (c != ' ') chiffres += c;
  if (chiffres.size() == 5 &&
      std::all_of(chiffres.begin(), chiffres.end(), [](char c) { return c >= '0' && c <= '9'; }))
    it->second = {chiffres};
}

DossierEpreuves dossier_epreuves(const Champs& champs) {
  DossierEpreuves dossier;
  dossier.specialite = valeur(champs, "specialite");
  dossier.categorie = valeur(champs, "categorie");
  if (contient(champs, "acquis_types", "autre_diplome"))
    for (const auto& code : valeurs(champs, "diplomes")) {
      const std::string prefix = "acquis." + code + ".";
      dossier.acquis.push_back({code, annee(valeur(champs, prefix + "annee")).value_or(0),
                                valeur(champs, prefix + "academie")});
    }
  const auto& gardees = valeurs(champs, "dispenses");
  for (const auto& code : valeurs(champs, "dispenses_affichees"))
    if (std::find(gardees.begin(), gardees.end(), code) == gardees.end())
      dossier.dispenses_decochees.insert(code);
  if (contient(champs, "acquis_types", "vae"))
    dossier.dispenses_vae = valeurs(champs, "dispenses_vae");
  for (const auto& [nom, v] : champs) {
    if (nom.starts_with("position.") && valeur(champs, nom) == "inscrit")
      dossier.facultatives_inscrites.insert(nom.substr(9));
    if (nom.starts_with("choix.") && !valeur(champs, nom).empty())
      dossier.choix[nom.substr(6)] = valeur(champs, nom);
  }
  return dossier;
}

bool actualiser_dispenses(Champs& champs, const ContexteSaisie& contexte) {
  const DossierEpreuves dossier = dossier_epreuves(champs);
  std::vector<std::string> affichees, gardees;
  for (const Epreuve* e :
       dispenses_proposees(contexte.qualification, dossier, contexte.annee_courante)) {
    affichees.push_back(e->code);
    if (!dossier.dispenses_decochees.contains(e->code)) gardees.push_back(e->code);
  }
  auto avant = valeurs(champs, "dispenses_affichees");
  auto apres = affichees;
  std::sort(avant.begin(), avant.end());
  std::sort(apres.begin(), apres.end());
  champs["dispenses_affichees"] = std::move(affichees);
  champs["dispenses"] = std::move(gardees);
  return avant != apres;
}

FormePassageFinale forme_passage_finale(const Champs& champs, const ContexteSaisie& contexte) {
  const Categorie* categorie =
      contexte.qualification.categorie(contexte.domaine, valeur(champs, "categorie"));
  if (!categorie) {
    FormePassageFinale out;
    out.errors.add("forme_passage",
                   "Choisissez d'abord votre catégorie de candidat (onglet Informations "
                   "candidature) : les formes de passage en dépendent.");
    return out;
  }
  return forme_passage_finale(contexte.qualification, *categorie, valeur(champs, "forme_passage"),
                              valeur(champs, "derogation") == "oui",
                              DecisionDerogation::en_attente);
}

namespace {

FieldErrors regles_onglet(int onglet, const Champs& champs, const ContexteSaisie& contexte) {
  switch (onglet) {
    case 1: return valider_modalites(champs);
    case 2: return valider_identification(champs, contexte.reference);
    case 3: return valider_informations(champs, contexte);
    case 4: return valider_qualification(champs, contexte);
    case 5: return valider_acquis(champs, contexte);
    case 6: return valider_epreuves(champs, contexte);
    case kOngletConditions: return valider_conditions(champs);
    default: return {};
  }
}

}  // namespace

FieldErrors valider_onglet(int onglet, const Champs& champs, const ContexteSaisie& contexte) {
  FieldErrors errors;
  for (const auto& [nom, valeurs] : champs)
    if (champ_de_onglet(onglet, nom))
      for (const auto& v : valeurs) check_text(errors, nom, trim(v));
  errors.add_missing(regles_onglet(onglet, champs, contexte));
  return errors;
}

const Categorie* categorie_d_etablissement(const CatalogueQualification& qualification,
                                           const std::string& domaine, const Champs& champs) {
  const Categorie* categorie = qualification.categorie(domaine, valeur(champs, "categorie"));
  return categorie && !categorie->individuel ? categorie : nullptr;
}

bool candidat_individuel(const CatalogueQualification& qualification, const std::string& domaine,
                         const Champs& champs, bool compte_d_etablissement) {
  if (compte_d_etablissement) return false;
  const auto it = champs.find("categorie");
  if (it == champs.end() || it->second.empty()) return false;
  const auto* categorie = qualification.categorie(domaine, it->second.front());
  return categorie && categorie->individuel;
}

}  // namespace examens::domain
