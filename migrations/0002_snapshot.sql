-- Materialized current state, written in the same transaction as the log row. Serves get and list.
CREATE TABLE objects (
  resource         TEXT    NOT NULL,
  namespace        TEXT    NOT NULL,
  name             TEXT    NOT NULL,
  revision         INTEGER NOT NULL,          -- revision of the last change (the resourceVersion)
  created_revision INTEGER NOT NULL,
  object           TEXT    NOT NULL,
  PRIMARY KEY (resource, namespace, name)
) WITHOUT ROWID;

-- Storage-wide facts: the compaction point, among others.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
