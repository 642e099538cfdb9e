// The exam catalogue: lookups and the opening-window rules.
#include "domain/catalogue.hpp"

#include "domain/temps.hpp"

namespace examens::domain {

EtatPeriode etat_periode(const Periode& periode, Instant now) {
  if (now < periode.ouverture) return EtatPeriode::a_venir;
  if (now < periode.fermeture) return EtatPeriode::ouverte;
  return EtatPeriode::fermee;
}

std::string phrase_periode(const Periode& periode, Instant now) {
  const std::string du = format_paris_long(periode.ouverture);
  const std::string au = format_paris_long(periode.fermeture);
  switch (etat_periode(periode, now)) {
    case EtatPeriode::a_venir:
      return "Les inscriptions seront ouvertes du " + du + " au " + au + " (heure de Paris).";
    case EtatPeriode::ouverte:
      return "Les inscriptions sont ouvertes du " + du + " au " + au + " (heure de Paris).";
    case EtatPeriode::fermee:
      return "Les inscriptions étaient ouvertes du " + du + " au " + au +
             " (heure de Paris) : elles sont closes.";
  }
  return {};
}

const Domaine* Catalogue::domaine(std::string_view code) const {
  for (const auto& d : domaines)
    if (d.code == code) return &d;
  return nullptr;
}

const SessionExamen* Catalogue::session(std::string_view domaine, std::string_view code) const {
  for (const auto& s : sessions)
    if (s.domaine == domaine && s.code == code) return &s;
  return nullptr;
}

const Academie* Catalogue::academie(std::string_view code) const {
  for (const auto& a : academies)
    if (a.code == code) return &a;
  return nullptr;
}

const Periode* Catalogue::periode(std::string_view domaine, std::string_view session,
                                  std::string_view academie) const {
  for (const auto& p : periodes)
    if (p.domaine == domaine && p.session == session && p.academie == academie) return &p;
  return nullptr;
}

std::vector<const SessionExamen*> Catalogue::sessions_of(std::string_view domaine) const {
  std::vector<const SessionExamen*> out;
  for (const auto& s : sessions)
    if (s.domaine == domaine && !s.fermee) out.push_back(&s);
  return out;
}

std::vector<const Periode*> Catalogue::periodes_of(std::string_view domaine,
                                                   std::string_view session) const {
  std::vector<const Periode*> out;
  for (const auto& p : periodes)
    if (p.domaine == domaine && p.session == session) out.push_back(&p);
  return out;
}

}  // namespace examens::domain
