-- Mes justificatifs (issue 15): one row per piece of a candidature that something happened
-- to (a deposit, a validation, a status set by the office), created on first need; the
-- pieces required come from the version's snapshot. The files deposited for a piece are
-- rows of depots naming a file of the store by its content's SHA-256
-- (docs/decisions/0013-justificatifs.md): a file no row names is removed by the purge.

CREATE TABLE justificatifs (
  id {{id}},
  candidature_id BIGINT NOT NULL REFERENCES candidatures (id),
  code TEXT NOT NULL,
  statut TEXT NOT NULL DEFAULT 'aucun'
    CHECK (statut IN ('aucun', 'recue', 'conforme', 'non_conforme', 'nouvelle_pj')),
  -- Reçue: the date the office received it; a comment of the office for the candidate.
  date_reception BIGINT,
  commentaire TEXT NOT NULL DEFAULT '',
  -- "J'ai fourni toutes mes pièces": the piece is locked from then on, until the office
  -- reopens it (a status Non conforme or En attente d'une nouvelle PJ, or the whole group).
  valide_le BIGINT,
  -- Who set the status last (the audit trail keeps the history).
  statut_par BIGINT REFERENCES agents (id),
  statut_le BIGINT,
  modifie_le BIGINT NOT NULL,
  UNIQUE (candidature_id, code)
);

CREATE TABLE depots (
  id {{id}},
  justificatif_id BIGINT NOT NULL REFERENCES justificatifs (id),
  empreinte TEXT NOT NULL,
  type_mime TEXT NOT NULL CHECK (type_mime IN ('application/pdf', 'image/jpeg', 'image/png')),
  taille BIGINT NOT NULL,
  -- The name the browser sent, cleaned for display only: files are stored by empreinte.
  nom TEXT NOT NULL,
  depose_le BIGINT NOT NULL
);
CREATE INDEX depots_justificatif ON depots (justificatif_id);
CREATE INDEX depots_empreinte ON depots (empreinte);
