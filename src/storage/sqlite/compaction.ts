import type { Database } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'

const COMPACTED_KEY = 'compacted_revision'

export function readCompactedRevision(db: Database): Revision {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(COMPACTED_KEY) as string | undefined
  return asRevision(value === undefined ? 0 : Number(value))
}

/** Records the compaction point (imports carry one over from their source). */
export function recordCompactedRevision(db: Database, revision: Revision): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(COMPACTED_KEY, String(revision))
}

/** The newest revision of a database: its newest log row, or the compaction point if compaction removed that row. */
export function newestRevision(db: Database): Revision {
  const newestRow = db.prepare('SELECT coalesce(max(revision), 0) FROM events').pluck().get() as number
  return asRevision(Math.max(newestRow, readCompactedRevision(db)))
}

export interface CompactionRange {
  /** the previous compaction point: rows up to it are already compacted */
  from: Revision
  upTo: Revision
  /** log rows examined per transaction; small, so a concurrent write waits at most one step */
  stepRows?: number
}

// A timer, not setImmediate: queued writes drain in the check phase, which then comes first, so a
// write waits for at most one compaction step.
const yieldToWriters = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

/**
 * Drops log rows at or before `upTo` that a later row at or before `upTo` supersedes, and
 * deletions there, so the state at `upTo` and after stays computable. Each step is its own short
 * transaction and the event loop runs between steps (queued writes commit there): kine on SQLite
 * compacts in one long transaction and locks writers out; we do not.
 */
export async function compactLog(db: Database, range: CompactionRange): Promise<void> {
  const stepRows = range.stepRows ?? 300
  const superseded = db.prepare(
    `DELETE FROM events WHERE revision > :from AND revision <= :to AND (
       type = 'DELETED' OR EXISTS (
         SELECT 1 FROM events later WHERE later.resource = events.resource AND later.namespace = events.namespace
           AND later.name = events.name AND later.revision > events.revision AND later.revision <= :upTo))`,
  )
  let from = range.from as number
  while (from < range.upTo) {
    const to = Math.min(from + stepRows, range.upTo)
    db.transaction(() => {
      superseded.run({ from, to, upTo: range.upTo })
      recordCompactedRevision(db, asRevision(to))
    })()
    from = to
    await yieldToWriters()
  }
}
