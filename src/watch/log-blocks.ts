import { asRevision, type Revision } from '../api/resource-version.js'
import { RevisionError } from '../storage/errors.js'
import type { StorageReader } from '../storage/storage.js'
import { changeFromEvent } from './change.js'
import { EncodedChange } from './encoded-change.js'
import { JoinedFrames, ReplayPage } from './joined-frames.js'

/** Revisions per block: watchers resuming from nearby revisions read the same blocks. */
export const BLOCK_REVISIONS = 256
export const CACHED_BLOCKS = 64

/** What a catching-up watcher reads: one resource (and namespace), with previous states for selectors. */
export interface LogScope {
  resource: string
  /** undefined: every namespace */
  namespace: string | undefined
  /** selector watchers need each change's previous state */
  withPrevious: boolean
}

export interface LogPage {
  /** the changes after the requested revision, up to `throughRevision` */
  changes: Promise<ReplayPage>
  /** every change of the scope up to here is in `changes` */
  throughRevision: Revision
  /** the page reaches the revision asked for: the watcher is caught up once it is delivered */
  isAtEnd: boolean
}

const NO_CHANGES: Promise<ReplayPage> = Promise.resolve(new ReplayPage(new JoinedFrames([]), 0))

/**
 * The log as aligned blocks of revisions, per resource and namespace, shared by all catching-up
 * watchers: when a thousand informers resume after a restart, each block is read from storage and
 * encoded once, not a thousand times. A block is cached as the read in flight, so watchers asking
 * for it together share that one read. Only complete blocks (all revisions committed) are cached;
 * rows never change once committed, so a cached block stays true. Its frames are joined once too
 * (JoinedFrames), so each watcher sends a page in one write.
 */
export class LogBlocks {
  readonly #cache = new Map<string, Promise<JoinedFrames>>()

  constructor(private readonly storage: StorageReader) {}

  /** the changes after `afterRevision` up to the end of its block, or to `upTo` (every commit up to it is committed) */
  pageAfter(scope: LogScope, afterRevision: Revision, upTo: Revision): LogPage {
    if (afterRevision >= upTo) return { changes: NO_CHANGES, throughRevision: afterRevision, isAtEnd: true }
    const block = Math.floor(afterRevision / BLOCK_REVISIONS)
    const blockEnd = asRevision((block + 1) * BLOCK_REVISIONS)
    if (blockEnd > upTo) return { changes: this.#readPage(scope, afterRevision, upTo), throughRevision: upTo, isAtEnd: true }
    const changes = this.#block(scope, block).then(
      (run) => new ReplayPage(run, firstAfter(run.changes, afterRevision)),
      (error: unknown) => {
        // The block starts below the compacted revision: read only what this watcher needs, which
        // storage answers (or refuses: then the watcher is compacted past too).
        if (!(error instanceof RevisionError && error.kind === 'Compacted')) throw error
        return this.#readPage(scope, afterRevision, blockEnd)
      },
    )
    return { changes, throughRevision: blockEnd, isAtEnd: blockEnd === upTo }
  }

  #block(scope: LogScope, block: number): Promise<JoinedFrames> {
    const key = `${scope.resource}|${scope.namespace ?? '*'}|${scope.withPrevious ? 'p' : ''}|${block}`
    let changes = this.#cache.get(key)
    if (changes) this.#cache.delete(key)
    else {
      changes = this.#read(scope, asRevision(block * BLOCK_REVISIONS), asRevision((block + 1) * BLOCK_REVISIONS)).then((all) => new JoinedFrames(all))
      // A refused read is not cached: the next watcher asks storage again.
      changes.catch(() => this.#cache.get(key) === changes && this.#cache.delete(key))
    }
    this.#cache.set(key, changes)
    if (this.#cache.size > CACHED_BLOCKS) this.#cache.delete(this.#cache.keys().next().value!)
    return changes
  }

  async #readPage(scope: LogScope, after: Revision, upTo: Revision): Promise<ReplayPage> {
    return new ReplayPage(new JoinedFrames(await this.#read(scope, after, upTo)), 0)
  }

  async #read(scope: LogScope, after: Revision, upTo: Revision): Promise<EncodedChange[]> {
    const events = await this.storage.readEvents({
      afterRevision: after,
      upToRevision: upTo,
      resource: scope.resource,
      ...(scope.namespace === undefined ? {} : { namespace: scope.namespace }),
      limit: BLOCK_REVISIONS,
      withPrevious: scope.withPrevious,
    })
    return events.map((event) => new EncodedChange(changeFromEvent(event)))
  }
}

/** the index of the first change after `revision` (changes are in revision order) */
function firstAfter(changes: readonly EncodedChange[], revision: Revision): number {
  let [low, high] = [0, changes.length]
  while (low < high) {
    const middle = (low + high) >>> 1
    if (changes[middle]!.change.revision > revision) high = middle
    else low = middle + 1
  }
  return low
}
