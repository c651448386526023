-- The snapshot keeps each object's revision, not a second copy of its JSON: the JSON is the log
-- row at that revision (events.revision is the rowid, one index read away). Compaction keeps every
-- live key's newest row (storage/sqlite/compaction.ts), so that row is always there. A create then
-- writes its object once, not twice: about half the bytes and B-tree work of a write (ADR 0019).
CREATE TABLE objects_by_key (
  resource         TEXT    NOT NULL,
  namespace        TEXT    NOT NULL,
  name             TEXT    NOT NULL,
  revision         INTEGER NOT NULL,          -- the log row of the last change: the resourceVersion and the JSON
  created_revision INTEGER NOT NULL,
  PRIMARY KEY (resource, namespace, name)
) WITHOUT ROWID;

INSERT INTO objects_by_key (resource, namespace, name, revision, created_revision)
  SELECT resource, namespace, name, revision, created_revision FROM objects;

DROP TABLE objects;
ALTER TABLE objects_by_key RENAME TO objects;
CREATE INDEX objects_by_revision ON objects (revision);
