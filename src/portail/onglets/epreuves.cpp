// Tab 6 "Epreuves".
#include "domain/compte.hpp"
#include "domain/qualification.hpp"
#include "portail/onglets/onglets.hpp"

namespace examens::portail::onglets {

void epreuves(const Portal& portal, const domain::ContexteSaisie& contexte, const Brouillon& b,
              const domain::FieldErrors& e, Data& data) {
  const auto& q = portal.qualification();
  const auto& c = b.dossier.champs;
  const auto resultat =
      domain::epreuves_du_candidat(q, domain::dossier_epreuves(c), contexte.annee_courante);
  Data blocs{Data::type::list};
  for (const auto& bloc : domain::blocs_recapitulatif(resultat.lignes)) {
    Data d;
    d.set("groupe", std::string(domain::libelle_groupe(bloc.groupe)));
    d.set("titre", bloc.facultatives ? "Epreuve(s) facultative(s)" : "Epreuve(s) obligatoire(s)");
    Data lignes{Data::type::list};
    for (const auto& l : bloc.lignes) {
      const auto& ep = *l.epreuve;
      Data ligne;
      ligne.set("code", ep.code);
      ligne.set("libelle", ep.code + " : " + ep.libelle);
      ligne.set("niveau", std::to_string(l.niveau));
      ligne.set("position", std::string(domain::libelle_position(l.position)));
      // Mustache takes an empty string for true: absent values are not set at all.
      if (l.mode != domain::ModeEvaluation::aucun)
        ligne.set("mode", std::string(domain::libelle_mode(l.mode)));
      if (!l.choix.empty()) ligne.set("choix_fait", l.choix);
      if (ep.facultative) {
        const std::string name = "position." + ep.code;
        Data position;
        position.set("id", name);
        position.set("inscrit", l.position == domain::Position::inscrit);
        position.set("non_inscrit", l.position != domain::Position::inscrit);
        if (const auto* m = e.message(name)) position.set("error", *m);
        ligne.set("facultative", position);
      }
      if (ep.choix != domain::NatureChoix::aucun &&
          (ep.facultative || l.position == domain::Position::inscrit)) {
        std::vector<Option> options;
        for (const auto* ch : q.choix_of(ep.choix)) options.push_back({ch->code, ch->libelle});
        const std::string name = "choix." + ep.code;
        FormView choix(e);
        // Asked of the épreuves the candidate sits; a facultative one he may still choose.
        const bool obligatoire = l.choix_obligatoire();
        choix.select({name, domain::libelle_nature_choix(ep.choix),
                      obligatoire ? "" : "À choisir si vous vous inscrivez à cette épreuve",
                      "select", "off", obligatoire},
                     options, domain::valeur(c, name));
        const Data form = choix.data();
        ligne.set("choix", *form.get("f")->get(name));
      }
      lignes.push_back(ligne);
    }
    d.set("lignes", lignes);
    blocs.push_back(d);
  }
  data.set("blocs", blocs);
  if (!domain::a_des_choix(resultat.lignes))
    data.set("rien_a_choisir", std::string(domain::message_rien_a_choisir));
}

}  // namespace examens::portail::onglets
