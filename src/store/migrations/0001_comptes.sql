-- Accounts, sessions, single-use tokens, login throttling, the mail outbox and the
-- geographic reference data. Instants are UTC seconds since the epoch (BIGINT).

CREATE TABLE parametres (
  nom TEXT PRIMARY KEY,
  valeur TEXT NOT NULL
);

CREATE TABLE pays (
  code TEXT PRIMARY KEY,
  nom TEXT NOT NULL,
  rang INTEGER NOT NULL
);

CREATE TABLE nationalites (
  code TEXT PRIMARY KEY,
  libelle TEXT NOT NULL
);

CREATE TABLE departements (
  code TEXT PRIMARY KEY,
  code_affiche TEXT NOT NULL,
  nom TEXT NOT NULL,
  zone TEXT NOT NULL
);

CREATE TABLE communes (
  id {{id}},
  code TEXT NOT NULL,
  nom TEXT NOT NULL,
  departement TEXT NOT NULL REFERENCES departements (code),
  cle TEXT NOT NULL
);
CREATE INDEX communes_recherche ON communes (departement, cle);

-- Every numéro de candidat ever given, kept when its account is purged: never reused.
CREATE TABLE numeros_candidat (
  numero TEXT PRIMARY KEY,
  attribue_le BIGINT NOT NULL
);

CREATE TABLE comptes (
  id {{id}},
  numero_candidat TEXT NOT NULL UNIQUE REFERENCES numeros_candidat (numero),
  email TEXT NOT NULL,
  email_normalise TEXT NOT NULL UNIQUE,
  identifiant TEXT UNIQUE,
  mot_de_passe TEXT NOT NULL,
  etat TEXT NOT NULL,
  civilite TEXT NOT NULL,
  nom_naissance TEXT NOT NULL,
  nom_usage TEXT NOT NULL,
  prenoms TEXT NOT NULL,
  date_naissance TEXT NOT NULL,
  pays_naissance TEXT NOT NULL,
  departement_naissance TEXT NOT NULL,
  commune_naissance_code TEXT NOT NULL,
  commune_naissance TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  active_le BIGINT,
  modifie_le BIGINT NOT NULL
);
CREATE INDEX comptes_en_attente ON comptes (etat, cree_le);

-- Candidatures attached to an account; the registration wizard fills them in.
CREATE TABLE candidatures (
  id {{id}},
  compte_id BIGINT NOT NULL REFERENCES comptes (id),
  etat TEXT NOT NULL,
  cree_le BIGINT NOT NULL
);
CREATE INDEX candidatures_compte ON candidatures (compte_id);

-- Single-use tokens of activation and password-reset links, stored hashed.
CREATE TABLE jetons (
  empreinte TEXT PRIMARY KEY,
  compte_id BIGINT NOT NULL REFERENCES comptes (id) ON DELETE CASCADE,
  usage TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  expire_le BIGINT NOT NULL,
  utilise_le BIGINT
);
CREATE INDEX jetons_compte ON jetons (compte_id, usage);

-- Server-side sessions, keyed by a hash of the cookie value.
CREATE TABLE sessions (
  empreinte TEXT PRIMARY KEY,
  compte_id BIGINT NOT NULL REFERENCES comptes (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  vu_le BIGINT NOT NULL,
  expire_le BIGINT NOT NULL,
  adresse TEXT NOT NULL,
  navigateur TEXT NOT NULL
);
CREATE INDEX sessions_compte ON sessions (compte_id);

CREATE TABLE echecs_connexion (
  cle TEXT PRIMARY KEY,
  nombre INTEGER NOT NULL,
  debut BIGINT NOT NULL,
  bloque_jusqu_a BIGINT
);

-- The mail outbox: rows are written in the transaction of the change that causes them.
CREATE TABLE messages (
  id {{id}},
  compte_id BIGINT REFERENCES comptes (id) ON DELETE CASCADE,
  destinataire TEXT NOT NULL,
  objet TEXT NOT NULL,
  texte TEXT NOT NULL,
  html TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  cree_le BIGINT NOT NULL,
  tentatives INTEGER NOT NULL,
  prochain_essai BIGINT NOT NULL,
  reserve_jusqu_a BIGINT NOT NULL,
  envoye_le BIGINT,
  abandonne_le BIGINT,
  derniere_erreur TEXT NOT NULL,
  chemin_eml TEXT NOT NULL
);
CREATE INDEX messages_a_envoyer ON messages (envoye_le, prochain_essai);
CREATE INDEX messages_compte ON messages (compte_id, cree_le);
