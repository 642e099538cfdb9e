-- Candidatures as the wizard registers them: numbered per candidate, versioned, never
-- deleted; the snapshot of each version; and the server-side drafts of the wizard.
-- The table of 0001 was a placeholder that no code wrote to: it is recreated whole.

DROP TABLE candidatures;

CREATE TABLE candidatures (
  id {{id}},
  compte_id BIGINT NOT NULL REFERENCES comptes (id),
  domaine TEXT NOT NULL,
  session TEXT NOT NULL,
  academie TEXT NOT NULL,
  numero_inscription TEXT NOT NULL,
  etat TEXT NOT NULL,
  version INTEGER NOT NULL,
  donnees TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  modifie_le BIGINT NOT NULL,
  desinscrit_le BIGINT,
  UNIQUE (compte_id, numero_inscription)
);
CREATE INDEX candidatures_compte ON candidatures (compte_id);
CREATE INDEX candidatures_session ON candidatures (domaine, session, academie);

-- The numéro d'inscription counter of each candidate: incremented in place, so two
-- concurrent registrations never get the same number.
ALTER TABLE comptes ADD COLUMN dernier_numero_inscription INTEGER NOT NULL DEFAULT 0;

-- What each version of a candidature held, as the récapitulatif of that version shows it.
CREATE TABLE candidature_versions (
  candidature_id BIGINT NOT NULL REFERENCES candidatures (id),
  version INTEGER NOT NULL,
  donnees TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  PRIMARY KEY (candidature_id, version)
);

-- Drafts of the wizard, one per account and target (a new candidature for a domaine,
-- session and académie, or the modification of an existing one).
CREATE TABLE brouillons (
  compte_id BIGINT NOT NULL REFERENCES comptes (id) ON DELETE CASCADE,
  cle TEXT NOT NULL,
  donnees TEXT NOT NULL,
  modifie_le BIGINT NOT NULL,
  PRIMARY KEY (compte_id, cle)
);
