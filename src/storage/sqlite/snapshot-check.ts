import type { Database } from 'better-sqlite3'
import type { SnapshotCheck } from '../storage.js'
import { newestRevision } from './compaction.js'

interface LogRow {
  revision: number
  type: string
  resource: string
  namespace: string
  name: string
  object: string
}

interface SnapshotRow {
  resource: string
  namespace: string
  name: string
  revision: number
  object: string
}

const keyText = (row: { resource: string; namespace: string; name: string }) => `${row.resource} ${row.namespace ? `${row.namespace}/` : ''}${row.name}`
const MAX_LISTED = 20

/**
 * Compares the two ends that a torn or damaged database would leave disagreeing, with index reads
 * only (never a scan of the log): the newest `tailRows` log rows against the snapshot (each key's
 * newest row there is its current state, object and revision, or its absence), and the newest
 * `tailRows` snapshot rows against the log (none is beyond the log's head; each one's revision is
 * a log row of that same object).
 */
export function findSnapshotMismatches(db: Database, tailRows: number): Pick<SnapshotCheck, 'checkedLogRows' | 'checkedSnapshotRows' | 'mismatches'> {
  const mismatches: string[] = []
  const note = (text: string) => void (mismatches.length < MAX_LISTED && mismatches.push(text))
  const logTail = db.prepare('SELECT revision, type, resource, namespace, name, object FROM events ORDER BY revision DESC LIMIT ?').all(tailRows) as LogRow[]
  const snapshotRow = db.prepare('SELECT resource, namespace, name, revision, object FROM objects WHERE resource = ? AND namespace = ? AND name = ?')
  const seen = new Set<string>()
  for (const event of logTail) {
    const key = keyText(event)
    if (seen.has(key)) continue
    seen.add(key)
    const row = snapshotRow.get(event.resource, event.namespace, event.name) as SnapshotRow | undefined
    if (event.type === 'DELETED' ? row !== undefined : row?.revision !== event.revision || row.object !== event.object) {
      note(`${key}: the log's newest row is ${event.type} at ${event.revision}, the snapshot ${row ? `holds revision ${row.revision}` : 'has no row'}`)
    }
  }
  const head = newestRevision(db)
  const newestSnapshotRevision = db.prepare('SELECT max(revision) FROM objects').pluck().get() as number | null
  if (newestSnapshotRevision !== null && newestSnapshotRevision > head) note(`the snapshot holds revision ${newestSnapshotRevision}, beyond the log's head ${head}`)
  // Index-only (objects_by_revision holds the key): each newest snapshot row's revision is a log row of that object.
  const snapshotTail = db.prepare('SELECT resource, namespace, name, revision FROM objects ORDER BY revision DESC LIMIT ?').all(tailRows) as Omit<SnapshotRow, 'object'>[]
  const logRow = db.prepare('SELECT revision, type, resource, namespace, name FROM events WHERE revision = ?')
  for (const row of snapshotTail) {
    const event = logRow.get(row.revision) as Omit<LogRow, 'object'> | undefined
    if (row.revision <= head && (!event || keyText(event) !== keyText(row) || event.type === 'DELETED')) {
      note(`${keyText(row)}: the snapshot holds revision ${row.revision}, which the log ${event ? `has as ${event.type} of ${keyText(event)}` : 'lacks'}`)
    }
  }
  return { checkedLogRows: logTail.length, checkedSnapshotRows: snapshotTail.length, mismatches }
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
      `INSERT INTO objects (resource, namespace, name, revision, created_revision, object)
       SELECT e.resource, e.namespace, e.name, e.revision,
         coalesce((SELECT max(a.revision) FROM events a WHERE a.resource = e.resource AND a.namespace = e.namespace
           AND a.name = e.name AND a.type = 'ADDED' AND a.revision <= e.revision), e.revision),
         e.object
       FROM events e
       WHERE e.type != 'DELETED' AND e.revision = (SELECT max(l.revision) FROM events l
         WHERE l.resource = e.resource AND l.namespace = e.namespace AND l.name = e.name)`,
    ).run()
    db.prepare(`INSERT OR IGNORE INTO object_keys (resource, namespace, name, first_revision)
      SELECT resource, namespace, name, min(revision) FROM events GROUP BY resource, namespace, name`).run()
    return { objects: inserted.changes }
  })()
}
