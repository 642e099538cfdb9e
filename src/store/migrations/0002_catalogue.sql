-- The exam catalogue: domaines, sessions, académies with their contact block, and the
-- Grand Public opening windows (instants in UTC seconds).

CREATE TABLE domaines (
  code TEXT PRIMARY KEY,
  libelle TEXT NOT NULL,
  rang INTEGER NOT NULL
);

CREATE TABLE sessions_examen (
  domaine TEXT NOT NULL REFERENCES domaines (code),
  code TEXT NOT NULL,
  libelle TEXT NOT NULL,
  fermee INTEGER NOT NULL,
  rang INTEGER NOT NULL,
  PRIMARY KEY (domaine, code)
);

CREATE TABLE academies (
  code TEXT PRIMARY KEY,
  nom TEXT NOT NULL,
  contact TEXT NOT NULL,
  telephone TEXT NOT NULL,
  email TEXT NOT NULL,
  departements TEXT NOT NULL,
  rang INTEGER NOT NULL
);

CREATE TABLE periodes_inscription (
  domaine TEXT NOT NULL,
  session TEXT NOT NULL,
  academie TEXT NOT NULL REFERENCES academies (code),
  ouverture BIGINT NOT NULL,
  fermeture BIGINT NOT NULL,
  PRIMARY KEY (domaine, session, academie),
  FOREIGN KEY (domaine, session) REFERENCES sessions_examen (domaine, code)
);
