import type { Revision } from '../api/resource-version.js'
import { RevisionError } from '../storage/errors.js'
import type { StorageReader } from '../storage/storage.js'
import { changeFromEvent } from './change.js'
import { EncodedChange } from './encoded-change.js'

/** Revisions per block: watchers resuming from nearby revisions read the same blocks. */
export const BLOCK_REVISIONS = 256
const CACHED_BLOCKS = 64

export interface LogPage {
  changes: EncodedChange[]
  /** the page reached the newest revision: the watcher can join the live stream now */
  isAtEnd: boolean
}

/**
 * The log as aligned blocks of revisions, per resource and namespace, shared by all catching-up
 * watchers: when a thousand informers resume after a restart, each block is read from SQLite and
 * encoded once, not a thousand times. Only complete blocks (all revisions committed) are cached;
 * rows never change once committed, so a cached block stays true.
 */
export class LogBlocks {
  readonly #cache = new Map<string, EncodedChange[]>()

  constructor(private readonly storage: StorageReader) {}

  /** the changes after `afterRevision` up to the end of its block (or to now) */
  pageAfter(scope: { resource: string; namespace: string | undefined }, afterRevision: Revision): LogPage {
    const current = this.storage.currentRevision()
    const block = Math.floor(afterRevision / BLOCK_REVISIONS)
    const blockEnd = (block + 1) * BLOCK_REVISIONS
    if (blockEnd > current) return { changes: this.#read(scope, afterRevision, current), isAtEnd: true }
    const key = `${scope.resource}|${scope.namespace ?? '*'}|${block}`
    let changes = this.#cache.get(key)
    if (changes) this.#cache.delete(key)
    else {
      try {
        changes = this.#read(scope, block * BLOCK_REVISIONS, blockEnd)
      } catch (error) {
        // The block starts below the compacted revision: read only what this watcher needs, which
        // storage answers (or refuses: then the watcher is compacted past too).
        if (!(error instanceof RevisionError && error.kind === 'Compacted')) throw error
        return { changes: this.#read(scope, afterRevision, blockEnd), isAtEnd: blockEnd === current }
      }
    }
    this.#cache.set(key, changes)
    if (this.#cache.size > CACHED_BLOCKS) this.#cache.delete(this.#cache.keys().next().value!)
    return { changes: changes.filter((c) => c.change.revision > afterRevision), isAtEnd: blockEnd === current }
  }

  #read(scope: { resource: string; namespace: string | undefined }, after: number, upTo: number): EncodedChange[] {
    const events = this.storage.readEvents({
      afterRevision: after as Revision,
      upToRevision: upTo as Revision,
      resource: scope.resource,
      ...(scope.namespace === undefined ? {} : { namespace: scope.namespace }),
      limit: BLOCK_REVISIONS,
    })
    const readPrevious = (revision: Revision) => this.storage.readEvent(revision)?.json
    return events.map((event) => new EncodedChange(changeFromEvent(event, readPrevious)))
  }
}
