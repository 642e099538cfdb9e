-- The audit trail (SPEC §8, docs/decisions/0014-audit.md): one row per state change of a
-- candidature and per staff action, written in the transaction of the change itself. Append
-- only: both backends refuse UPDATE and DELETE on the table (and PostgreSQL TRUNCATE), so no
-- code path, present or future, can rewrite the past. No foreign keys: an entry outlives
-- the account or the row it names.

CREATE TABLE audit (
  id {{id}},
  quand BIGINT NOT NULL,
  acteur TEXT NOT NULL CHECK (acteur IN ('candidat', 'agent', 'systeme', 'commande')),
  -- comptes.id for a candidat, agents.id for an agent; NULL for the others and for a login
  -- refused, whose author is not known.
  acteur_id BIGINT,
  -- The académie of the subject (the candidature's, the staff member's): the scope of the
  -- office's view.
  academie TEXT NOT NULL,
  action TEXT NOT NULL,
  candidature_id BIGINT,
  agent_id BIGINT,
  -- Compact JSON of what changed (state, version, role); NULL when there was nothing before.
  avant TEXT,
  apres TEXT,
  adresse TEXT
);
CREATE INDEX audit_academie ON audit (academie, id);
CREATE INDEX audit_candidature ON audit (candidature_id, id);
CREATE INDEX audit_agent ON audit (agent_id, id);
CREATE INDEX audit_acteur ON audit (acteur_id, id);

-- Each statement on one line: the migration runner splits statements at a ';' ending a line.
{{sqlite}}
CREATE TRIGGER audit_sans_modification BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit en ajout seul, modification refusee'); END;
CREATE TRIGGER audit_sans_suppression BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit en ajout seul, suppression refusee'); END;
{{/sqlite}}
{{postgresql}}
CREATE FUNCTION audit_refuser() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit en ajout seul, % refuse', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER audit_sans_modification BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_refuser();
CREATE TRIGGER audit_sans_vidage BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_refuser();
{{/postgresql}}
