-- Every key that ever existed, with the revision it first appeared at. Lists as of a past
-- revision walk these keys in order and seek each one's newest event at or before the revision
-- (one index seek per key), instead of scanning the whole history of the resource.
CREATE TABLE object_keys (
  resource       TEXT    NOT NULL,
  namespace      TEXT    NOT NULL,
  name           TEXT    NOT NULL,
  first_revision INTEGER NOT NULL,
  PRIMARY KEY (resource, namespace, name)
) WITHOUT ROWID;

INSERT INTO object_keys (resource, namespace, name, first_revision)
  SELECT resource, namespace, name, min(revision) FROM events GROUP BY resource, namespace, name;

-- The time a revision was committed, for "as of <time>" views.
CREATE INDEX events_by_time ON events (committed_at);
