import type { SnapshotCheck } from '../storage.js'
import { findDisagreements, keyText, type KeyedRow, type SnapshotRow, type TailLogRow } from '../snapshot-agreement.js'
import { inTransaction, type Pool, type PoolClient } from './pg-pool.js'

type Found = Pick<SnapshotCheck, 'checkedLogRows' | 'checkedSnapshotRows' | 'mismatches'>

/**
 * The self-check's reads (snapshot-agreement.ts), each an index read: events' primary key, objects'
 * primary key and objects_by_revision. Run inside one snapshot of the database, so that other
 * replicas' commits meanwhile cannot look like a disagreement.
 */
async function readAndCompare(client: PoolClient, tailRows: number): Promise<Found> {
  // A row compaction kept sits twice in the log until its old partition is dropped: the same row.
  const { rows: logTail } = await client.query<TailLogRow>(
    'SELECT DISTINCT ON (revision) revision, type, resource, namespace, name, object FROM events ORDER BY revision DESC LIMIT $1', [tailRows])
  const keys = [logTail.map((r) => r.resource), logTail.map((r) => r.namespace), logTail.map((r) => r.name)]
  const { rows: snapshotRows } = await client.query<SnapshotRow>(
    `SELECT o.resource, o.namespace, o.name, o.revision, o.object FROM objects o
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(resource, namespace, name)
       ON o.resource = k.resource AND o.namespace = k.namespace AND o.name = k.name`, keys)
  const { rows: [counter] } = await client.query<{ revision: number }>('SELECT revision FROM revision_counter')
  const { rows: snapshotTail } = await client.query<SnapshotRow>('SELECT resource, namespace, name, revision FROM objects ORDER BY revision DESC LIMIT $1', [tailRows])
  const { rows: logRows } = await client.query<KeyedRow & { type: string; revision: number }>(
    'SELECT DISTINCT ON (revision) revision, type, resource, namespace, name FROM events WHERE revision = ANY($1::bigint[])', [snapshotTail.map((r) => r.revision)])
  const snapshotByKey = new Map(snapshotRows.map((r) => [keyText(r), r]))
  const logByRevision = new Map(logRows.map((r) => [r.revision, r]))
  return findDisagreements({
    logTail,
    snapshotOf: (row) => snapshotByKey.get(keyText(row)),
    head: counter!.revision,
    snapshotTail,
    logRowAt: (revision) => logByRevision.get(revision),
  })
}

/** Each key's newest log row becomes its snapshot row, unless a deletion: the log is the source of truth. */
async function rebuild(client: PoolClient): Promise<number> {
  await client.query('DELETE FROM objects')
  const inserted = await client.query(
    `INSERT INTO objects (resource, namespace, name, revision, object)
     SELECT resource, namespace, name, revision, object FROM (
       SELECT DISTINCT ON (resource, namespace, name) resource, namespace, name, revision, type, object
       FROM events ORDER BY resource, namespace, name, revision DESC) newest
     WHERE type <> 'DELETED'`)
  return inserted.rowCount ?? 0
}

/**
 * The startup self-check on the shared database (ADR 0016). Every replica runs it as it starts,
 * while others may be writing: the check reads one REPEATABLE READ snapshot and takes no lock.
 * Only on a disagreement does it lock the revision counter (writers wait), check again and
 * rebuild the snapshot from the log in that same transaction.
 */
export async function checkSnapshotTables(pool: Pool, tailRows: number): Promise<Omit<SnapshotCheck, 'elapsedMs'>> {
  const found = await inTransaction(pool, (client) => readAndCompare(client, tailRows), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  if (found.mismatches.length === 0) return { ...found, isRebuilt: false }
  return inTransaction(pool, async (client) => {
    await client.query('SELECT revision FROM revision_counter FOR UPDATE')
    const again = await readAndCompare(client, tailRows)
    if (again.mismatches.length === 0) return { ...again, isRebuilt: false }
    return { ...again, isRebuilt: true, rebuiltObjects: await rebuild(client) }
  })
}
