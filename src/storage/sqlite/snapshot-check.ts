import type { Database } from 'better-sqlite3'
import type { SnapshotCheck } from '../storage.js'
import { newestRevision } from './compaction.js'
import { OBJECT_BY_KEY } from './snapshot.js'
import { findDisagreements, type KeyedRow, type SnapshotRow, type TailLogRow } from '../snapshot-agreement.js'

/**
 * Reads what the self-check compares (snapshot-agreement.ts) with index reads only, never a scan
 * of the log: the newest `tailRows` log rows and their keys' snapshot rows; the newest `tailRows`
 * snapshot rows (by objects_by_revision) and the log rows at their revisions.
 */
export function findSnapshotMismatches(db: Database, tailRows: number): Pick<SnapshotCheck, 'checkedLogRows' | 'checkedSnapshotRows' | 'mismatches'> {
  // a row whose log row is gone reads as missing here, and as beyond the head or lacking in the log below
  const snapshotRow = db.prepare(OBJECT_BY_KEY)
  const logRow = db.prepare('SELECT type, resource, namespace, name FROM events WHERE revision = ?')
  return findDisagreements({
    logTail: db.prepare('SELECT revision, type, resource, namespace, name, object FROM events ORDER BY revision DESC LIMIT ?').all(tailRows) as TailLogRow[],
    snapshotOf: (row) => snapshotRow.get(row.resource, row.namespace, row.name) as SnapshotRow | undefined,
    head: newestRevision(db),
    snapshotTail: db.prepare('SELECT resource, namespace, name, revision FROM objects ORDER BY revision DESC LIMIT ?').all(tailRows) as SnapshotRow[],
    logRowAt: (revision) => logRow.get(revision) as (KeyedRow & { type: string }) | undefined,
  })
}

/**
 * Rebuilds the snapshot from the log in one transaction: each key's newest retained row, unless it
 * is a deletion (compaction keeps every key's newest row, and drops deletions with what they
 * deleted, so the retained log always holds the current state). Every log row has its key and
 * key_revisions row, written with it by the database itself (migrations/0006_key_revisions.sql),
 * so the keys are walked there. For repairs only.
 */
export function rebuildSnapshot(db: Database): { objects: number } {
  return db.transaction(() => {
    db.prepare('DELETE FROM objects').run()
    const inserted = db.prepare(
      `INSERT INTO objects (resource, namespace, name, revision, created_revision)
       SELECT e.resource, e.namespace, e.name, e.revision,
         coalesce((SELECT a.revision FROM key_revisions r JOIN events a ON a.revision = r.revision
           WHERE r.key_id = k.key_id AND a.type = 'ADDED' ORDER BY r.revision DESC LIMIT 1), e.revision)
       FROM object_keys k JOIN events e ON e.revision = (SELECT max(l.revision) FROM key_revisions l WHERE l.key_id = k.key_id)
       WHERE e.type != 'DELETED'`,
    ).run()
    return { objects: inserted.changes }
  })()
}
