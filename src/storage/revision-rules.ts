import type { Revision } from '../api/resource-version.js'
import { RevisionError } from './errors.js'
import type { BelowCompaction } from './storage.js'

/** What a storage knows about its revisions when it checks a read. */
export interface RevisionBounds {
  /** reads older than this revision cannot be answered from the log */
  compacted: Revision
  /** the newest committed and published revision */
  current: Revision
}

// Every implementation applies the same rules, from these functions: callers above storage never
// compare revisions themselves, they catch RevisionError (STYLE B7, "one rule decided in several layers").

/** A revision not committed yet is RevisionTooNew. */
export function checkCommitted(revision: Revision, bounds: RevisionBounds): void {
  if (revision > bounds.current) throw new RevisionError('RevisionTooNew', { requested: revision, ...bounds })
}

/**
 * The state as it stood at `revision`. Compaction keeps the state at the compacted revision and
 * after, so only older revisions are Compacted (etcd refuses revisions below its compact revision).
 */
export function checkStateReadable(revision: Revision, bounds: RevisionBounds): void {
  checkCommitted(revision, bounds)
  if (revision < bounds.compacted) throw new RevisionError('Compacted', { requested: revision, ...bounds })
}

/**
 * The log after `afterRevision`: complete only from the compacted revision on, since compaction
 * removed superseded rows at or before it (a watch from an older revision would miss changes),
 * unless the reader asked for the retained rows only.
 */
export function checkLogReadable(
  range: { afterRevision: Revision; upToRevision: Revision; belowCompaction?: BelowCompaction },
  bounds: RevisionBounds,
): void {
  checkCommitted(range.upToRevision, bounds)
  if (range.belowCompaction === 'retained') return
  if (range.afterRevision < bounds.compacted) throw new RevisionError('Compacted', { requested: range.afterRevision, ...bounds })
}
