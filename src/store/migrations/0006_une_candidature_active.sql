-- One active candidature per candidate, exam and session, enforced by the database: two
-- Enregistrer racing in two académies (READ COMMITTED on PostgreSQL) cannot both register.
-- The active states are those the candidate still holds (domain::visible_du_candidat).

CREATE UNIQUE INDEX candidatures_une_active ON candidatures (compte_id, domaine, session)
  WHERE etat IN ('a_completer', 'inscrit');
