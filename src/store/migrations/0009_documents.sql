-- The candidature's documents (issue 14): the récapitulatif and the demande de pièces of
-- each version, queued a_preparer in the Enregistrer transaction and rendered after it by
-- the preparer (actions/preparateur), which claims rows as the mail sender claims mails.
-- The PDF is kept in the row as base64 text (docs/decisions/0011-documents.md): both
-- backends take it through the same text binding, and it is committed with its state.

CREATE TABLE documents (
  id {{id}},
  candidature_id BIGINT NOT NULL REFERENCES candidatures (id),
  nature TEXT NOT NULL,
  version INTEGER NOT NULL,
  code TEXT NOT NULL UNIQUE,
  etat TEXT NOT NULL,
  pdf_base64 TEXT,
  cree_le BIGINT NOT NULL,
  prepare_le BIGINT,
  reserve_jusqu_a BIGINT NOT NULL DEFAULT 0,
  UNIQUE (candidature_id, nature, version)
);
CREATE INDEX documents_a_preparer ON documents (etat, reserve_jusqu_a);
