import type { Database } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'

const COMPACTED_KEY = 'compacted_revision'

export function readCompactedRevision(db: Database): Revision {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(COMPACTED_KEY) as string | undefined
  return asRevision(value === undefined ? 0 : Number(value))
}

/**
 * Drops log rows at or before `upTo` that a later row at or before `upTo` supersedes, and
 * deletions there, so state as of `upTo` and later stays computable. Watches and exact lists
 * from before `upTo` then get 410. Runs in small transactions so writers are never locked out long.
 * TODO(#4): retention policy and a background schedule.
 */
export function compactLog(db: Database, upTo: Revision, batchRows = 5000): void {
  const superseded = db.prepare(
    `DELETE FROM events WHERE revision IN (
       SELECT e.revision FROM events e WHERE e.revision > ? AND e.revision <= ? AND (
         e.type = 'DELETED' OR EXISTS (
           SELECT 1 FROM events later WHERE later.resource = e.resource AND later.namespace = e.namespace
             AND later.name = e.name AND later.revision > e.revision AND later.revision <= ?)))`,
  )
  const record = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  let from = readCompactedRevision(db) as number
  while (from < upTo) {
    const to = Math.min(from + batchRows, upTo)
    db.transaction(() => {
      superseded.run(from, to, upTo)
      record.run(COMPACTED_KEY, String(to))
    })()
    from = to
  }
}
