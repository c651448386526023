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
  /** log rows examined per transaction */
  stepRows?: number
  /**
   * pending while a write batch's WAL sync is in flight (no slice runs then, ADR 0018), or while the
   * checkpointer has paused compaction or holds the writes to finish a pass (its pass would never
   * catch up with the slices)
   */
  writesInFlight?(): Promise<void> | undefined
}

/** event-loop time one slice of steps may take before queued writes get their turn */
const SLICE_MS = 4
const STEP_ROWS = 100
// SQLite's synchronous levels: NORMAL is 1, FULL 2, EXTRA 3.
const NORMAL = 1

const timerTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 1))

/**
 * A timer, not setImmediate: queued writes drain in the check phase, which then comes first, so a
 * write waits for at most one slice of compaction. No slice runs while a batch's WAL sync is in
 * flight: the sync would flush the slice's frames too, and every write waiting on it with them.
 */
async function yieldToWriters(writesInFlight: CompactionRange['writesInFlight']): Promise<void> {
  for (;;) {
    await timerTurn()
    const inFlight = writesInFlight?.()
    if (!inFlight) return
    await inFlight
  }
}

/**
 * Drops log rows at or before `upTo` that a later row at or before `upTo` supersedes, and
 * deletions there, so the state at `upTo` and after stays computable. Each step is its own short
 * transaction, steps run in slices of a few milliseconds, and the event loop runs between slices
 * (queued writes commit there): kine on SQLite compacts in one long transaction and locks writers
 * out; we do not.
 */
export async function compactLog(db: Database, range: CompactionRange): Promise<void> {
  const step = compactionStep(db, range)
  let from = range.from as number
  while (from < range.upTo) {
    const sliceEndMs = performance.now() + SLICE_MS
    do from = step(from)
    while (from < range.upTo && performance.now() < sliceEndMs)
    await yieldToWriters(range.writesInFlight)
  }
}

/** one step: compacts the revisions after `from`, up to `stepRows` of them, in one transaction; returns where it stopped */
function compactionStep(db: Database, range: CompactionRange): (from: number) => number {
  const stepRows = range.stepRows ?? STEP_ROWS
  // A later row of the same key is one seek on key_revisions; the rows' key_revisions rows go with
  // them (the delete trigger of migrations/0006_key_revisions.sql).
  const superseded = db.prepare(
    `DELETE FROM events WHERE revision > :from AND revision <= :to AND (
       type = 'DELETED' OR EXISTS (
         SELECT 1 FROM object_keys k JOIN key_revisions later ON later.key_id = k.key_id
         WHERE k.resource = events.resource AND k.namespace = events.namespace AND k.name = events.name
           AND later.revision > events.revision AND later.revision <= :upTo))`,
  )
  const transaction = db.transaction((from: number, to: number) => {
    superseded.run({ from, to, upTo: range.upTo })
    recordCompactedRevision(db, asRevision(to))
  })
  return (from) => {
    const to = Math.min(from + stepRows, range.upTo)
    withoutFsync(db, () => transaction(from, to))
    return to
  }
}

/**
 * Runs `work` with commits that do not fsync the WAL. A compaction step needs no fsync of its own:
 * WAL frames become durable in order, so the next write's fsync (or the checkpoint) covers every
 * step before it, and a step lost to a crash leaves rows that are still true, with the compaction
 * point recorded in the same transaction still below them. Measured on 210k rows here, a step's
 * COMMIT with fsync took 5-8 ms at the median and 20-30 ms at p99 of a 6 ms step, on the event loop.
 */
function withoutFsync(db: Database, work: () => void): void {
  const level = db.pragma('synchronous', { simple: true }) as number
  if (level <= NORMAL) return work()
  db.pragma('synchronous = NORMAL')
  try {
    work()
  } finally {
    db.pragma(`synchronous = ${level}`)
  }
}
