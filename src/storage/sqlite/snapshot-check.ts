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
 * deleted, so the retained log always holds the current state). A full read of the log: for repairs only.
 */
export function rebuildSnapshot(db: Database): { objects: number } {
  return db.transaction(() => {
    db.prepare('DELETE FROM objects').run()
    const inserted = db.prepare(
      `INSERT INTO objects (resource, namespace, name, revision, created_revision)
       SELECT e.resource, e.namespace, e.name, e.revision,
         coalesce((SELECT max(a.revision) FROM events a WHERE a.resource = e.resource AND a.namespace = e.namespace
           AND a.name = e.name AND a.type = 'ADDED' AND a.revision <= e.revision), e.revision)
       FROM events e
       WHERE e.type != 'DELETED' AND e.revision = (SELECT max(l.revision) FROM events l
         WHERE l.resource = e.resource AND l.namespace = e.namespace AND l.name = e.name)`,
    ).run()
    db.prepare(`INSERT OR IGNORE INTO object_keys (resource, namespace, name, first_revision)
      SELECT resource, namespace, name, min(revision) FROM events GROUP BY resource, namespace, name`).run()
    return { objects: inserted.changes }
  })()
}
