import { asRevision, type Revision } from '../api/resource-version.js'
import { RevisionError } from '../storage/errors.js'
import type { EventLines, StorageReader } from '../storage/storage.js'
import { changeFromEvent, LineChange } from './change.js'
import { EncodedChange } from './encoded-change.js'
import { JoinedFrames, ReplayPage } from './joined-frames.js'
import { JSON_FORMAT } from './watch-format.js'

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

/** A block's changes from its start through a revision: the whole block, or the newest block so far. */
interface BlockRun {
  through: Revision
  run: Promise<JoinedFrames>
}

const NO_CHANGES: Promise<ReplayPage> = Promise.resolve(new ReplayPage(new JoinedFrames([]), 0))

/**
 * The log as aligned blocks of revisions, per resource and namespace, shared by all catching-up
 * watchers: when a thousand informers resume after a restart, each block is read from storage and
 * encoded once, not a thousand times. A block is cached as the read in flight, so watchers asking
 * for it together share that one read. Rows never change once committed, so a cached block stays
 * true; the newest block, still filling, is cached through the revision read so far and extended
 * by the rows committed since: each watcher reaching the end of the log reads only those, not the
 * whole block again. Its frames are joined once too (JoinedFrames), so each watcher sends a page
 * in one write.
 */
export class LogBlocks {
  readonly #cache = new Map<string, BlockRun>()

  constructor(private readonly storage: Pick<StorageReader, 'readEvents' | 'readEventLines'>) {}

  /** the changes after `afterRevision` up to the end of its block, or to `upTo` (every commit up to it is committed) */
  pageAfter(scope: LogScope, afterRevision: Revision, upTo: Revision): LogPage {
    if (afterRevision >= upTo) return { changes: NO_CHANGES, throughRevision: afterRevision, isAtEnd: true }
    const block = Math.floor(afterRevision / BLOCK_REVISIONS)
    const through = asRevision(Math.min((block + 1) * BLOCK_REVISIONS, upTo))
    const changes = this.#block(scope, block, through).then(
      (run) => new ReplayPage(run, firstAfter(run.changes, afterRevision)),
      (error: unknown) => {
        // The block starts below the compacted revision: read only what this watcher needs, which
        // storage answers (or refuses: then the watcher is compacted past too).
        if (!(error instanceof RevisionError && error.kind === 'Compacted')) throw error
        return this.#readPage(scope, afterRevision, through)
      },
    )
    return { changes, throughRevision: through, isAtEnd: through === upTo }
  }

  /** the block's changes from its start through `through`: cached, the cached start extended, or read */
  #block(scope: LogScope, block: number, through: Revision): Promise<JoinedFrames> {
    const key = `${scope.resource}|${scope.namespace ?? '*'}|${scope.withPrevious ? 'p' : ''}|${block}`
    const cached = this.#cache.get(key)
    // Never expected (watchers ask up to the hub's position, which only grows): read without caching.
    if (cached && cached.through > through) return this.#readRun(scope, asRevision(block * BLOCK_REVISIONS), through)
    this.#cache.delete(key)
    const entry = cached?.through === through ? cached : { through, run: this.#extend(scope, cached, { block, through }) }
    // A refused read is not cached: the next watcher asks storage again.
    if (entry !== cached) entry.run.catch(() => this.#cache.get(key) === entry && this.#cache.delete(key))
    this.#cache.set(key, entry)
    if (this.#cache.size > CACHED_BLOCKS) this.#cache.delete(this.#cache.keys().next().value!)
    return entry.run
  }

  async #extend(scope: LogScope, cached: BlockRun | undefined, to: { block: number; through: Revision }): Promise<JoinedFrames> {
    if (!cached) return this.#readRun(scope, asRevision(to.block * BLOCK_REVISIONS), to.through)
    const [start, more] = await Promise.all([cached.run, this.#readRun(scope, cached.through, to.through)])
    return start.followedBy(more)
  }

  async #readPage(scope: LogScope, after: Revision, upTo: Revision): Promise<ReplayPage> {
    return new ReplayPage(await this.#readRun(scope, after, upTo), 0)
  }

  async #readRun(scope: LogScope, after: Revision, upTo: Revision): Promise<JoinedFrames> {
    const range = {
      afterRevision: after,
      upToRevision: upTo,
      resource: scope.resource,
      ...(scope.namespace === undefined ? {} : { namespace: scope.namespace }),
      limit: BLOCK_REVISIONS,
      withPrevious: scope.withPrevious,
    }
    // Rows as the lines a watcher without selectors sends, joined: no string per row (event-log.ts).
    if (!scope.withPrevious && this.storage.readEventLines) return runOfLines(await this.storage.readEventLines(range))
    const events = await this.storage.readEvents(range)
    return new JoinedFrames(events.map((event) => new EncodedChange(changeFromEvent(event))))
  }
}

/** a block read as joined lines: sent as read in JSON, each change decoded from its line for other formats */
function runOfLines({ revisions, types, lineBytes, lines }: EventLines): JoinedFrames {
  let end = 0
  const changes = revisions.map((revision, i) => new EncodedChange(new LineChange(revision, types[i]!, { lines, start: end, end: (end += lineBytes[i]!) })))
  return JoinedFrames.read(changes, { format: JSON_FORMAT, bytes: lines, frameBytes: lineBytes })
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
