-- The append-only event log: the source of truth. Its integer primary key is the global
-- revision, which is the resourceVersion of every object on the wire.
CREATE TABLE events (
  revision      INTEGER PRIMARY KEY,
  resource      TEXT    NOT NULL,             -- storage key of the resource type: "pods", "apps/deployments"
  namespace     TEXT    NOT NULL,             -- '' for cluster-scoped objects
  name          TEXT    NOT NULL,
  type          TEXT    NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
  object        TEXT    NOT NULL,             -- the object as JSON, resourceVersion included
  prev_revision INTEGER,                      -- the object's previous event, for diffs and selector transitions
  verb          TEXT    NOT NULL,
  field_manager TEXT,
  user_agent    TEXT,
  username      TEXT,
  committed_at  INTEGER NOT NULL              -- unix milliseconds
);

-- One object's history, and lists as of a past revision.
CREATE INDEX events_by_key ON events (resource, namespace, name, revision);
