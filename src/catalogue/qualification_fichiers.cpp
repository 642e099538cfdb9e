// Reading and validation of the qualification's data files.
#include "catalogue/qualification_fichiers.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "catalogue/justificatifs_fichiers.hpp"

namespace examens::catalogue {
namespace {

using domain::Epreuve;
using domain::ModeEvaluation;
using domain::NatureChoix;

// Codes travel in URLs and form field names: capital letters, digits and, inside épreuve
// codes ("E1-A"), a dash.
bool is_code(const std::string& s, bool dash = false) {
  return !s.empty() && s.size() <= 20 && s.front() != '-' && s.back() != '-' &&
         std::all_of(s.begin(), s.end(), [&](char ch) {
           return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || (dash && ch == '-');
         });
}

std::optional<bool> oui_non(const std::string& s) {
  if (s == "oui") return true;
  if (s == "non") return false;
  return std::nullopt;
}

std::optional<ModeEvaluation> mode_of(const std::string& s) {
  if (s.empty()) return ModeEvaluation::aucun;
  if (s == "ccf") return ModeEvaluation::ccf;
  if (s == "ponctuel") return ModeEvaluation::ponctuel;
  return std::nullopt;
}

std::optional<NatureChoix> nature_of(const std::string& s, bool allow_none) {
  if (s.empty() && allow_none) return NatureChoix::aucun;
  if (s == "langue") return NatureChoix::langue;
  if (s == "pays") return NatureChoix::pays;
  return std::nullopt;
}

std::optional<domain::TypeAcquis> type_acquis_of(const std::string& s) {
  using domain::TypeAcquis;
  if (s == "deja_presente") return TypeAcquis::deja_presente;
  if (s == "autre_specialite") return TypeAcquis::autre_specialite;
  if (s == "autre_diplome") return TypeAcquis::autre_diplome;
  if (s == "vae") return TypeAcquis::vae;
  return std::nullopt;
}

// code;libelle lists: codes unique, labels present.
void read_intitules(const Files& files, std::vector<LoadError>& errors, const std::string& name,
                    std::vector<domain::Intitule>& out) {
  read_csv(files, name, {"code", "libelle"}, errors, [&](const Row& r) -> std::string {
    if (!is_code(r[0]) || r[1].empty())
      return "code (majuscules et chiffres) et libellé sont obligatoires";
    for (const auto& i : out)
      if (i.code == r[0]) return "code " + r[0] + " déjà défini";
    out.push_back({r[0], r[1]});
    return {};
  });
}

// What every file's reader works on: the files, the catalogue they refer to, the errors
// found so far and the qualification being built.
struct Reader {
  const Files& files;
  const domain::Catalogue& base;
  std::vector<LoadError>& errors;
  domain::CatalogueQualification& q;

  void read(const std::string& name, const std::vector<std::string>& columns,
            const std::function<std::string(const Row&)>& row) {
    read_csv(files, name, columns, errors, row);
  }
};

constexpr std::string_view kCodeEtLibelle =
    "code (majuscules et chiffres) et libellé sont obligatoires";

// specialites.csv: the spécialités of each domaine.
void read_specialites(Reader& in) {
  auto& q = in.q;
  in.read("specialites.csv", {"domaine", "code", "libelle"}, [&](const Row& r) -> std::string {
    if (!in.base.domaine(r[0])) return "domaine inconnu : " + r[0];
    if (!is_code(r[1]) || r[2].empty()) return std::string(kCodeEtLibelle);
    if (q.specialite(r[1])) return "spécialité " + r[1] + " déjà définie";
    q.specialites.push_back({r[0], r[1], r[2], {}});
    return {};
  });
}

// epreuves.csv: each spécialité's tree of épreuves, parents first.
void read_epreuves(Reader& in) {
  auto& q = in.q;
  in.read("epreuves.csv",
          {"specialite", "code", "parent", "libelle", "unite", "nature", "groupe", "mode_ccf",
           "mode_ponctuel", "choix"},
          [&](const Row& r) -> std::string {
            auto it = std::find_if(q.specialites.begin(), q.specialites.end(),
                                   [&](const domain::Specialite& s) { return s.code == r[0]; });
            if (it == q.specialites.end()) return "spécialité inconnue : " + r[0];
            domain::Specialite& s = *it;
            if (!is_code(r[1], true) || r[3].empty())
              return "code (majuscules, chiffres, tiret) et libellé sont obligatoires";
            if (s.epreuve(r[1])) return "épreuve " + r[1] + " déjà définie dans " + s.code;
            if (r[5] != "obligatoire" && r[5] != "facultative")
              return "nature vaut obligatoire ou facultative";
            if (r[6] != "1" && r[6] != "2") return "groupe vaut 1 ou 2";
            const auto ccf = mode_of(r[7]);
            const auto ponctuel = mode_of(r[8]);
            if (!ccf || !ponctuel) return "un mode vaut ccf, ponctuel ou rien";
            const auto choix = nature_of(r[9], true);
            if (!choix) return "choix vaut langue, pays ou rien";
            Epreuve e{r[1],
                      r[3],
                      r[2],
                      r[4],
                      r[5] == "facultative",
                      r[6] == "1" ? domain::Groupe::premier : domain::Groupe::second,
                      *ccf,
                      *ponctuel,
                      *choix};
            if (!e.parent.empty()) {
              // Parents first: the récapitulatif shows the file's order, a parent above its
              // children, and positions are computed from the children up.
              const Epreuve* parent = s.epreuve(e.parent);
              if (!parent) return "épreuve parente " + e.parent + " inconnue (elle doit précéder)";
              if (parent->facultative != e.facultative || parent->groupe != e.groupe)
                return "une épreuve a la nature et le groupe de son parent " + e.parent;
            }
            s.epreuves.push_back(std::move(e));
            return {};
          });
}

// Every spécialité has épreuves, and every leaf both its modes.
void check_epreuves(Reader& in) {
  auto& q = in.q;
  for (const auto& s : q.specialites) {
    if (s.epreuves.empty())
      in.errors.push_back({"epreuves.csv", 0, "la spécialité " + s.code + " n'a aucune épreuve"});
    for (const auto& e : s.epreuves) {
      const bool leaf = std::none_of(s.epreuves.begin(), s.epreuves.end(),
                                     [&](const Epreuve& c) { return c.parent == e.code; });
      // A leaf without a mode would show an empty mode to a candidate who sits it.
      if (leaf && (e.mode_ccf == ModeEvaluation::aucun || e.mode_ponctuel == ModeEvaluation::aucun))
        in.errors.push_back({"epreuves.csv", 0,
                             "l'épreuve " + e.code + " de " + s.code +
                                 " n'a pas d'enfant : ses deux modes sont obligatoires"});
    }
  }
}

// categories.csv: the categories of candidates of each domaine.
void read_categories(Reader& in) {
  auto& q = in.q;
  in.read("categories.csv", {"domaine", "code", "libelle", "individuel", "regime", "formes"},
          [&](const Row& r) -> std::string {
            if (!in.base.domaine(r[0])) return "domaine inconnu : " + r[0];
            if (!is_code(r[1]) || r[2].empty()) return std::string(kCodeEtLibelle);
            if (q.categorie(r[0], r[1])) return "catégorie " + r[0] + " " + r[1] + " déjà définie";
            const auto individuel = oui_non(r[3]);
            if (!individuel) return "individuel vaut oui ou non";
            if (r[4] != "ccf" && r[4] != "ponctuel") return "regime vaut ccf ou ponctuel";
            auto formes = words(r[5]);
            if (formes.empty()) return "au moins une forme de passage est obligatoire";
            for (const auto& f : formes)
              if (!q.forme_passage(f)) return "forme de passage inconnue : " + f;
            q.categories.push_back(
                {r[0], r[1], r[2], *individuel,
                 r[4] == "ccf" ? domain::RegimeEvaluation::ccf : domain::RegimeEvaluation::ponctuel,
                 std::move(formes)});
            return {};
          });
}

// etablissements.csv: the établissements, real (UAI) or pseudo, of each académie.
void read_etablissements(Reader& in) {
  auto& q = in.q;
  in.read("etablissements.csv", {"uai", "nom", "commune", "academie", "pseudo"},
          [&](const Row& r) -> std::string {
            if (!domain::is_uai(r[0]))
              return "UAI invalide (7 chiffres et leur lettre de contrôle) : " + r[0];
            if (q.etablissement(r[0])) return "établissement " + r[0] + " déjà défini";
            if (r[1].empty()) return "le nom est obligatoire";
            if (!in.base.academie(r[3])) return "académie inconnue : " + r[3];
            const auto pseudo = oui_non(r[4]);
            if (!pseudo) return "pseudo vaut oui ou non";
            if (!*pseudo && r[2].empty()) return "la commune est obligatoire";
            q.etablissements.push_back({r[0], r[1], r[2], r[3], *pseudo});
            return {};
          });
}

// types_acquis.csv: the kinds of acquis each domaine accepts.
void read_types_acquis(Reader& in) {
  auto& q = in.q;
  in.read("types_acquis.csv", {"domaine", "type", "libelle"}, [&](const Row& r) -> std::string {
    if (!in.base.domaine(r[0])) return "domaine inconnu : " + r[0];
    const auto type = type_acquis_of(r[1]);
    if (!type) return "type vaut deja_presente, autre_specialite, autre_diplome ou vae";
    if (r[2].empty()) return "le libellé est obligatoire";
    if (q.type_acquis(r[0], *type)) return "type " + r[1] + " déjà défini pour " + r[0];
    q.types_acquis.push_back({r[0], *type, r[2]});
    return {};
  });
}

// acquis.csv: the diplomas a candidate may declare.
void read_acquis(Reader& in) {
  auto& q = in.q;
  in.read("acquis.csv", {"domaine", "code", "intitule", "precision", "depuis"},
          [&](const Row& r) -> std::string {
            if (!in.base.domaine(r[0])) return "domaine inconnu : " + r[0];
            if (!is_code(r[1]) || r[2].empty())
              return "code (majuscules et chiffres) et intitulé sont obligatoires";
            if (q.diplome(r[0], r[1])) return "diplôme " + r[0] + " " + r[1] + " déjà défini";
            const std::string& y = r[4];
            if (y.size() != 4 ||
                !std::all_of(y.begin(), y.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
              return "depuis est une année sur 4 chiffres";
            q.diplomes.push_back({r[0], r[1], r[2], r[3], std::stoi(y)});
            return {};
          });
}

// acquis_dispenses.csv: the épreuves a diploma exempts from, per spécialité.
void read_dispenses(Reader& in) {
  auto& q = in.q;
  in.read("acquis_dispenses.csv", {"domaine", "diplome", "specialite", "epreuves"},
          [&](const Row& r) -> std::string {
            if (!q.diplome(r[0], r[1])) return "diplôme inconnu : " + r[0] + " " + r[1];
            const domain::Specialite* s = q.specialite(r[2]);
            if (!s || s->domaine != r[0]) return "spécialité inconnue dans " + r[0] + " : " + r[2];
            if (q.dispenses_of(r[0], r[1], r[2]))
              return "dispenses déjà définies pour " + r[1] + " dans " + r[2];
            auto codes = words(r[3]);
            if (codes.empty()) return "au moins une épreuve est obligatoire";
            std::set<std::string> seen;
            for (const auto& code : codes) {
              const Epreuve* e = s->epreuve(code);
              if (!e) return "épreuve inconnue dans " + s->code + " : " + code;
              // An exemption replaces a grade of the exam proper: never an optional épreuve
              // nor the épreuve de contrôle.
              if (e->facultative || e->groupe != domain::Groupe::premier)
                return "seule une épreuve obligatoire du 1er groupe se dispense : " + code;
              if (!seen.insert(code).second) return "épreuve en double : " + code;
            }
            q.dispenses.push_back({r[0], r[1], r[2], std::move(codes)});
            return {};
          });
}

// choix_epreuves.csv: the languages and countries offered, for every épreuve that asks.
void read_choix(Reader& in) {
  auto& q = in.q;
  in.read("choix_epreuves.csv", {"nature", "code", "libelle"}, [&](const Row& r) -> std::string {
    const auto nature = nature_of(r[0], false);
    if (!nature) return "nature vaut langue ou pays";
    if (!is_code(r[1]) || r[2].empty()) return std::string(kCodeEtLibelle);
    if (q.choix_of(*nature, r[1])) return r[0] + " " + r[1] + " déjà défini(e)";
    q.choix.push_back({*nature, r[1], r[2]});
    return {};
  });
  for (const auto& s : q.specialites)
    for (const auto& e : s.epreuves)
      if (e.choix != NatureChoix::aucun && q.choix_of(e.choix).empty())
        in.errors.push_back({"choix_epreuves.csv", 0,
                             "aucun choix de nature " +
                                 std::string(e.choix == NatureChoix::langue ? "langue" : "pays") +
                                 " pour l'épreuve " + e.code + " de " + s.code});
}

}  // namespace

QualificationLoadResult load_qualification(const Files& files, const domain::Catalogue& base) {
  QualificationLoadResult result;
  domain::CatalogueQualification q;
  Reader in{files, base, result.errors, q};
  read_specialites(in);
  read_epreuves(in);
  check_epreuves(in);
  read_intitules(files, result.errors, "formes_passage.csv", q.formes_passage);
  read_categories(in);
  read_intitules(files, result.errors, "situations.csv", q.situations);
  read_intitules(files, result.errors, "sections_langue.csv", q.sections_langue);
  read_intitules(files, result.errors, "csp.csv", q.csp);
  read_etablissements(in);
  read_types_acquis(in);
  read_acquis(in);
  read_dispenses(in);
  read_choix(in);
  read_justificatifs(files, base, q, result.errors);
  if (result.errors.empty()) result.qualification = std::move(q);
  return result;
}

}  // namespace examens::catalogue
