-- The shared, strictly ordered log of every replica (docs/decisions/0012-postgres-shared-log.md).
-- Text that is listed or compared is COLLATE "C": key order is byte order, as in SQLite and etcd.

-- The one counter every revision comes from. A batch locks this row first and updates it just
-- before COMMIT, so a later batch gets larger revisions only once the earlier one committed, and
-- an aborted batch rolls its increment back: revisions become visible in order, with no gaps.
-- committed_at only moves forward, so "the revision at time T" is a seek.
CREATE TABLE revision_counter (
  id           boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision     bigint  NOT NULL,
  committed_at bigint  NOT NULL                -- unix milliseconds of the newest commit
);
INSERT INTO revision_counter (revision, committed_at) VALUES (0, 0);

-- The compaction point: reads of states older than it, or of the log before it, are refused.
-- A row of its own, so compacting never waits for the writers' lock on revision_counter.
CREATE TABLE compaction (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision bigint  NOT NULL
);
INSERT INTO compaction (revision) VALUES (0);

-- How the log is cut into partitions, fixed when the first replica creates it.
CREATE TABLE log_layout (
  id                  boolean PRIMARY KEY DEFAULT true CHECK (id),
  partition_revisions bigint  NOT NULL CHECK (partition_revisions > 0)
);

-- The log, partitioned by ranges of revisions: retention drops whole partitions. A row's
-- partition_revision is its revision, until compaction keeps it as the state at the compaction
-- point: then it is 0 and the row lives in events_retained, so its old range can be dropped.
CREATE TABLE events (
  revision           bigint NOT NULL,
  partition_revision bigint NOT NULL,
  resource           text COLLATE "C" NOT NULL,   -- storage key of the resource type: "pods", "apps/deployments"
  namespace          text COLLATE "C" NOT NULL,   -- '' for cluster-scoped objects
  name               text COLLATE "C" NOT NULL,
  type               text   NOT NULL CHECK (type IN ('ADDED', 'MODIFIED', 'DELETED')),
  object             text   NOT NULL,             -- the object as JSON, resourceVersion included
  prev_revision      bigint,                      -- the object's previous event
  verb               text   NOT NULL,
  field_manager      text,
  user_agent         text,
  username           text,
  committed_at       bigint NOT NULL,             -- unix milliseconds
  PRIMARY KEY (revision, partition_revision)
) PARTITION BY RANGE (partition_revision);

CREATE INDEX events_by_key ON events (resource, namespace, name, revision);
CREATE INDEX events_by_time ON events (committed_at, revision);
CREATE TABLE events_retained PARTITION OF events FOR VALUES FROM (MINVALUE) TO (1);

-- The current state, written in the same transaction as the log rows. Serves get and list.
CREATE TABLE objects (
  resource  text COLLATE "C" NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  name      text COLLATE "C" NOT NULL,
  revision  bigint NOT NULL,                       -- revision of the last change (the resourceVersion)
  object    text   NOT NULL,
  PRIMARY KEY (resource, namespace, name)
);
