-- The office works on its académie's candidatures by state (the cancellation of those whose
-- signed récapitulatif did not arrive reads the Inscrit ones, docs/decisions/0016-annulation.md):
-- candidatures_session leads with domaine and cannot serve a search by académie.
CREATE INDEX candidatures_academie_etat ON candidatures (academie, etat);
