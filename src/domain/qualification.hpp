// The qualification a candidate presents (SPEC §2, §4 steps 3–6): spécialités and their
// épreuves trees, candidate categories, acquis and exemptions, and the rules that place each
// épreuve ("Inscrit", "Dispense", "Non inscrit") with its evaluation mode.
//
// Pure values and functions, no I/O: the catalogue files are read by
// catalogue/qualification_fichiers.hpp. Expected failures (a year before a diploma's
// "depuis", a missing language…) come back as FieldErrors with French messages.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue_justificatifs.hpp"
#include "domain/field_errors.hpp"

namespace examens::domain {

// "Session normale 1er groupe" (the exam proper) or "Session normale 2nd groupe" (the
// épreuve de contrôle, for candidates just below the pass mark).
enum class Groupe { premier, second };
std::string_view libelle_groupe(Groupe groupe);

// How an épreuve is evaluated; `aucun` for a parent whose children carry the modes (the
// seed's E1, E3, E4, E5 rows) and for any épreuve the candidate does not sit.
enum class ModeEvaluation { aucun, ponctuel, ccf };
std::string_view libelle_mode(ModeEvaluation mode);  // "", "Ponctuel", "Contrôle en cours…"

// Which evaluation a category of candidates gets. Candidates trained in an établissement
// habilité are assessed in CCF where the épreuve provides it; individual and distance-learning
// candidates take every épreuve as a ponctuel exam. The épreuve says which mode each régime
// gets, so "mode by candidate category" is category → régime → épreuve's mode.
enum class RegimeEvaluation { ccf, ponctuel };

// What an épreuve asks the candidate to choose: the language of EF1, the country of EF2.
enum class NatureChoix { aucun, langue, pays };
std::string_view libelle_nature_choix(NatureChoix nature);  // "Langue", "Pays"

// The seed writes "Dispensé" once (E5-A) and "Dispense" everywhere else: one position.
enum class Position { inscrit, dispense, non_inscrit };
std::string_view libelle_position(Position position);  // "Inscrit", "Dispense", "Non inscrit"

struct Epreuve {
  std::string code;     // "E1-A", "EC1BA"
  std::string libelle;  // "Mathématiques"
  std::string parent;   // code of the parent épreuve, empty at the top of the tree
  std::string unite;    // "U11"
  bool facultative = false;
  Groupe groupe = Groupe::premier;
  ModeEvaluation mode_ccf = ModeEvaluation::aucun;       // for RegimeEvaluation::ccf
  ModeEvaluation mode_ponctuel = ModeEvaluation::aucun;  // for RegimeEvaluation::ponctuel
  NatureChoix choix = NatureChoix::aucun;

  ModeEvaluation mode(RegimeEvaluation regime) const {
    return regime == RegimeEvaluation::ccf ? mode_ccf : mode_ponctuel;
  }
};

struct Specialite {
  std::string domaine;  // "BCP"
  std::string code;     // "25303", national diploma code, unique across domaines
  std::string libelle;  // "Aéronautique option Systèmes"
  // In display order, each parent before its children (the seed's récapitulatif order).
  std::vector<Epreuve> epreuves;

  const Epreuve* epreuve(std::string_view code) const;
  // "Aéronautique option Systèmes (25303)", as in the spécialité list.
  std::string libelle_long() const;
};

struct Categorie {
  std::string domaine;  // a category belongs to one domaine ("SCOLAIRE BACPRO 1 AN")
  std::string code;     // "133"
  std::string libelle;  // "SCOLAIRE BACPRO 1 AN"
  // An individual candidate registers himself and may unregister himself (SPEC §4);
  // the others are registered by their établissement.
  bool individuel = false;
  RegimeEvaluation regime = RegimeEvaluation::ponctuel;
  // Formes de passage open of right, the first being the default ("GLOBALE").
  std::vector<std::string> formes;

  // "SCOLAIRE BACPRO 1 AN (133)", as in the category list.
  std::string libelle_long() const;
};

// A code with its label: situations à l'inscription, sections de langue, catégories
// socio-professionnelles, formes de passage.
struct Intitule {
  std::string code;
  std::string libelle;
};

struct Etablissement {
  std::string uai;       // "9730538X": 7 digits and their check letter
  std::string nom;       // "CFA CEVEDOM CAYENNE"
  std::string commune;   // "CAYENNE CEDEX 2", empty for a pseudo-établissement
  std::string academie;  // "GUY"
  // "INDIVIDUELS 035", "CNED": where candidates without a school are attached.
  bool pseudo = false;

  // "CFA CEVEDOM CAYENNE - CAYENNE CEDEX 2 (9730538X)"; a pseudo-établissement by its name.
  std::string libelle() const;
};

// The UAI (ex-RNE) number: 7 digits then the letter "ABCDEFGHJKLMNPRSTUVWXYZ"[n mod 23].
bool is_uai(std::string_view text);

// The kinds of acquis of the Acquis step, each with the domaine's own wording.
enum class TypeAcquis { deja_presente, autre_specialite, autre_diplome, vae };

struct LibelleTypeAcquis {
  std::string domaine;
  TypeAcquis type;
  std::string libelle;  // "Je me suis déjà présenté à ce BACPRO lors d'une session précédente…"
};

// A diploma that exempts épreuves ("J'ai obtenu … un autre diplôme").
struct DiplomeAcquis {
  std::string domaine;    // the domaine in whose Acquis step it is offered
  std::string code;       // "BTSDUT"
  std::string intitule;   // "BTS DUT DEUG LICENCE"
  std::string precision;  // "Toutes spécialités"
  int depuis = 1900;      // obtained this year or later to count

  // "BTS DUT DEUG LICENCE Toutes spécialités (depuis 1900)"
  std::string libelle() const;
};

// The épreuves a diploma exempts in one spécialité, as the Acquis step lists them (a parent
// such as E4 stands for all its children; E5-A and E5-B may be listed one by one).
struct DispensesDiplome {
  std::string domaine;
  std::string diplome;
  std::string specialite;
  std::vector<std::string> epreuves;
};

// One entry of a choice list: a language for EF1, a country for EF2.
struct ChoixEpreuve {
  NatureChoix nature = NatureChoix::aucun;
  std::string code;     // "ANG", "LV"
  std::string libelle;  // "Anglais", "Lettonie"
};

// The reference data of steps 3 to 6, as loaded from data/catalogue.
struct CatalogueQualification {
  std::vector<Specialite> specialites;
  std::vector<Categorie> categories;
  std::vector<Intitule> situations;
  std::vector<Etablissement> etablissements;
  std::vector<Intitule> sections_langue;
  std::vector<Intitule> csp;
  std::vector<Intitule> formes_passage;
  std::vector<LibelleTypeAcquis> types_acquis;
  std::vector<DiplomeAcquis> diplomes;
  std::vector<DispensesDiplome> dispenses;
  std::vector<ChoixEpreuve> choix;
  CatalogueJustificatifs justificatifs;

  const Specialite* specialite(std::string_view code) const;
  std::vector<const Specialite*> specialites_of(std::string_view domaine) const;
  const Categorie* categorie(std::string_view domaine, std::string_view code) const;
  std::vector<const Categorie*> categories_of(std::string_view domaine) const;
  const Etablissement* etablissement(std::string_view uai) const;
  std::vector<const Etablissement*> etablissements_of(std::string_view academie) const;
  const Intitule* situation(std::string_view code) const;
  const Intitule* section_langue(std::string_view code) const;
  const Intitule* categorie_socio_professionnelle(std::string_view code) const;
  const Intitule* forme_passage(std::string_view code) const;
  const LibelleTypeAcquis* type_acquis(std::string_view domaine, TypeAcquis type) const;
  const DiplomeAcquis* diplome(std::string_view domaine, std::string_view code) const;
  std::vector<const DiplomeAcquis*> diplomes_of(std::string_view domaine) const;
  const DispensesDiplome* dispenses_of(std::string_view domaine, std::string_view diplome,
                                       std::string_view specialite) const;
  const ChoixEpreuve* choix_of(NatureChoix nature, std::string_view code) const;
  std::vector<const ChoixEpreuve*> choix_of(NatureChoix nature) const;
};

// ---- Forme de passage (step 4) ----

// The office's answer to a dérogation request; `en_attente` until it decides.
enum class DecisionDerogation { en_attente, accordee, refusee };

struct FormePassageFinale {
  std::string finale;  // code of the forme de passage finale, empty when `errors` is not
  FieldErrors errors;  // fields "forme_passage", "derogation"
};

// The rule: a forme open of right to the category is taken as chosen, without dérogation
// (asking one is refused as pointless). A forme not open to the category needs the
// dérogation ("Oui"); it becomes the finale only once the office grants it — while pending
// or after a refusal the finale is the category's default forme (its first, "Globale").
// That is why the seed shows "Forme passage finale : Globale" next to the chosen forme.
FormePassageFinale forme_passage_finale(const CatalogueQualification& catalogue,
                                        const Categorie& categorie, std::string_view forme,
                                        bool derogation, DecisionDerogation decision);

// ---- Acquis and épreuves (steps 5 and 6) ----

// A diploma declared in the Acquis step, with the year and académie where it was obtained.
struct AcquisDeclare {
  std::string diplome;   // DiplomeAcquis::code
  int annee = 0;         // 2022
  std::string academie;  // académie code; its existence is checked by the caller
};

// What the candidate declared and chose in steps 3 to 6.
struct DossierEpreuves {
  std::string specialite;  // "25303"
  std::string categorie;   // "133"
  std::vector<AcquisDeclare> acquis;
  // Exempted épreuves the candidate unchecked to sit them again (codes as proposed).
  std::set<std::string> dispenses_decochees;
  // Épreuves exempted by a VAE jury's decision ("au titre de la validation des acquis…").
  std::vector<std::string> dispenses_vae;
  // Facultative épreuves the candidate registers for; the others are "Non inscrit".
  std::set<std::string> facultatives_inscrites;
  // For each épreuve asking a choice (EF1, EF2): the chosen ChoixEpreuve code.
  std::map<std::string, std::string> choix;
};

// The exempted épreuves the Acquis step proposes, pre-checked, for the valid acquis
// declared: the union of their diplomas' exemptions and the VAE ones, in tree order
// (the seed: E4, E5-A, E5-B, E6, E7).
std::vector<const Epreuve*> dispenses_proposees(const CatalogueQualification& catalogue,
                                                const DossierEpreuves& dossier, int annee_courante);

struct LigneEpreuve {
  const Epreuve* epreuve = nullptr;
  int niveau = 0;  // 0 at the top of the tree, 1 for E1-A, 2 for EC1BA
  Position position = Position::inscrit;
  ModeEvaluation mode = ModeEvaluation::aucun;  // only an "Inscrit" épreuve has one
  std::string choix;                            // "Anglais", "Lettonie", or empty

  // "E1-A - Mathématiques", "EF1 - Langue vivante facultative - Anglais"
  std::string libelle() const;
  // Whether its language or country must be chosen: an épreuve asking one, sat ("Inscrit").
  bool choix_obligatoire() const;
};

struct EpreuvesCandidat {
  std::vector<LigneEpreuve> lignes;  // every épreuve of the spécialité, in tree order
  // Fields: "specialite", "categorie", "acquis.N.diplome|annee|academie" (N from 0),
  // "dispenses", "choix.CODE". An acquis in error exempts nothing; the lines are still
  // computed so the page can show them next to the messages.
  FieldErrors errors;
};

// Places every épreuve of the candidate's spécialité:
// - a leaf exempted by a valid acquis (or VAE) and not unchecked is "Dispense"; exempting
//   a parent exempts its children; a parent is "Dispense" when all its children are;
// - an acquis counts only if its year is ≥ its diploma's "depuis" and ≤ `annee_courante`;
// - a facultative épreuve is "Inscrit" when chosen, else "Non inscrit";
// - every other épreuve is "Inscrit";
// - an "Inscrit" épreuve asking a choice (language, country) must have one from its list;
// - the mode is the épreuve's mode for the category's régime, on "Inscrit" lines only
//   (the seed's Dispense rows show none).
EpreuvesCandidat epreuves_du_candidat(const CatalogueQualification& catalogue,
                                      const DossierEpreuves& dossier, int annee_courante);

// The récapitulatif's blocks: "Session normale 1er groupe" / "Epreuve(s) obligatoire(s)",
// then its facultatives, then the 2nd groupe; empty blocks are left out.
struct BlocEpreuves {
  Groupe groupe = Groupe::premier;
  bool facultatives = false;
  std::vector<LigneEpreuve> lignes;
};
std::vector<BlocEpreuves> blocs_recapitulatif(const std::vector<LigneEpreuve>& lignes);

// Whether the Épreuves step has anything for the candidate to choose: a facultative
// épreuve, or an épreuve he sits that asks a language or country. When not, the step
// shows `message_rien_a_choisir` (the seed: a message says to go on).
bool a_des_choix(const std::vector<LigneEpreuve>& lignes);
inline constexpr std::string_view message_rien_a_choisir =
    "Vous n'avez aucun choix à faire sur vos épreuves : cliquez sur « Suivant » pour passer à "
    "l'étape suivante.";

}  // namespace examens::domain
