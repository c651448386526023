import type { Database, Statement } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import type { AsOfPlan } from './as-of-rows.js'
import { boundLimit } from './bound-limit.js'

/** the most snapshot rows one choice looks at (objects_by_revision entries, ~20 µs) */
const MOST_PROBED_ROWS = 250

/**
 * Picks, per page, how the state at a past revision is read (as-of-rows.ts). Reading the snapshot
 * first costs ~0.4 µs more per key and saves ~0.5 µs per key unchanged since the revision (10k keys,
 * 1M events, key_revisions; it was 0.6 and 1.5 µs on events_by_key): it pays once about half a
 * page's keys are unchanged. The snapshot's rows newer than the revision
 * (objects_by_revision, every resource) bound how many of the page's keys changed: fewer than half
 * a page of them, and the snapshot goes first. A page of a paginated list read while others write
 * (its revision is the first page's) is that case; a list far back under a busy log is not, and
 * reads as before at the price of this count (250 index entries at most).
 * Keys deleted since are not in the snapshot and not counted: they take the seek either way.
 */
export class AsOfPlanner {
  readonly #changedSince: Statement

  constructor(db: Database) {
    this.#changedSince = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM objects WHERE revision > ? ${boundLimit()})`).pluck()
  }

  planFor(at: Revision, limit: number): AsOfPlan {
    const halfPage = Math.min(Math.ceil(limit / 2), MOST_PROBED_ROWS)
    return (this.#changedSince.get(at, halfPage) as number) < halfPage ? 'snapshotFirst' : 'seek'
  }
}
