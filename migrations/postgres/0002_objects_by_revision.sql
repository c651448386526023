-- The snapshot's newest rows, for the startup self-check (storage/postgres/snapshot-check.ts): it
-- compares them with the log, and finds a row beyond the log's head, with one index read.
CREATE INDEX objects_by_revision ON objects (revision);
