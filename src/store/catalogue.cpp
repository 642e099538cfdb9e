// Storage of the exam catalogue.
#include "store/catalogue.hpp"

#include <sstream>

#include "store/instants.hpp"
#include "store/sql.hpp"

namespace examens::store {
namespace {

std::string join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, separator);)
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

void replace_catalogue(Tx& tx, const domain::Catalogue& c) {
  soci::session& sql = sql_of(tx);
  sql << "DELETE FROM periodes_inscription";
  sql << "DELETE FROM sessions_examen";
  sql << "DELETE FROM academies";
  sql << "DELETE FROM domaines";
  int rang = 0;
  for (const auto& d : c.domaines)
    sql << "INSERT INTO domaines (code, libelle, rang) VALUES (:c, :l, :r)", soci::use(d.code),
        soci::use(d.libelle), soci::use(++rang);
  for (const auto& s : c.sessions) {
    const int fermee = s.fermee ? 1 : 0;
    sql << "INSERT INTO sessions_examen (domaine, code, libelle, fermee, rang) "
           "VALUES (:d, :c, :l, :f, :r)",
        soci::use(s.domaine), soci::use(s.code), soci::use(s.libelle), soci::use(fermee),
        soci::use(++rang);
  }
  for (const auto& a : c.academies) {
    const std::string contact = join(a.contact, '\n'), deps = join(a.departements, ' ');
    sql << "INSERT INTO academies (code, nom, contact, telephone, email, departements, rang) "
           "VALUES (:c, :n, :ct, :t, :e, :d, :r)",
        soci::use(a.code), soci::use(a.nom), soci::use(contact), soci::use(a.telephone),
        soci::use(a.email), soci::use(deps), soci::use(++rang);
  }
  for (const auto& p : c.periodes) {
    const long long o = seconds(p.ouverture), f = seconds(p.fermeture);
    sql << "INSERT INTO periodes_inscription (domaine, session, academie, ouverture, fermeture) "
           "VALUES (:d, :s, :a, :o, :f)",
        soci::use(p.domaine), soci::use(p.session), soci::use(p.academie), soci::use(o),
        soci::use(f);
  }
}

domain::Catalogue read_catalogue(Unit& unit) {
  soci::session& sql = sql_of(unit);
  domain::Catalogue c;
  {
    domain::Domaine d;
    soci::statement st = (sql.prepare << "SELECT code, libelle FROM domaines ORDER BY rang",
                          soci::into(d.code), soci::into(d.libelle));
    st.execute();
    while (st.fetch()) c.domaines.push_back(d);
  }
  {
    domain::SessionExamen s;
    int fermee = 0;
    soci::statement st =
        (sql.prepare << "SELECT domaine, code, libelle, fermee FROM sessions_examen ORDER BY rang",
         soci::into(s.domaine), soci::into(s.code), soci::into(s.libelle), soci::into(fermee));
    st.execute();
    while (st.fetch()) {
      s.fermee = fermee != 0;
      c.sessions.push_back(s);
    }
  }
  {
    domain::Academie a;
    std::string contact, deps;
    soci::statement st =
        (sql.prepare << "SELECT code, nom, contact, telephone, email, departements FROM academies "
                        "ORDER BY rang",
         soci::into(a.code), soci::into(a.nom), soci::into(contact), soci::into(a.telephone),
         soci::into(a.email), soci::into(deps));
    st.execute();
    while (st.fetch()) {
      a.contact = split(contact, '\n');
      a.departements = split(deps, ' ');
      c.academies.push_back(a);
    }
  }
  {
    domain::Periode p;
    long long o = 0, f = 0;
    soci::statement st =
        (sql.prepare << "SELECT domaine, session, academie, ouverture, fermeture FROM "
                        "periodes_inscription ORDER BY domaine, session, academie",
         soci::into(p.domaine), soci::into(p.session), soci::into(p.academie), soci::into(o),
         soci::into(f));
    st.execute();
    while (st.fetch()) {
      p.ouverture = instant(o);
      p.fermeture = instant(f);
      c.periodes.push_back(p);
    }
  }
  return c;
}

void replace_catalogue_files(Tx& tx, const std::map<std::string, std::string>& files) {
  soci::session& sql = sql_of(tx);
  sql << "DELETE FROM catalogue_fichiers";
  for (const auto& [nom, contenu] : files)
    sql << "INSERT INTO catalogue_fichiers (nom, contenu) VALUES (:n, :c)", soci::use(nom),
        soci::use(contenu);
}

std::map<std::string, std::string> read_catalogue_files(Unit& unit) {
  soci::session& sql = sql_of(unit);
  std::map<std::string, std::string> files;
  std::string nom, contenu;
  soci::statement st = (sql.prepare << "SELECT nom, contenu FROM catalogue_fichiers",
                        soci::into(nom), soci::into(contenu));
  st.execute();
  while (st.fetch()) files[nom] = contenu;
  return files;
}

}  // namespace examens::store
