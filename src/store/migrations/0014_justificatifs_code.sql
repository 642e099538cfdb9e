-- The cancellation of candidatures without their signed récapitulatif (store/annulation.cpp)
-- joins an académie's Inscrit candidatures with the rows of one piece: on a national data set
-- PostgreSQL hashes that piece's rows, which it read by a sequential scan of every piece of
-- every candidature (docs/decisions/0022-dataset.md). By code, it reads that piece's only.
CREATE INDEX justificatifs_code ON justificatifs (code, candidature_id);
