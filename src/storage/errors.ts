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
