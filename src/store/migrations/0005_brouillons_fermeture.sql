-- The closing instant of the window a draft was typed in: once it passes, the draft can
-- never be registered, and the purge deletes it (0 for drafts saved before this column).
ALTER TABLE brouillons ADD COLUMN ferme_le BIGINT NOT NULL DEFAULT 0;
CREATE INDEX brouillons_ferme_le ON brouillons (ferme_le);
