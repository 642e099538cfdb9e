-- The qualification part of the catalogue (spécialités, épreuves trees, catégories,
-- établissements, acquis…) as the validated files `examens init` loaded: replaced whole,
-- parsed by each instance with the same loader that validated them.
CREATE TABLE catalogue_fichiers (
  nom TEXT PRIMARY KEY,
  contenu TEXT NOT NULL
);
