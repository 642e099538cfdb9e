-- The statements of the hot paths, as the store's functions build them, with values of the
-- generated data set (scripts/dataset/dataset.sql: account i has id i + 1, e-mail
-- candidat.<i>@dataset.example, numéro 1 followed by i on 10 digits; candidature j belongs
-- to account j). tests/explain/explain.py EXPLAINs each and fails on a sequential scan of a
-- large table.
--
-- Kept in sync by the test itself: every line of a statement must be found, as it is, in
-- the string literals of the source file its "-- name:" line names (adjacent literals
-- joined, runs of white space as one). A statement changed in the store, and not here,
-- fails the test with the line no longer found. A new statement on a hot path is added
-- here as a new block, split where the C++ code joins its pieces.
-- Block: "-- name: <function> (<source files>)", then "-- :param = SQL literal" lines,
-- then the statement with the store's :param placeholders, ending with ";". A line
-- "-- allow: <table> <why>" accepts a sequential scan of that table in that statement only.

-- Login ------------------------------------------------------------------------------
-- name: store::find_compte_by_email (src/store/comptes.cpp)
-- :k = 'candidat.4242@dataset.example'
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
FROM comptes c
WHERE email_normalise = :k;

-- name: store::find_compte_by_identifiant (src/store/comptes.cpp)
-- :k = 'candidat4240'
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
FROM comptes c
WHERE identifiant = :k;

-- name: store::find_compte_by_numero (src/store/comptes.cpp)
-- :k = '10000004242'
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
FROM comptes c
WHERE numero_candidat = :k;

-- name: store::find_compte (src/store/comptes.cpp)
-- :k = 4243
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
FROM comptes c
WHERE id = :k;

-- name: store::insert_session (src/store/sessions.cpp, src/store/titulaires.hpp)
-- :e = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
-- :c = 4251
-- :csrf = 'x'
-- :t = 1795424400
-- :t2 = 1795424400
-- :x = 1795426200
-- :a = '127.0.0.1'
-- :n = 'explain'
INSERT INTO
sessions
(empreinte,
compte_id
, csrf, cree_le, vu_le, expire_le, adresse, navigateur)
VALUES (:e, :c, :csrf, :t, :t2, :x, :a, :n);

-- name: store::count_sessions (src/store/sessions.cpp)
-- :c = 4251
-- :t = 1795424400
SELECT COUNT(*) FROM sessions WHERE compte_id = :c AND expire_le > :t;

-- Every page of a candidate or of the office: its session --------------------------
-- name: store::find_session_compte (src/store/comptes.cpp)
-- :k = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
, s.csrf, s.cree_le, s.vu_le, s.expire_le
FROM sessions s
JOIN comptes c ON c.id = s.compte_id WHERE s.empreinte = :k;

-- name: store::find_session (src/store/sessions.cpp, src/store/titulaires.hpp)
-- :e = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
SELECT
compte_id
, csrf, cree_le, vu_le, expire_le FROM
sessions
WHERE empreinte = :e;

-- name: store::touch_session (src/store/sessions.cpp, src/store/titulaires.hpp)
-- :t = 1795424400
-- :x = 1795426200
-- :e = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
UPDATE
sessions
SET vu_le = :t, expire_le = :x WHERE empreinte = :e;

-- name: store::find_session of an agent (src/store/sessions.cpp, src/store/titulaires.hpp)
-- :e = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
SELECT
agent_id
, csrf, cree_le, vu_le, expire_le FROM
sessions_agents
WHERE empreinte = :e;

-- name: store::find_agent (src/store/agents.cpp)
-- :k = 10
SELECT id, email, nom, prenom, role, academie, mot_de_passe, etat, cree_le FROM agents
WHERE id = :k;

-- name: store::find_agent_by_email (src/store/agents.cpp)
-- :k = 'aix.2@dataset.example'
SELECT id, email, nom, prenom, role, academie, mot_de_passe, etat, cree_le FROM agents
WHERE email_normalise = :k;

-- Home page: the session with the account's candidatures and drafts -------------------
-- name: store::find_session_accueil (src/store/comptes.cpp)
-- :k = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
, s.csrf, s.cree_le, s.vu_le, s.expire_le
, k.n, ca.id, ca.domaine, ca.session,
ca.academie, ca.numero_inscription, ca.etat, ca.version, ca.donnees, ca.cree_le,
ca.modifie_le, b.cle, b.donnees FROM sessions s JOIN comptes c ON c.id = s.compte_id
CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1) k
LEFT JOIN candidatures ca ON k.n = 0 AND ca.compte_id = s.compte_id
LEFT JOIN brouillons b ON k.n = 1 AND b.compte_id = s.compte_id
WHERE s.empreinte = :k ORDER BY k.n, ca.numero_inscription, b.cle;

-- Mes documents, a candidature's pages -------------------------------------------------
-- name: store::candidatures_of (src/store/candidatures.cpp)
-- :a = 4243
-- :b = 0
SELECT id, compte_id, domaine, session, academie, numero_inscription, etat, version,
donnees, cree_le, modifie_le FROM candidatures
WHERE compte_id = :a AND id > :b ORDER BY numero_inscription;

-- A wizard tab -------------------------------------------------------------------------
-- name: store::find_session_saisie (src/store/comptes.cpp)
-- :c = 'N-CAP-2027-AIX'
-- :k = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
SELECT
c.id, c.numero_candidat, c.email, c.identifiant, c.mot_de_passe, c.etat, c.civilite,
c.nom_naissance, c.nom_usage, c.prenoms, c.date_naissance, c.pays_naissance,
c.departement_naissance, c.commune_naissance_code, c.commune_naissance, c.cree_le
, s.csrf, s.cree_le, s.vu_le, s.expire_le
, b.donnees FROM sessions s
JOIN comptes c ON c.id = s.compte_id
LEFT JOIN brouillons b ON b.compte_id = s.compte_id AND b.cle = :c
WHERE s.empreinte = :k;

-- name: store::save_brouillon (src/store/candidatures.cpp)
-- :c = 4246
-- :k = 'N-CAP-2027-AIX'
-- :d = '{}'
-- :t = 1795424400
-- :f = 1801263540
INSERT INTO brouillons (compte_id, cle, donnees, modifie_le, ferme_le)
VALUES (:c, :k, :d, :t, :f)
ON CONFLICT (compte_id, cle) DO UPDATE SET donnees = excluded.donnees,
modifie_le = excluded.modifie_le, ferme_le = excluded.ferme_le;

-- "M'inscrire" --------------------------------------------------------------------------
-- name: store::load_brouillon (src/store/candidatures.cpp)
-- :c = 4246
-- :k = 'N-CAP-2027-AIX'
SELECT donnees FROM brouillons WHERE compte_id = :c AND cle = :k;

-- Enregistrer --------------------------------------------------------------------------
-- name: store::find_candidature (src/store/candidatures.cpp)
-- :a = 4243
-- :b = 4242
SELECT id, compte_id, domaine, session, academie, numero_inscription, etat, version,
donnees, cree_le, modifie_le FROM candidatures
WHERE compte_id = :a AND id = :b;

-- name: store::insert_candidature, its numéro (src/store/candidatures.cpp)
-- :id = 4243
UPDATE comptes SET dernier_numero_inscription = dernier_numero_inscription
+ 1 WHERE id = :id RETURNING dernier_numero_inscription;

-- name: store::insert_candidature (src/store/candidatures.cpp)
-- :c = 4243
-- :d = 'CAP'
-- :s = '2027'
-- :a = 'AIX'
-- :n = '003'
-- :e = 'inscrit'
-- :o = '{}'
-- :t = 1795424400
-- :t2 = 1795424400
INSERT INTO candidatures (compte_id, domaine, session, academie,
numero_inscription, etat, version, donnees, cree_le, modifie_le) VALUES
(:c, :d, :s, :a, :n, :e, 1, :o, :t, :t2) RETURNING id;

-- name: store::insert_candidature, its version (src/store/candidatures.cpp)
-- :id = 4242
-- :o = '{}'
-- :t = 1795424400
INSERT INTO candidature_versions (candidature_id, version, donnees, cree_le)
VALUES (:id, 1, :o, :t);

-- name: store::save_modification (src/store/candidatures.cpp)
-- :o = '{}'
-- :t = 1795424400
-- :id = 4242
-- :e1 = 'inscrit'
-- :e2 = 'a_completer'
UPDATE candidatures SET version = version + 1, donnees = :o, modifie_le = :t
WHERE id = :id AND etat IN (:e1, :e2) RETURNING version;

-- name: store::version_snapshot (src/store/candidatures.cpp)
-- :id = 4242
-- :v = 1
SELECT donnees FROM candidature_versions WHERE candidature_id = :id AND version = :v;

-- name: store::delete_brouillon (src/store/candidatures.cpp)
-- :c = 4246
-- :k = 'N-CAP-2027-AIX'
DELETE FROM brouillons WHERE compte_id = :c AND cle = :k;

-- name: store::insert_document (src/store/documents.cpp)
-- :c = 4242
-- :n = 'recapitulatif'
-- :v = 3
-- :code = 'ZZZZZZZZZZZZZZZZ'
-- :e = 'a_preparer'
-- :t = 1795424400
INSERT INTO documents (candidature_id, nature, version, code, etat,
cree_le) VALUES (:c, :n, :v, :code, :e, :t);

-- name: store::enqueue_mail (src/store/outbox.cpp)
-- :c = 4243
-- :d = 'candidat.4242@dataset.example'
-- :o = 'Confirmation'
-- :t = ''
-- :h = ''
-- :tc = ''
-- :hc = ''
-- :m = 'explain@dataset.example'
-- :now = 1795424400
-- :now2 = 1795424400
INSERT INTO messages (compte_id, destinataire, objet, texte, html, texte_conserve,
html_conserve, message_id, cree_le, tentatives, prochain_essai, reserve_jusqu_a,
derniere_erreur, chemin_eml)
VALUES (:c, :d, :o, :t, :h, :tc, :hc, :m, :now, 0, :now2, 0, '', '') RETURNING id;

-- name: store::append_audit (src/store/audit.cpp)
-- :q = 1795424400
-- :ac = 'candidat'
-- :ai = 4243
-- :aca = 'AIX'
-- :act = 'candidature.inscrite'
-- :c = 4242
-- :g = NULL
-- :av = NULL
-- :ap = '{}'
-- :ad = '127.0.0.1'
INSERT INTO audit (quand, acteur, acteur_id, academie, action, candidature_id,
agent_id, avant, apres, adresse) VALUES (:q, :ac, :ai, :aca, :act, :c, :g, :av, :ap,
:ad);

-- Mes documents ------------------------------------------------------------------------
-- name: store::latest_documents_of (src/store/documents.cpp)
-- :c = 4243
SELECT
d.id, d.candidature_id, d.nature, d.version, d.code, d.etat, d.cree_le, d.prepare_le
FROM documents d JOIN candidatures c ON c.id = d.candidature_id
WHERE c.compte_id = :c AND d.version =
(SELECT MAX(e.version) FROM documents e WHERE e.candidature_id = d.candidature_id AND
e.nature = d.nature)
ORDER BY d.candidature_id, d.nature DESC;

-- name: store::document_of_compte (src/store/documents.cpp)
-- :id = 8000
-- :c = 4243
SELECT
d.id, d.candidature_id, d.nature, d.version, d.code, d.etat, d.cree_le, d.prepare_le
, d.pdf_base64 FROM documents d JOIN candidatures c ON c.id = d.candidature_id
WHERE d.id = :id AND c.compte_id = :c;

-- name: store::verify_code (src/store/documents.cpp)
-- :code = '892884A837C88854'
SELECT
d.id, d.candidature_id, d.nature, d.version, d.code, d.etat, d.cree_le, d.prepare_le
, c.domaine, c.session, c.academie, v.donnees, v.cree_le,
(SELECT MAX(e.version) FROM documents e WHERE e.candidature_id = d.candidature_id AND
e.nature = d.nature)
FROM documents d JOIN candidatures c ON c.id = d.candidature_id
JOIN candidature_versions v ON v.candidature_id = d.candidature_id AND
v.version = d.version WHERE d.code = :code;

-- Mes justificatifs --------------------------------------------------------------------
-- name: store::justificatifs_of (src/store/justificatifs.cpp)
-- :c = 4242
SELECT id, code, statut, date_reception, commentaire, valide_le FROM justificatifs
WHERE candidature_id = :c ORDER BY id;

-- name: store::justificatifs_of, its files (src/store/justificatifs.cpp)
-- :c = 4242
SELECT
p.id, p.justificatif_id, p.empreinte, p.type_mime, p.taille, p.nom, p.depose_le
FROM depots p JOIN justificatifs j ON j.id = p.justificatif_id
WHERE j.candidature_id = :c ORDER BY p.depose_le, p.id;

-- name: store::ensure_justificatif (src/store/justificatifs.cpp)
-- :c = 4242
-- :code = '93475001'
SELECT id FROM justificatifs WHERE candidature_id = :c AND code = :code;

-- name: store::nombre_depots (src/store/justificatifs.cpp)
-- :j = 5000
SELECT COUNT(*) FROM depots WHERE justificatif_id = :j;

-- name: store::find_depot (src/store/justificatifs.cpp)
-- :id = 5000
SELECT
p.id, p.justificatif_id, p.empreinte, p.type_mime, p.taille, p.nom, p.depose_le
, c.id, c.compte_id, c.academie, j.code FROM depots p
JOIN justificatifs j ON j.id = p.justificatif_id
JOIN candidatures c ON c.id = j.candidature_id WHERE p.id = :id;

-- name: store::empreinte_referencee (src/store/justificatifs.cpp)
-- :e = 'f006ab0e9fc01f0f3b151c98b5b4fe42d91df326746d15f962548f6217020643'
SELECT 1 FROM depots WHERE empreinte = :e LIMIT 1;

-- The office's list ----------------------------------------------------------------------
-- name: store::lire_dossiers by pieces (src/store/dossiers.cpp)
-- :a = 'AIX'
-- :e = 'inscrit'
-- :p = 'a_controler'
-- :i = 0
-- :n = 51
SELECT c.id, c.domaine, c.session, c.numero_inscription, c.etat, c.etat_pieces,
co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms FROM candidatures c
JOIN comptes co ON co.id = c.compte_id
WHERE c.academie = :a AND c.etat = :e AND c.etat_pieces = :p AND c.id > :i
ORDER BY c.id LIMIT :n;

-- name: store::lire_dossiers, a later page (src/store/dossiers.cpp)
-- :a = 'AIX'
-- :e = 'inscrit'
-- :p = 'non_conforme'
-- :i = 40000
-- :n = 51
SELECT c.id, c.domaine, c.session, c.numero_inscription, c.etat, c.etat_pieces,
co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms FROM candidatures c
JOIN comptes co ON co.id = c.compte_id
WHERE c.academie = :a AND c.etat = :e AND c.etat_pieces = :p AND c.id > :i
ORDER BY c.id LIMIT :n;

-- name: store::lire_dossiers all (src/store/dossiers.cpp)
-- :a = 'AIX'
-- :i = 0
-- :n = 51
SELECT c.id, c.domaine, c.session, c.numero_inscription, c.etat, c.etat_pieces,
co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms FROM candidatures c
JOIN comptes co ON co.id = c.compte_id
WHERE c.academie = :a AND c.id > :i ORDER BY c.id LIMIT :n;

-- name: store::compter_dossiers (src/store/dossiers.cpp)
-- :a = 'AIX'
-- :e = 'inscrit'
-- :p = 'a_controler'
-- :n = 1000
SELECT COUNT(*) FROM (SELECT 1 FROM candidatures WHERE academie = :a AND etat = :e
AND etat_pieces = :p LIMIT :n) premiers;

-- name: store::find_dossier (src/store/dossiers.cpp)
-- :i = 4242
SELECT c.id, c.domaine, c.session, c.numero_inscription, c.etat, c.etat_pieces,
co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms FROM candidatures c
JOIN comptes co ON co.id = c.compte_id
WHERE c.id = :i;

-- name: store::set_etat_pieces (src/store/dossiers.cpp)
-- :p = 'complet'
-- :i = 4242
UPDATE candidatures SET etat_pieces = :p WHERE id = :i;

-- Cancellation of candidatures without their signed récapitulatif -----------------------
-- The piece asked online (the en_ligne branch), on a later page; the count below, by post.
-- name: store::sans_recapitulatif of a session (src/store/annulation.cpp)
-- :code = '93475003'
-- :a = 'AIX'
-- :e = 'inscrit'
-- :d = 'CAP'
-- :s = '2027'
-- :code2 = '93475003'
-- :recue = 'recue'
-- :conforme = 'conforme'
-- :en_ligne = 1
-- :aucun = 'aucun'
-- :i = 40000
-- :n = 51
SELECT c.id, c.compte_id, c.domaine, c.session, c.academie, c.numero_inscription,
c.version, c.donnees, co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms,
j.statut, j.valide_le, (SELECT COUNT(*) FROM depots d WHERE d.justificatif_id = j.id)
FROM candidatures c JOIN comptes co ON co.id = c.compte_id
LEFT JOIN justificatifs j ON j.candidature_id = c.id AND j.code = :code WHERE
c.academie = :a AND c.etat = :e AND c.domaine = :d AND c.session = :s AND NOT EXISTS
(SELECT 1 FROM justificatifs r WHERE r.candidature_id = c.id AND r.code = :code2 AND
(r.statut IN (:recue, :conforme) OR (:en_ligne = 1 AND r.statut = :aucun AND
r.valide_le IS NOT NULL AND EXISTS (SELECT 1 FROM depots p WHERE p.justificatif_id =
r.id))))
AND c.id > :i ORDER BY c.id LIMIT :n;

-- name: store::compter_sans_recapitulatif (src/store/annulation.cpp)
-- allow: justificatifs at this test's size (75,000 candidatures), the 1,000 counted are most of
-- the session's, and PostgreSQL hashes the piece's rows of the whole table once rather than
-- probe its unique (candidature_id, code) index per candidature; on 300,000 candidatures it
-- already probes (a Nested Loop Anti Join, 5 ms for 1,000; decision 0016), and at national
-- scale the table is twenty times larger. The page's statements above probe at every size.
-- :a = 'AIX'
-- :e = 'inscrit'
-- :d = 'BCP'
-- :s = '2027'
-- :code2 = '93475003'
-- :recue = 'recue'
-- :conforme = 'conforme'
-- :en_ligne = 0
-- :aucun = 'aucun'
-- :n = 1000
SELECT COUNT(*) FROM (SELECT 1 FROM candidatures c WHERE
c.academie = :a AND c.etat = :e AND c.domaine = :d AND c.session = :s AND NOT EXISTS
(SELECT 1 FROM justificatifs r WHERE r.candidature_id = c.id AND r.code = :code2 AND
(r.statut IN (:recue, :conforme) OR (:en_ligne = 1 AND r.statut = :aucun AND
r.valide_le IS NOT NULL AND EXISTS (SELECT 1 FROM depots p WHERE p.justificatif_id =
r.id))))
LIMIT :n) premiers;

-- name: store::sans_recapitulatif of a candidature (src/store/annulation.cpp)
-- :code = '93475003'
-- :e = 'inscrit'
-- :id = 4242
SELECT c.id, c.compte_id, c.domaine, c.session, c.academie, c.numero_inscription,
c.version, c.donnees, co.numero_candidat, co.nom_naissance, co.nom_usage, co.prenoms,
j.statut, j.valide_le, (SELECT COUNT(*) FROM depots d WHERE d.justificatif_id = j.id)
FROM candidatures c JOIN comptes co ON co.id = c.compte_id
LEFT JOIN justificatifs j ON j.candidature_id = c.id AND j.code = :code WHERE
c.etat = :e AND c.id = :id;

-- name: store::mark_annulee (src/store/annulation.cpp)
-- :e = 'annulee'
-- :t = 1795424400
-- :id = 4242
-- :attendu = 'inscrit'
UPDATE candidatures SET etat = :e, modifie_le = :t WHERE id = :id AND etat =
:attendu;

-- The audit page -------------------------------------------------------------------------
-- name: store::lire_audit (src/store/audit.cpp)
-- :academie = 'AIX'
-- :avant = 9223372036854775807
-- :c = 0
-- :c2 = 0
-- :g = 0
-- :g2 = 0
-- :g3 = 0
-- :n = 51
SELECT a.id, a.quand, a.acteur, a.acteur_id, a.academie, a.action,
a.candidature_id, a.agent_id, a.avant, a.apres, a.adresse, co.numero_candidat,
c.numero_inscription, g.email, ga.email FROM audit a
LEFT JOIN candidatures c ON c.id = a.candidature_id
LEFT JOIN comptes co ON co.id = c.compte_id
LEFT JOIN agents g ON g.id = a.agent_id
LEFT JOIN agents ga ON a.acteur = 'agent' AND ga.id = a.acteur_id
WHERE a.academie = :academie AND a.id < :avant
AND (CAST(:c AS BIGINT) = 0 OR a.candidature_id = :c2)
AND (CAST(:g AS BIGINT) = 0 OR a.agent_id = :g2
OR (a.acteur = 'agent' AND a.acteur_id = :g3))
ORDER BY a.id DESC LIMIT :n;

-- name: store::lire_audit of a candidature (src/store/audit.cpp)
-- :academie = 'AIX'
-- :avant = 9223372036854775807
-- :c = 4242
-- :c2 = 4242
-- :g = 0
-- :g2 = 0
-- :g3 = 0
-- :n = 51
SELECT a.id, a.quand, a.acteur, a.acteur_id, a.academie, a.action,
a.candidature_id, a.agent_id, a.avant, a.apres, a.adresse, co.numero_candidat,
c.numero_inscription, g.email, ga.email FROM audit a
LEFT JOIN candidatures c ON c.id = a.candidature_id
LEFT JOIN comptes co ON co.id = c.compte_id
LEFT JOIN agents g ON g.id = a.agent_id
LEFT JOIN agents ga ON a.acteur = 'agent' AND ga.id = a.acteur_id
WHERE a.academie = :academie AND a.id < :avant
AND (CAST(:c AS BIGINT) = 0 OR a.candidature_id = :c2)
AND (CAST(:g AS BIGINT) = 0 OR a.agent_id = :g2
OR (a.acteur = 'agent' AND a.acteur_id = :g3))
ORDER BY a.id DESC LIMIT :n;

-- name: store::lire_audit of an agent (src/store/audit.cpp)
-- :academie = 'AIX'
-- :avant = 9223372036854775807
-- :c = 0
-- :c2 = 0
-- :g = 10
-- :g2 = 10
-- :g3 = 10
-- :n = 51
SELECT a.id, a.quand, a.acteur, a.acteur_id, a.academie, a.action,
a.candidature_id, a.agent_id, a.avant, a.apres, a.adresse, co.numero_candidat,
c.numero_inscription, g.email, ga.email FROM audit a
LEFT JOIN candidatures c ON c.id = a.candidature_id
LEFT JOIN comptes co ON co.id = c.compte_id
LEFT JOIN agents g ON g.id = a.agent_id
LEFT JOIN agents ga ON a.acteur = 'agent' AND ga.id = a.acteur_id
WHERE a.academie = :academie AND a.id < :avant
AND (CAST(:c AS BIGINT) = 0 OR a.candidature_id = :c2)
AND (CAST(:g AS BIGINT) = 0 OR a.agent_id = :g2
OR (a.acteur = 'agent' AND a.acteur_id = :g3))
ORDER BY a.id DESC LIMIT :n;

-- The outbox sender ----------------------------------------------------------------------
-- name: store::claim_due_mails (src/store/outbox.cpp)
-- :a = 1795424400
-- :b = 1795424400
-- :n = 20
SELECT id, compte_id, destinataire, objet, texte, html, texte_conserve, html_conserve,
message_id, cree_le, tentatives, envoye_le, abandonne_le, chemin_eml FROM messages
WHERE envoye_le IS NULL AND abandonne_le IS NULL AND prochain_essai
<= :a AND reserve_jusqu_a <= :b ORDER BY id LIMIT :n;

-- name: store::claim_due_mails, the claim (src/store/outbox.cpp)
-- :u = 1795424460
-- :id = 5000
-- :t = 1795424400
UPDATE messages SET reserve_jusqu_a = :u WHERE id = :id AND
reserve_jusqu_a <= :t AND envoye_le IS NULL;

-- name: store::mails_of_compte (src/store/outbox.cpp)
-- :a = 4243
-- :b = 0
SELECT id, compte_id, destinataire, objet, texte, html, texte_conserve, html_conserve,
message_id, cree_le, tentatives, envoye_le, abandonne_le, chemin_eml FROM messages
WHERE compte_id = :a AND id > :b ORDER BY cree_le DESC, id DESC;

-- The documents preparer -------------------------------------------------------------------
-- name: store::claim_documents (src/store/documents.cpp)
-- :e = 'a_preparer'
-- :t = 1795424400
-- :n = 8
SELECT
d.id, d.candidature_id, d.nature, d.version, d.code, d.etat, d.cree_le, d.prepare_le
, c.numero_inscription, v.donnees, v.cree_le FROM documents d
JOIN candidatures c ON c.id = d.candidature_id
JOIN candidature_versions v ON v.candidature_id = d.candidature_id AND
v.version = d.version
WHERE d.etat = :e AND d.reserve_jusqu_a <= :t ORDER BY d.id LIMIT :n;

-- name: store::claim_documents, the claim (src/store/documents.cpp)
-- :u = 1795424460
-- :id = 8000
-- :t = 1795424400
-- :e = 'a_preparer'
UPDATE documents SET reserve_jusqu_a = :u WHERE id = :id AND
reserve_jusqu_a <= :t AND etat = :e;

-- name: store::store_pdf (src/store/documents.cpp)
-- :p = 'pret'
-- :b = ''
-- :t = 1795424400
-- :id = 8000
-- :e = 'a_preparer'
UPDATE documents SET etat = :p, pdf_base64 = :b, prepare_le = :t
WHERE id = :id AND etat = :e;

-- The purges, run every few minutes ---------------------------------------------------------
-- Not store::delete_expired_sessions: it reads the sessions table whole, a few thousand
-- rows even at the closing hour, every few minutes; an index on expire_le would be written by
-- every touch_session instead (no more HOT updates on the hottest write of the portal).
-- name: store::purge_brouillons (src/store/candidatures.cpp)
-- :t = 1795424400
DELETE FROM brouillons WHERE ferme_le > 0 AND ferme_le <= :t;

-- name: store::purge_pending_comptes (src/store/comptes.cpp)
-- :etat = 'en_attente'
-- :t = 1795424400
-- :n = 1000
SELECT id FROM comptes WHERE etat = :etat AND cree_le <= :t LIMIT :n;
