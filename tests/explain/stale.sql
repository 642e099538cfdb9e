-- A copy the store no longer matches (lint.explain_finds_stale_copies): find_compte_by_email
-- as it would read had someone changed its WHERE clause here and not in the store.
-- name: store::find_compte_by_email (src/store/comptes.cpp)
-- :k = 'candidat.4242@dataset.example'
SELECT
c.id, c.numero_candidat, c.email
FROM comptes c
WHERE email = :k;
