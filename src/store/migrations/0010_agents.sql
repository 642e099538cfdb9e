-- Staff accounts of the back office (SPEC §1, §8): gestionnaires and administrateurs, each
-- scoped to one académie, with sessions and single-use links in tables of their own, apart
-- from the candidates', so that no candidate's session or link can ever name a staff member
-- (docs/decisions/0012-staff-accounts.md). Rows are never deleted, only désactivés: the
-- audit trail to come names its author by agents.id.

CREATE TABLE agents (
  id {{id}},
  email TEXT NOT NULL,
  email_normalise TEXT NOT NULL UNIQUE,
  nom TEXT NOT NULL,
  prenom TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('gestionnaire', 'administrateur')),
  academie TEXT NOT NULL,
  -- Chosen at activation: empty until then.
  mot_de_passe TEXT NOT NULL,
  etat TEXT NOT NULL CHECK (etat IN ('en_attente', 'actif', 'desactive')),
  cree_le BIGINT NOT NULL,
  active_le BIGINT,
  modifie_le BIGINT NOT NULL
);
CREATE INDEX agents_academie ON agents (academie, role);

CREATE TABLE jetons_agents (
  empreinte TEXT PRIMARY KEY,
  agent_id BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  usage TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  expire_le BIGINT NOT NULL,
  utilise_le BIGINT
);
CREATE INDEX jetons_agents_agent ON jetons_agents (agent_id, usage);

CREATE TABLE sessions_agents (
  empreinte TEXT PRIMARY KEY,
  agent_id BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  cree_le BIGINT NOT NULL,
  vu_le BIGINT NOT NULL,
  expire_le BIGINT NOT NULL,
  adresse TEXT NOT NULL,
  navigateur TEXT NOT NULL
);
CREATE INDEX sessions_agents_agent ON sessions_agents (agent_id);
