// The qualification rules: lookups in the reference data, the forme de passage finale,
// exemptions from acquis, and the position and mode of each épreuve for a candidate.
#include "domain/qualification.hpp"

#include <algorithm>

namespace examens::domain {

std::string_view libelle_groupe(Groupe groupe) {
  return groupe == Groupe::premier ? "Session normale 1er groupe" : "Session normale 2nd groupe";
}

std::string_view libelle_mode(ModeEvaluation mode) {
  switch (mode) {
    case ModeEvaluation::aucun: return "";
    case ModeEvaluation::ponctuel: return "Ponctuel";
    case ModeEvaluation::ccf: return "Contrôle en cours de formation";
  }
  return "";
}

std::string_view libelle_nature_choix(NatureChoix nature) {
  switch (nature) {
    case NatureChoix::aucun: return "";
    case NatureChoix::langue: return "Langue";
    case NatureChoix::pays: return "Pays";
  }
  return "";
}

std::string_view libelle_position(Position position) {
  switch (position) {
    case Position::inscrit: return "Inscrit";
    case Position::dispense: return "Dispense";
    case Position::non_inscrit: return "Non inscrit";
  }
  return "";
}

const Epreuve* Specialite::epreuve(std::string_view code) const {
  for (const auto& e : epreuves)
    if (e.code == code) return &e;
  return nullptr;
}

std::string Specialite::libelle_long() const {
  return libelle + " (" + code + ")";
}

std::string Categorie::libelle_long() const {
  return libelle + " (" + code + ")";
}

std::string Etablissement::libelle() const {
  if (pseudo) return nom;
  std::string out = nom;
  if (!commune.empty()) out += " - " + commune;
  out += " (" + uai + ")";
  return out;
}

bool is_uai(std::string_view text) {
  if (text.size() != 8) return false;
  long number = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    number = number * 10 + (text[i] - '0');
  }
  static constexpr std::string_view letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
  return text[7] == letters[static_cast<std::size_t>(number % 23)];
}

std::string DiplomeAcquis::libelle() const {
  std::string out = intitule;
  if (!precision.empty()) out += " " + precision;
  out += " (depuis " + std::to_string(depuis) + ")";
  return out;
}

namespace {

template <typename T, typename Pred>
const T* find_if_ptr(const std::vector<T>& items, Pred pred) {
  auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}

template <typename T, typename Pred>
std::vector<const T*> filter_ptr(const std::vector<T>& items, Pred pred) {
  std::vector<const T*> out;
  for (const auto& item : items)
    if (pred(item)) out.push_back(&item);
  return out;
}

const Intitule* by_code(const std::vector<Intitule>& items, std::string_view code) {
  return find_if_ptr(items, [&](const Intitule& i) { return i.code == code; });
}

}  // namespace

const Specialite* CatalogueQualification::specialite(std::string_view code) const {
  return find_if_ptr(specialites, [&](const Specialite& s) { return s.code == code; });
}

std::vector<const Specialite*> CatalogueQualification::specialites_of(
    std::string_view domaine) const {
  return filter_ptr(specialites, [&](const Specialite& s) { return s.domaine == domaine; });
}

const Categorie* CatalogueQualification::categorie(std::string_view domaine,
                                                   std::string_view code) const {
  return find_if_ptr(categories,
                     [&](const Categorie& c) { return c.domaine == domaine && c.code == code; });
}

std::vector<const Categorie*> CatalogueQualification::categories_of(
    std::string_view domaine) const {
  return filter_ptr(categories, [&](const Categorie& c) { return c.domaine == domaine; });
}

const Etablissement* CatalogueQualification::etablissement(std::string_view uai) const {
  return find_if_ptr(etablissements, [&](const Etablissement& e) { return e.uai == uai; });
}

std::vector<const Etablissement*> CatalogueQualification::etablissements_of(
    std::string_view academie) const {
  return filter_ptr(etablissements, [&](const Etablissement& e) { return e.academie == academie; });
}

const Intitule* CatalogueQualification::situation(std::string_view code) const {
  return by_code(situations, code);
}

const Intitule* CatalogueQualification::section_langue(std::string_view code) const {
  return by_code(sections_langue, code);
}

const Intitule* CatalogueQualification::categorie_socio_professionnelle(
    std::string_view code) const {
  return by_code(csp, code);
}

const Intitule* CatalogueQualification::forme_passage(std::string_view code) const {
  return by_code(formes_passage, code);
}

const LibelleTypeAcquis* CatalogueQualification::type_acquis(std::string_view domaine,
                                                             TypeAcquis type) const {
  return find_if_ptr(types_acquis, [&](const LibelleTypeAcquis& t) {
    return t.domaine == domaine && t.type == type;
  });
}

const DiplomeAcquis* CatalogueQualification::diplome(std::string_view domaine,
                                                     std::string_view code) const {
  return find_if_ptr(
      diplomes, [&](const DiplomeAcquis& d) { return d.domaine == domaine && d.code == code; });
}

std::vector<const DiplomeAcquis*> CatalogueQualification::diplomes_of(
    std::string_view domaine) const {
  return filter_ptr(diplomes, [&](const DiplomeAcquis& d) { return d.domaine == domaine; });
}

const DispensesDiplome* CatalogueQualification::dispenses_of(std::string_view domaine,
                                                             std::string_view diplome,
                                                             std::string_view specialite) const {
  return find_if_ptr(dispenses, [&](const DispensesDiplome& d) {
    return d.domaine == domaine && d.diplome == diplome && d.specialite == specialite;
  });
}

const ChoixEpreuve* CatalogueQualification::choix_of(NatureChoix nature,
                                                     std::string_view code) const {
  return find_if_ptr(choix,
                     [&](const ChoixEpreuve& c) { return c.nature == nature && c.code == code; });
}

std::vector<const ChoixEpreuve*> CatalogueQualification::choix_of(NatureChoix nature) const {
  return filter_ptr(choix, [&](const ChoixEpreuve& c) { return c.nature == nature; });
}

FormePassageFinale forme_passage_finale(const CatalogueQualification& catalogue,
                                        const Categorie& categorie, std::string_view forme,
                                        bool derogation, DecisionDerogation decision) {
  FormePassageFinale out;
  const Intitule* choisie = catalogue.forme_passage(forme);
  if (!choisie) {
    out.errors.add("forme_passage", "Choisissez une forme de passage.");
    return out;
  }
  const bool de_droit =
      std::find(categorie.formes.begin(), categorie.formes.end(), forme) != categorie.formes.end();
  if (de_droit) {
    if (derogation)
      out.errors.add("derogation", "La forme de passage " + choisie->libelle +
                                       " est ouverte à votre catégorie : la dérogation est sans "
                                       "objet, répondez Non.");
    else
      out.finale = choisie->code;
    return out;
  }
  if (!derogation) {
    out.errors.add("derogation", "La forme de passage " + choisie->libelle +
                                     " n'est pas ouverte à la catégorie " + categorie.libelle +
                                     " : demandez une dérogation ou choisissez une autre forme.");
    return out;
  }
  // The loader guarantees every category has at least one forme.
  out.finale = decision == DecisionDerogation::accordee ? choisie->code : categorie.formes.front();
  return out;
}

namespace {

// The épreuve and all its descendants (the tree is stored parents first).
void with_descendants(const Specialite& specialite, const std::string& code,
                      std::set<std::string>& out) {
  out.insert(code);
  for (const auto& e : specialite.epreuves)
    if (e.parent == code) with_descendants(specialite, e.code, out);
}

int niveau_of(const Specialite& specialite, const Epreuve& epreuve) {
  int niveau = 0;
  for (const Epreuve* e = &epreuve; !e->parent.empty(); e = specialite.epreuve(e->parent)) ++niveau;
  return niveau;
}

// The codes proposed for exemption by the valid acquis, in no particular order; problems
// with the declarations go to `errors` when given.
std::set<std::string> codes_proposes(const CatalogueQualification& catalogue,
                                     const Specialite& specialite, const DossierEpreuves& dossier,
                                     int annee_courante, FieldErrors* errors) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < dossier.acquis.size(); ++i) {
    const AcquisDeclare& a = dossier.acquis[i];
    const std::string field = "acquis." + std::to_string(i) + ".";
    const DiplomeAcquis* diplome = catalogue.diplome(specialite.domaine, a.diplome);
    bool valide = true;
    auto refuse = [&](const std::string& name, const std::string& message) {
      valide = false;
      if (errors) errors->add(field + name, message);
    };
    if (!diplome) {
      refuse("diplome", "Choisissez un diplôme de la liste.");
      continue;
    }
    if (a.annee < diplome->depuis)
      refuse("annee", "Le diplôme " + diplome->libelle() +
                          " ne donne droit à dispense que s'il a été obtenu en " +
                          std::to_string(diplome->depuis) + " ou après : l'année " +
                          std::to_string(a.annee) + " ne convient pas.");
    else if (a.annee > annee_courante)
      refuse("annee", "L'année d'obtention ne peut pas être postérieure à " +
                          std::to_string(annee_courante) + ".");
    if (a.academie.empty()) refuse("academie", "Choisissez l'académie d'obtention du diplôme.");
    if (!valide) continue;
    if (const auto* d = catalogue.dispenses_of(specialite.domaine, a.diplome, specialite.code))
      out.insert(d->epreuves.begin(), d->epreuves.end());
  }
  for (const auto& code : dossier.dispenses_vae) {
    const Epreuve* e = specialite.epreuve(code);
    if (!e || e->facultative) {
      if (errors)
        errors->add("dispenses", "L'épreuve " + code +
                                     " ne peut pas être dispensée au titre de la VAE dans "
                                     "cette spécialité.");
      continue;
    }
    out.insert(code);
  }
  return out;
}

}  // namespace

std::vector<const Epreuve*> dispenses_proposees(const CatalogueQualification& catalogue,
                                                const DossierEpreuves& dossier,
                                                int annee_courante) {
  std::vector<const Epreuve*> out;
  const Specialite* specialite = catalogue.specialite(dossier.specialite);
  if (!specialite) return out;
  const auto codes = codes_proposes(catalogue, *specialite, dossier, annee_courante, nullptr);
  for (const auto& e : specialite->epreuves)
    if (codes.contains(e.code)) out.push_back(&e);
  return out;
}

std::string LigneEpreuve::libelle() const {
  std::string out = epreuve->code;
  out += " - ";
  out += epreuve->libelle;
  if (!choix.empty()) {
    out += " - ";
    out += choix;
  }
  return out;
}

bool LigneEpreuve::choix_obligatoire() const {
  return position == Position::inscrit && epreuve->choix != NatureChoix::aucun;
}

EpreuvesCandidat epreuves_du_candidat(const CatalogueQualification& catalogue,
                                      const DossierEpreuves& dossier, int annee_courante) {
  EpreuvesCandidat out;
  const Specialite* specialite = catalogue.specialite(dossier.specialite);
  if (!specialite) {
    out.errors.add("specialite", "Choisissez une spécialité.");
    return out;
  }
  const Categorie* categorie = catalogue.categorie(specialite->domaine, dossier.categorie);
  if (!categorie) out.errors.add("categorie", "Choisissez une catégorie de candidat.");
  // Without a category the modes are unknown; ponctuel is the common case and the error
  // above stops the step anyway.
  const RegimeEvaluation regime = categorie ? categorie->regime : RegimeEvaluation::ponctuel;

  const auto proposes =
      codes_proposes(catalogue, *specialite, dossier, annee_courante, &out.errors);
  for (const auto& code : dossier.dispenses_decochees)
    if (!proposes.contains(code))
      out.errors.add("dispenses",
                     "L'épreuve " + code + " ne fait pas partie des dispenses proposées.");
  std::set<std::string> dispensees;
  for (const auto& code : proposes)
    if (!dossier.dispenses_decochees.contains(code))
      with_descendants(*specialite, code, dispensees);

  for (const auto& code : dossier.facultatives_inscrites) {
    const Epreuve* e = specialite->epreuve(code);
    if (!e || !e->facultative)
      out.errors.add(
          "choix." + code,
          "L'épreuve " + code + " n'est pas une épreuve facultative de cette spécialité.");
  }

  // Leaves first: a parent's position depends on its children, which follow it in the list.
  const auto& epreuves = specialite->epreuves;
  std::vector<Position> positions(epreuves.size(), Position::inscrit);
  for (std::size_t i = epreuves.size(); i-- > 0;) {
    const Epreuve& e = epreuves[i];
    bool has_children = false, all_dispensed = true;
    for (std::size_t j = i + 1; j < epreuves.size(); ++j)
      if (epreuves[j].parent == e.code) {
        has_children = true;
        all_dispensed = all_dispensed && positions[j] == Position::dispense;
      }
    if (dispensees.contains(e.code) || (has_children && all_dispensed))
      positions[i] = Position::dispense;
    else if (e.facultative && !dossier.facultatives_inscrites.contains(e.code))
      positions[i] = Position::non_inscrit;
  }

  for (std::size_t i = 0; i < epreuves.size(); ++i) {
    const Epreuve& e = epreuves[i];
    LigneEpreuve ligne{&e, niveau_of(*specialite, e), positions[i], ModeEvaluation::aucun, {}};
    if (ligne.position == Position::inscrit) ligne.mode = e.mode(regime);
    if (ligne.choix_obligatoire()) {
      const auto it = dossier.choix.find(e.code);
      const bool langue = e.choix == NatureChoix::langue;
      if (it == dossier.choix.end() || it->second.empty()) {
        out.errors.add("choix." + e.code,
                       std::string(langue ? "Choisissez la langue" : "Choisissez le pays") +
                           " de l'épreuve " + e.code + " - " + e.libelle + ".");
      } else if (const ChoixEpreuve* c = catalogue.choix_of(e.choix, it->second)) {
        ligne.choix = c->libelle;
      } else {
        out.errors.add("choix." + e.code, std::string(langue ? "Langue inconnue" : "Pays inconnu") +
                                              " pour l'épreuve " + e.code + " : " + it->second +
                                              ".");
      }
    }
    out.lignes.push_back(std::move(ligne));
  }
  return out;
}

std::vector<BlocEpreuves> blocs_recapitulatif(const std::vector<LigneEpreuve>& lignes) {
  std::vector<BlocEpreuves> out;
  for (Groupe groupe : {Groupe::premier, Groupe::second})
    for (bool facultatives : {false, true}) {
      BlocEpreuves bloc{groupe, facultatives, {}};
      for (const auto& l : lignes)
        if (l.epreuve->groupe == groupe && l.epreuve->facultative == facultatives)
          bloc.lignes.push_back(l);
      if (!bloc.lignes.empty()) out.push_back(std::move(bloc));
    }
  return out;
}

bool a_des_choix(const std::vector<LigneEpreuve>& lignes) {
  return std::any_of(lignes.begin(), lignes.end(), [](const LigneEpreuve& l) {
    return l.epreuve->facultative || l.choix_obligatoire();
  });
}

}  // namespace examens::domain
