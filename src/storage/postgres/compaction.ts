import type { Revision } from '../../api/resource-version.js'
import type { Partitions } from './partitions.js'
import { inTransaction, type Pool } from './pg-pool.js'

// Replicas compacting at once take turns moving rows; the drops themselves tolerate each other.
const COMPACTION_LOCK = 0x77617465

// The rows of one partition that are each key's state at the compaction point (its newest row at
// or before it, unless a deletion) move to events_retained: the partition's range can then go.
const KEEP_SQL = `
  UPDATE events e SET partition_revision = 0
  WHERE e.partition_revision >= $1 AND e.partition_revision < $2 AND e.type <> 'DELETED'
    AND NOT EXISTS (SELECT 1 FROM events l WHERE l.resource = e.resource AND l.namespace = e.namespace AND l.name = e.name
                      AND l.revision > e.revision AND l.revision <= $3)`

// Rows kept by an earlier compaction that a row at or before this point supersedes (a later
// change, or a deletion) no longer show any state that can be read.
const PRUNE_RETAINED_SQL = `
  DELETE FROM events_retained r
  WHERE EXISTS (SELECT 1 FROM events l WHERE l.resource = r.resource AND l.namespace = r.namespace AND l.name = r.name
                  AND l.revision > r.revision AND l.revision <= $1)`

/** Records the new compaction point: from then on every read older than it is refused. */
export async function raiseCompactionPoint(pool: Pool, revision: Revision): Promise<Revision> {
  const { rows } = await pool.query<{ revision: Revision }>('UPDATE compaction SET revision = greatest(revision, $1) RETURNING revision', [revision])
  return rows[0]!.revision
}

/**
 * Retention by whole partitions: every partition entirely at or before `upTo` keeps its rows that
 * still show a state (moved in one short transaction to events_retained), then is detached
 * concurrently and dropped. Writers never wait: they only ever insert into newer partitions, and
 * the detach takes no lock they need. A partition that `upTo` falls inside stays whole.
 */
export async function dropCompactedPartitions(pool: Pool, partitions: Partitions, upTo: Revision): Promise<number> {
  await partitions.finishInterruptedDrops()
  let dropped = 0
  for (const partition of await partitions.list()) {
    if (partition.to - 1 > upTo) break
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [COMPACTION_LOCK])
      await client.query(KEEP_SQL, [partition.from, partition.to, upTo])
      await client.query(PRUNE_RETAINED_SQL, [upTo])
    })
    await partitions.drop(partition)
    dropped += 1
  }
  return dropped
}
