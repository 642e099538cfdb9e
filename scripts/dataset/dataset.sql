-- The national-scale data set (docs/decisions/0022-dataset.md), generated in the database
-- itself with generate_series: no row goes through the portal. Run by scripts/dataset.sh
-- with psql on a database that `examens init --demo` made (schema, catalogue, the demo
-- account whose Argon2id hash every generated account reuses: password Examens-2026!).
-- psql variables: comptes, candidatures, snapshot (a real snapshot, registered through the
-- portal), brouillon (a real draft).
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
-- Bulk load: nothing to lose if the machine stops mid-way (start again), and the foreign
-- keys hold by construction: their per-row triggers would double the time.
SET synchronous_commit = off;
SET session_replication_role = replica;
SET maintenance_work_mem = '512MB';
SET work_mem = '256MB';
SELECT setseed(0.16) \g /dev/null

-- The demo's instant (2026-11-23 10:00, Paris): rows are dated in the weeks before it.
\set t0 1795424400
SELECT mot_de_passe AS hash FROM comptes WHERE email_normalise = 'paul.lamy@example.fr' \gset
SELECT COALESCE(MAX(id), 0) AS compte_base FROM comptes \gset
SELECT COALESCE(MAX(id), 0) AS candidature_base FROM candidatures \gset

-- The open (domaine, session) pairs and the académies, numbered from 0.
CREATE TEMP TABLE ds_combos AS
  SELECT (ROW_NUMBER() OVER (ORDER BY s.rang) - 1)::int AS n, s.domaine, s.code AS session,
         d.libelle
  FROM sessions_examen s JOIN domaines d ON d.code = s.domaine WHERE s.fermee = 0;
SELECT COUNT(*) AS ncombos FROM ds_combos \gset
CREATE TEMP TABLE ds_academies AS
  SELECT (ROW_NUMBER() OVER (ORDER BY rang, code) - 1)::int AS n, code, nom FROM academies;
SELECT COUNT(*) AS nacademies FROM ds_academies \gset

\echo dataset: comptes
INSERT INTO numeros_candidat (numero, attribue_le)
  SELECT '1' || lpad(i::text, 10, '0'), :t0 - 86400 * 60 + i % 5000000
  FROM generate_series(1, :comptes) i;

INSERT INTO comptes (id, numero_candidat, email, email_normalise, identifiant, mot_de_passe,
                     etat, civilite, nom_naissance, nom_usage, prenoms, date_naissance,
                     pays_naissance, departement_naissance, commune_naissance_code,
                     commune_naissance, cree_le, active_le, modifie_le,
                     dernier_numero_inscription)
  SELECT :compte_base + i, '1' || lpad(i::text, 10, '0'),
         'candidat.' || i || '@dataset.example', 'candidat.' || i || '@dataset.example',
         CASE WHEN i % 10 = 0 THEN 'candidat' || i END, :'hash', 'actif',
         CASE WHEN i % 2 = 0 THEN 'M' ELSE 'MME' END,
         (ARRAY['MARTIN','BERNARD','THOMAS','PETIT','ROBERT','RICHARD','DURAND','DUBOIS',
                'MOREAU','LAURENT','SIMON','MICHEL','LEFEBVRE','LEROY','ROUX','DAVID'])[1 + i % 16],
         CASE WHEN i % 7 = 0 THEN 'GARNIER' ELSE '' END,
         (ARRAY['Camille','Léa','Hugo','Louis','Emma','Jade','Lucas','Nathan','Chloé',
                'Inès','Adam','Manon','Théo','Sarah','Yanis'])[1 + i % 15],
         to_char(DATE '1980-01-01' + (i % 9000), 'YYYY-MM-DD'), 'FR', '35', '35238', 'Rennes',
         :t0 - 86400 * 60 + i % 5000000, :t0 - 86400 * 60 + i % 5000000 + 600,
         :t0 - 86400 * 60 + i % 5000000 + 600,
         CASE WHEN i <= :candidatures THEN (:candidatures - i) / :comptes + 1 ELSE 0 END
  FROM generate_series(1, :comptes) i;

\echo dataset: candidatures
-- Candidature j belongs to account (j - 1) % comptes + 1; its round r (the account's
-- (r + 1)th candidature) moves it to another (domaine, session), so that no account holds
-- two active candidatures for one exam and session. Académies are skewed, as the
-- population is: the first ones in rang order take most candidatures.
CREATE TEMP TABLE ds_candidatures AS
  SELECT :candidature_base + j AS id, :compte_base + i AS compte_id, i, r + 1 AS rang,
         c.domaine, c.session, c.libelle, a.code AS academie, a.nom AS academie_nom,
         CASE WHEN u < 0.91 THEN 'inscrit' WHEN u < 0.97 THEN 'desinscrit_candidat'
              ELSE 'annulee' END AS etat,
         CASE WHEN j % 100 < 40 THEN 'en_attente' WHEN j % 100 < 65 THEN 'a_controler'
              WHEN j % 100 < 75 THEN 'non_conforme' ELSE 'complet' END AS pieces,
         CASE WHEN j % 97 < 15 THEN 2 ELSE 1 END AS version,
         (:t0 - 86400 * 35 + (j::bigint * 7919) % (86400 * 34))::bigint AS cree_le
  FROM (SELECT j, (j - 1) % :comptes + 1 AS i, (j - 1) / :comptes AS r, random() AS u,
               floor(power(random(), 1.6) * :nacademies)::int AS a
        FROM generate_series(1, :candidatures) j) g
  JOIN ds_combos c ON c.n = (g.i * 7 + g.r) % :ncombos
  JOIN ds_academies a ON a.n = g.a;
-- Only Inscrit candidatures have their pieces' state moved by the pieces.
UPDATE ds_candidatures SET pieces = 'en_attente' WHERE etat <> 'inscrit';
ALTER TABLE ds_candidatures ADD PRIMARY KEY (id);

-- The snapshot of a version, as the portal wrote it for the demo's BCP registration, with
-- its header (examen, session, académie, numéro de candidat) set to the row's own.
SELECT substr(:'snapshot', strpos(:'snapshot', ',"specialite"')) AS snapshot_rest \gset
CREATE FUNCTION pg_temp.ds_snapshot(libelle text, session text, academie text, numero text,
                                    rest text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT '{"examen":' || to_json(libelle) || ',"session":' || to_json(session) ||
         ',"academie":' || to_json(academie) || ',"numero_candidat":"' || numero || '"' || rest
$$;

INSERT INTO candidatures (id, compte_id, domaine, session, academie, numero_inscription, etat,
                          version, donnees, cree_le, modifie_le, desinscrit_le, etat_pieces)
  SELECT id, compte_id, domaine, session, academie, lpad(rang::text, 3, '0'), etat, version,
         pg_temp.ds_snapshot(libelle, session, academie_nom, '1' || lpad(i::text, 10, '0'),
                             :'snapshot_rest'),
         cree_le, cree_le + (version - 1) * 86400,
         CASE WHEN etat = 'desinscrit_candidat' THEN cree_le + 172800 END, pieces
  FROM ds_candidatures;

\echo dataset: versions
INSERT INTO candidature_versions (candidature_id, version, donnees, cree_le)
  SELECT c.id, v, pg_temp.ds_snapshot(libelle, session, academie_nom,
                                      '1' || lpad(i::text, 10, '0'), :'snapshot_rest'),
         cree_le + (v - 1) * 86400
  FROM ds_candidatures c CROSS JOIN LATERAL generate_series(1, c.version) v;

\echo dataset: documents
-- Each version's récapitulatif and demande de pièces, rendered ("pret") as a one-page
-- placeholder PDF; the last few hundred still queued for the preparer.
SELECT encode(convert_to('%PDF-1.4' || chr(10) ||
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj '
  '3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj' || chr(10) ||
  'trailer<</Root 1 0 R>>' || chr(10) || '%%EOF', 'UTF8'), 'base64') AS pdf \gset
SELECT COALESCE(MAX(id), 0) + 1 AS queued_from FROM ds_candidatures \gset
INSERT INTO documents (candidature_id, nature, version, code, etat, pdf_base64, cree_le,
                       prepare_le, reserve_jusqu_a)
  SELECT c.id, n.nature, v, upper(substr(md5(c.id || n.nature || v), 1, 16)),
         CASE WHEN c.id > :queued_from - 200 AND v = c.version THEN 'a_preparer' ELSE 'pret' END,
         CASE WHEN c.id > :queued_from - 200 AND v = c.version THEN NULL ELSE :'pdf' END,
         c.cree_le + (v - 1) * 86400,
         CASE WHEN c.id > :queued_from - 200 AND v = c.version THEN NULL
              ELSE c.cree_le + (v - 1) * 86400 + 5 END, 0
  FROM ds_candidatures c CROSS JOIN LATERAL generate_series(1, c.version) v
  CROSS JOIN (VALUES ('recapitulatif'), ('demande_pieces')) n(nature);

\echo dataset: pieces
-- The snapshot's pieces: two to deposit online (identité, diplôme), the signed
-- récapitulatif by post. A candidature whose pieces moved has both online pieces deposited
-- and validated, and the office's statut where it controlled them.
INSERT INTO justificatifs (candidature_id, code, statut, date_reception, commentaire, valide_le,
                          statut_par, statut_le, modifie_le)
  SELECT c.id, p.code,
         CASE c.pieces WHEN 'complet' THEN 'conforme'
                       WHEN 'non_conforme' THEN CASE WHEN p.code = '93475001'
                                                     THEN 'non_conforme' ELSE 'conforme' END
                       ELSE 'aucun' END,
         NULL, CASE WHEN c.pieces = 'non_conforme' AND p.code = '93475001'
                    THEN 'Document illisible : merci de déposer une copie nette.' ELSE '' END,
         CASE WHEN c.pieces = 'non_conforme' AND p.code = '93475001' THEN NULL
              ELSE c.cree_le + 3600 END,
         NULL, CASE WHEN c.pieces IN ('complet', 'non_conforme') THEN c.cree_le + 86400 END,
         c.cree_le + 86400
  FROM ds_candidatures c CROSS JOIN (VALUES ('93475001'), ('93475007')) p(code)
  WHERE c.pieces <> 'en_attente';
INSERT INTO justificatifs (candidature_id, code, statut, date_reception, modifie_le)
  SELECT id, '93475003', 'recue', cree_le + 86400 * 5, cree_le + 86400 * 5
  FROM ds_candidatures WHERE pieces = 'complet';
-- One file per online piece, named by a SHA-256 no file of the store has: list pages
-- never open it.
INSERT INTO depots (justificatif_id, empreinte, type_mime, taille, nom, depose_le)
  SELECT j.id, encode(sha256(convert_to('depot-' || j.id, 'UTF8')), 'hex'),
         CASE WHEN j.id % 3 = 0 THEN 'image/jpeg' ELSE 'application/pdf' END,
         80000 + j.id % 900000, CASE WHEN j.id % 3 = 0 THEN 'photo.jpg' ELSE 'piece.pdf' END,
         j.modifie_le - 86400 + 1800
  FROM justificatifs j JOIN ds_candidatures c ON c.id = j.candidature_id
  WHERE j.code <> '93475003';

\echo dataset: brouillons, sessions, agents
-- A draft in progress for one account in five, in another (domaine, session).
SELECT substr(:'brouillon', strpos(:'brouillon', ',"candidature"')) AS brouillon_rest \gset
INSERT INTO brouillons (compte_id, cle, donnees, modifie_le, ferme_le)
  SELECT :compte_base + i, 'N-' || c.domaine || '-' || c.session || '-' || a.code,
         '{"domaine":"' || c.domaine || '","session":"' || c.session || '","academie":"' ||
           a.code || '"' || :'brouillon_rest',
         :t0 - i % 86400, :t0 + 86400 * 60
  FROM generate_series(5, :comptes, 5) i
  JOIN ds_combos c ON c.n = (i * 7 + 3) % :ncombos
  JOIN ds_academies a ON a.n = i % :nacademies;

-- A session open for one account in fifty. No cookie opens them: the portal hashes cookies
-- with BLAKE2b, which PostgreSQL lacks (bench/scale.sh adds the sessions it uses).
INSERT INTO sessions (empreinte, compte_id, csrf, cree_le, vu_le, expire_le, adresse,
                      navigateur)
  SELECT encode(sha256(convert_to('dataset-session-' || i, 'UTF8')), 'hex'), :compte_base + i,
         substr(md5('csrf' || i) || md5('csrf-' || i), 1, 43), :t0 - 600, :t0 - 60,
         :t0 + 86400 * 30, '127.0.0.1', 'dataset'
  FROM generate_series(50, :comptes, 50) i;

-- Each académie's office: one administrateur and twenty-nine gestionnaires.
INSERT INTO agents (email, email_normalise, nom, prenom, role, academie, mot_de_passe, etat,
                    cree_le, active_le, modifie_le)
  SELECT lower(a.code) || '.' || k || '@dataset.example',
         lower(a.code) || '.' || k || '@dataset.example', 'AGENT', 'Agent ' || k,
         CASE WHEN k = 1 THEN 'administrateur' ELSE 'gestionnaire' END, a.code, :'hash',
         'actif', :t0 - 86400 * 90, :t0 - 86400 * 90, :t0 - 86400 * 90
  FROM ds_academies a CROSS JOIN generate_series(1, 30) k;

\echo dataset: outbox
-- The activation mail of each account and the confirmation of each candidature, all sent
-- but the last hundred, still due.
INSERT INTO messages (compte_id, destinataire, objet, texte, html, message_id, cree_le,
                      tentatives, prochain_essai, reserve_jusqu_a, envoye_le, derniere_erreur,
                      chemin_eml, texte_conserve, html_conserve)
  SELECT :compte_base + i, 'candidat.' || i || '@dataset.example', 'Activation de votre compte',
         'Bonjour,' || chr(10) || 'Votre compte est activé. Votre numéro candidat : 1' ||
           lpad(i::text, 10, '0') || chr(10) || '(lien d''activation retiré)',
         '<p>Bonjour,</p><p>Votre compte est activé.</p>', 'ds-a-' || i || '@dataset.example',
         :t0 - 86400 * 60 + i % 5000000, 1, :t0 - 86400 * 60 + i % 5000000, 0,
         :t0 - 86400 * 60 + i % 5000000 + 2, '', '', '', ''
  FROM generate_series(1, :comptes) i;
INSERT INTO messages (compte_id, destinataire, objet, texte, html, message_id, cree_le,
                      tentatives, prochain_essai, reserve_jusqu_a, envoye_le, derniere_erreur,
                      chemin_eml, texte_conserve, html_conserve)
  SELECT compte_id, 'candidat.' || i || '@dataset.example',
         'Confirmation d''inscription : ' || libelle,
         'Bonjour,' || chr(10) || 'Votre inscription a bien été prise en compte.' || chr(10) ||
           libelle || ' — session ' || session || ' — ' || academie_nom,
         '<p>Bonjour,</p><p>Votre inscription a bien été prise en compte.</p>',
         'ds-c-' || id || '@dataset.example', cree_le, CASE WHEN id > :queued_from - 100
         THEN 0 ELSE 1 END, cree_le, 0,
         CASE WHEN id > :queued_from - 100 THEN NULL ELSE cree_le + 2 END, '', '', '', ''
  FROM ds_candidatures;

\echo dataset: audit
INSERT INTO audit (quand, acteur, acteur_id, academie, action, candidature_id, agent_id, avant,
                   apres, adresse)
  SELECT e.quand, e.acteur, e.acteur_id, c.academie, e.action, c.id, NULL, e.avant, e.apres,
         '127.0.0.1'
  FROM ds_candidatures c CROSS JOIN LATERAL (
    SELECT c.cree_le AS quand, 'candidat' AS acteur, c.compte_id AS acteur_id,
           'candidature.inscrite' AS action, NULL AS avant,
           '{"etat":"inscrit","version":1}' AS apres
    UNION ALL
    SELECT c.cree_le + 86400, 'candidat', c.compte_id, 'candidature.modifiee',
           '{"etat":"inscrit","version":1}', '{"etat":"inscrit","version":2}'
    WHERE c.version = 2
    UNION ALL
    SELECT c.cree_le + 172800, 'candidat', c.compte_id, 'candidature.desinscrite',
           '{"etat":"inscrit","version":' || c.version || '}',
           '{"etat":"desinscrit_candidat","version":' || c.version || '}'
    WHERE c.etat = 'desinscrit_candidat'
    UNION ALL
    SELECT c.cree_le + 86400 * 30, 'commande', NULL, 'candidature.annulee',
           '{"etat":"inscrit","version":' || c.version || '}',
           '{"etat":"annulee","version":' || c.version || '}'
    WHERE c.etat = 'annulee'
    UNION ALL
    SELECT c.cree_le + 86400, 'candidat', c.compte_id, 'piece.deposee', NULL,
           '{"piece":"93475001"}'
    WHERE c.pieces <> 'en_attente') e
  ORDER BY e.quand;

-- Identity sequences continue after the generated ids.
SELECT setval(pg_get_serial_sequence('comptes', 'id'), (SELECT MAX(id) + 1 FROM comptes))
\g /dev/null
SELECT setval(pg_get_serial_sequence('candidatures', 'id'),
              (SELECT MAX(id) + 1 FROM candidatures)) \g /dev/null
RESET session_replication_role;

\echo dataset: analyze
ANALYZE;
