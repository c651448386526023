import type { Revision } from '../api/resource-version.js'
import type { ObjectKey } from './storage.js'

export type StorageErrorKind = 'KeyExists' | 'NotFound' | 'Conflict' | 'Compacted' | 'RevisionTooNew'

/** A failure storage reports in its own terms; registry/to-api-error.ts translates it once. */
export class StorageError extends Error {
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    readonly key?: ObjectKey,
  ) {
    super(message)
  }
}

/** The revisions a refused read is about; kube's messages quote them. */
export interface RevisionFacts {
  /** the revision the read asked for */
  requested: Revision
  /** reads older than this one cannot be answered */
  compacted: Revision
  /** the newest revision storage had committed and published */
  current: Revision
}

/**
 * A read at a revision storage cannot answer: `Compacted` when compaction removed log rows the
 * answer needs, `RevisionTooNew` when the revision is not committed yet (or not within the wait).
 */
export class RevisionError extends StorageError {
  constructor(
    kind: 'Compacted' | 'RevisionTooNew',
    readonly revisions: RevisionFacts,
  ) {
    const { requested, compacted, current } = revisions
    super(kind, kind === 'Compacted' ? `revision ${requested} is compacted (up to ${compacted})` : `revision ${requested} is newer than ${current}`)
  }
}
