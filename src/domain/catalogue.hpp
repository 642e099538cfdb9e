// The exam catalogue the candidate chooses from (SPEC §2): domaines, their sessions,
// académies with their exam office's contact block, and the Grand Public opening windows.
// Pure values and rules; the files and the database that hold them are elsewhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"

namespace examens::domain {

struct Domaine {
  std::string code;     // "BCP"
  std::string libelle;  // "BACCALAURÉAT PROFESSIONNEL"
};

struct SessionExamen {
  std::string domaine;  // code of its domaine
  std::string code;     // "2027", "NOV2026VAE"
  std::string libelle;  // "2027", "NOVEMBRE 2026 VAE"
  bool fermee = false;  // a closed session's candidatures leave the candidate's lists
};

struct Academie {
  std::string code;  // "GUY"
  std::string nom;   // "ACADÉMIE DE LA GUYANE"
  // The exam office's contact block, printed on every document, line by line:
  // "RECTORAT DE GUYANE", "DIVISIONS EXAMENS ET CONCOURS", "DEC 2", address lines…
  std::vector<std::string> contact;
  std::string telephone;
  std::string email;
  std::vector<std::string> departements;  // INSEE codes of the départements it serves
};

// A Grand Public registration window of (domaine, session, académie), in instants.
struct Periode {
  std::string domaine;
  std::string session;
  std::string academie;
  Instant ouverture{};
  Instant fermeture{};
};

enum class EtatPeriode { a_venir, ouverte, fermee };

// Open from its opening instant included to its closing instant excluded.
EtatPeriode etat_periode(const Periode& periode, Instant now);

// The sentence "Ouverture des services" shows, in Paris time: while open, the seed's
// "Les inscriptions sont ouvertes du 01 novembre 2021 08:00 au 29 novembre 2021 18:00
// (heure de Paris)."; before and after, its future and past forms.
std::string phrase_periode(const Periode& periode, Instant now);

struct Catalogue {
  std::vector<Domaine> domaines;
  std::vector<SessionExamen> sessions;
  std::vector<Academie> academies;
  std::vector<Periode> periodes;

  const Domaine* domaine(std::string_view code) const;
  const SessionExamen* session(std::string_view domaine, std::string_view code) const;
  const Academie* academie(std::string_view code) const;
  const Periode* periode(std::string_view domaine, std::string_view session,
                         std::string_view academie) const;
  std::vector<const SessionExamen*> sessions_of(std::string_view domaine) const;
  std::vector<const Periode*> periodes_of(std::string_view domaine, std::string_view session) const;
};

}  // namespace examens::domain
