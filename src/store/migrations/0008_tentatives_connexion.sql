-- Login throttling counts a streak of attempts per key ("compte:<id>" for an account,
-- whatever identifier was typed; "id:<identifier>" when none matches; "ip:<address>"),
-- incremented in one statement so that parallel attempts each count. It replaces the
-- per-identifier failure counters (short-lived data: nothing to carry over).

DROP TABLE echecs_connexion;

CREATE TABLE tentatives_connexion (
  cle TEXT PRIMARY KEY,
  nombre INTEGER NOT NULL,
  derniere BIGINT NOT NULL,
  bloque_jusqu_a BIGINT
);

-- "Mot de passe oublié" requests, answered the same way whether the identifier exists or
-- not: the request only records them; the mail sender turns them into mails.
CREATE TABLE demandes_mot_de_passe (
  id {{id}},
  identifiant TEXT NOT NULL,
  cree_le BIGINT NOT NULL
);
