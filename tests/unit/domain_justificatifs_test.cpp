// Unit tests of the pièces justificatives: the repository's catalogue requires the right pieces
// for a dossier's domaine, catégorie and answers, grouped by deposit mode and window, with the
// seed's wording of the windows in Paris time; bad files are refused.
#include <gtest/gtest.h>

#include "catalogue/qualification_fichiers.hpp"
#include "domain/justificatifs.hpp"
#include "domain/temps.hpp"
#include "unit/catalogue_copy.hpp"

namespace examens::domain {
namespace {

catalogue::QualificationLoadResult load(const std::filesystem::path& dir) {
  const catalogue::Files files = catalogue::read_files(dir);
  auto base = catalogue::load_catalogue(files);
  if (!base.catalogue) return {};
  return catalogue::load_qualification(files, *base.catalogue);
}

const CatalogueJustificatifs& repository() {
  static const auto r = load(examens::testing::repo_catalogue());
  if (!r.qualification) throw std::runtime_error("the repository's catalogue does not load");
  return r.qualification->justificatifs;
}

Instant paris(const char* text) {
  return *parse_paris_local(text).instant;
}

// The seed's candidate in Guyane: SCOLAIRE BACPRO 1 AN, no aménagement, a diploma declared.
DossierSaisi exemple() {
  return {"BCP",
          "2027",
          "GUY",
          {{"categorie", {"133"}},
           {"handicap", {"non"}},
           {"amenagement_duree", {"non"}},
           {"derogation", {"non"}},
           {"acquis_types", {"autre_diplome"}}}};
}

std::vector<std::string> codes(const GroupePieces& g) {
  std::vector<std::string> out;
  for (const auto& p : g.pieces) out.push_back(p.code);
  return out;
}

TEST(PiecesRequises,
     the_seed_candidate_gives_his_identity_online_and_his_signed_recapitulatif_by_post) {
  const auto groupes = pieces_requises(repository(), exemple());
  ASSERT_EQ(groupes.size(), 3u);
  EXPECT_EQ(groupes[0].mode, ModeDepot::en_ligne);
  EXPECT_EQ(codes(groupes[0]), (std::vector<std::string>{"93475001", "93475007"}));
  EXPECT_EQ(groupes[0].pieces[0].libelle, "Document justifiant l'identité");
  EXPECT_EQ(groupes[1].mode, ModeDepot::voie_postale);
  EXPECT_EQ(codes(groupes[1]), (std::vector<std::string>{"93475003"}));
  // SCOLAIRE BACPRO 1 AN is trained by an établissement: no JDC piece, no attestation.
  EXPECT_EQ(groupes[2].mode, ModeDepot::autre);
  EXPECT_EQ(codes(groupes[2]), (std::vector<std::string>{"93475014"}));
}

TEST(PiecesRequises, a_handicap_request_adds_the_cdaph_opinion_by_post_and_each_piece_comes_once) {
  DossierSaisi d = exemple();
  d.champs["handicap"] = {"oui"};
  d.champs["amenagement_duree"] = {"oui"};
  d.champs["categorie"] = {"IND"};
  d.champs["acquis_types"] = {"deja_presente", "autre_diplome"};
  const auto groupes = pieces_requises(repository(), d);
  ASSERT_EQ(groupes.size(), 2u);  // an individual candidate has no établissement to hand to
  EXPECT_EQ(codes(groupes[0]),
            (std::vector<std::string>{"93475001", "93475004", "93475010", "93475005", "93475007"}));
  EXPECT_EQ(codes(groupes[1]), (std::vector<std::string>{"93475003", "93475009"}));
}

TEST(PiecesRequises, the_window_is_the_academie_own_else_the_common_one) {
  const auto guyane = pieces_requises(repository(), exemple());
  EXPECT_EQ(guyane[0].debut, paris("2026-10-19 08:00"));
  EXPECT_EQ(guyane[0].fin, paris("2027-02-26 23:59"));
  EXPECT_EQ(guyane[1].debut, std::nullopt);
  EXPECT_EQ(guyane[1].fin, paris("2027-03-05 23:59"));
  DossierSaisi ailleurs = exemple();
  ailleurs.academie = "REN";
  const auto rennes = pieces_requises(repository(), ailleurs);
  EXPECT_EQ(rennes[0].fin, paris("2027-02-12 23:59"));
  EXPECT_EQ(phrase_depot(rennes[1]),
            "A envoyer par voie postale au plus tard le vendredi 19 février 2027 23:59 "
            "(heure/Paris)");
}

TEST(PiecesRequises, another_domaine_requires_its_own_pieces) {
  DossierSaisi d = exemple();
  d.domaine = "MC";
  d.academie = "REN";
  d.champs["categorie"] = {"IND"};
  d.champs["acquis_types"] = {};
  const auto groupes = pieces_requises(repository(), d);
  ASSERT_EQ(groupes.size(), 2u);
  EXPECT_EQ(codes(groupes[0]), (std::vector<std::string>{"93475001", "93475004"}));
  // The seed's second piece, the certificat médical of a Mention complémentaire.
  EXPECT_EQ(codes(groupes[1]), (std::vector<std::string>{"93475003", "93475002"}));
  EXPECT_EQ(groupes[1].pieces[1].libelle, "Certificat médical pour embauchement");
}

TEST(PhraseDepot, writes_the_seed_windows_in_paris_time) {
  GroupePieces en_ligne{
      ModeDepot::en_ligne, paris("2022-08-30 00:00"), paris("2022-10-21 23:59"), {}};
  EXPECT_EQ(phrase_depot(en_ligne),
            "A déposer en ligne entre le mardi 30 août 2022 et le vendredi 21 octobre 2022 23:59 "
            "(heure/Paris)");
  GroupePieces courrier{ModeDepot::voie_postale, std::nullopt, paris("2022-10-31 23:59"), {}};
  EXPECT_EQ(phrase_depot(courrier),
            "A envoyer par voie postale au plus tard le lundi 31 octobre 2022 23:59 (heure/Paris)");
  // Winter time: 23:59 in Paris is 22:59 UTC, still the same Paris day.
  EXPECT_EQ(format_paris_jour(paris("2027-01-01 00:30")), "vendredi 1 janvier 2027");
}

class PiecesFiles : public examens::testing::CatalogueCopy {};

TEST_F(PiecesFiles, a_periode_without_a_window_for_a_mode_it_needs_is_refused) {
  append("periodes.csv", "MC;2027;GUY;2026-11-16 08:00;2027-01-08 17:00");
  append("depots_pieces.csv", "MC;2027;GUY;en_ligne;;2027-02-01 23:59");
  append("depots_pieces.csv", "MC;2027;GUY;voie_postale;;2027-02-01 23:59");
  EXPECT_TRUE(load(dir).qualification.has_value()) << "GUY falls back on the * windows";
  std::filesystem::path depots = dir / "depots_pieces.csv";
  std::ifstream in(depots);
  std::string kept;
  for (std::string l; std::getline(in, l);)
    if (l.rfind("MC;2027;*;autre", 0) != 0) kept += l + "\n";
  in.close();
  std::ofstream(depots) << kept;
  const auto r = load(dir);
  EXPECT_FALSE(r.qualification.has_value());
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].message(),
            "depots_pieces.csv: aucune fenêtre de dépôt autre pour MC 2027 AIX");
}

TEST_F(PiecesFiles, an_unknown_piece_or_condition_is_refused_with_its_line) {
  append("pieces_requises.csv", "BCP;;toujours;99999999");
  append("pieces_requises.csv", "BCP;;mineur;93475001");
  const auto r = load(dir);
  EXPECT_FALSE(r.qualification.has_value());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message().find("pièce inconnue : 99999999"), std::string::npos);
  EXPECT_NE(r.errors[1].message().find("condition inconnue : mineur"), std::string::npos);
}

TEST(PiecesRequises, the_catalogue_names_the_signed_recapitulatif) {
  const auto* p = repository().recapitulatif_signe();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->code, "93475003");
  EXPECT_EQ(p->mode, ModeDepot::voie_postale);
  EXPECT_FALSE(repository().piece("93475001")->recapitulatif_signe);
}

TEST_F(PiecesFiles, a_second_signed_recapitulatif_or_an_unknown_role_is_refused) {
  append("pieces.csv", "93475099;Autre récapitulatif;en_ligne;recapitulatif_signe");
  append("pieces.csv", "93475098;Pièce;en_ligne;signature");
  const auto r = load(dir);
  EXPECT_FALSE(r.qualification.has_value());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message().find("le récapitulatif signé est déjà la pièce 93475003"),
            std::string::npos)
      << r.errors[0].message();
  EXPECT_NE(r.errors[1].message().find("role vaut recapitulatif_signe ou reste vide"),
            std::string::npos)
      << r.errors[1].message();
}

}  // namespace
}  // namespace examens::domain
