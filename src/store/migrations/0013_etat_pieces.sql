-- The office's list of candidatures by the state of their pieces (issue 15): where a
-- candidature's pieces stand (domain::EtatDossierPieces) is kept on its row by every change
-- of a piece, of its control and of its version, so that the list of one académie's
-- candidatures "À contrôler" is one index range, even with a million candidatures: the pieces
-- a candidature requires are only known from its version's snapshot, which SQL cannot read.
-- Rows of earlier versions start "en_attente": no database held pieces before this issue.

ALTER TABLE candidatures ADD COLUMN etat_pieces TEXT NOT NULL DEFAULT 'en_attente'
  CHECK (etat_pieces IN ('en_attente', 'a_controler', 'non_conforme', 'complet'));

CREATE INDEX candidatures_academie_pieces ON candidatures (academie, etat, etat_pieces, id);
CREATE INDEX candidatures_academie ON candidatures (academie, id);
