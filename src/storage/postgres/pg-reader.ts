import type { Logger } from 'pino'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { CommitPublisher } from '../../commits/commit.js'
import { checkCommitted, checkLogReadable, checkStateReadable, type RevisionBounds } from '../revision-rules.js'
import { RevisionWaiters } from '../revision-waiters.js'
import { REVISION_WAIT_MS, type EventRange, type HistoryEntry, type HistoryPage, type ListPage, type ListRequest, type ObjectKey, type StorageReader, type StoredEvent, type StoredObject } from '../storage.js'
import { CommitListener } from './commit-listener.js'
import { LogTailer } from './log-tailer.js'
import { isDatabaseError, openPool, type Pool } from './pg-pool.js'
import { readHistory, readNewestPage, readObject, readObjectAt, readPageAt, readRange, readRevisionAt } from './pg-reads.js'

export interface PgReaderOptions {
  /** postgres://user:password@host:port/database */
  url: string
  /** where tailed commits go; a reader for the command-line tools needs none */
  publisher?: CommitPublisher
  /** how often the tailer reads without a NOTIFY (default 100 ms) */
  pollIntervalMs?: number
  /** LISTEN for commits as a wake-up hint (default true); off through PgBouncer in transaction mode */
  isListening?: boolean
  /** connections this replica opens at most (default 10) */
  maxConnections?: number
  log?: Logger
}

/** Where a replica starts: the database head (the stream starts after it) and the compaction point. */
export interface LogStart {
  head: Revision
  compacted: Revision
}

const TAIL_PAGE_ROWS = 1000

export async function readLogStart(pool: Pool): Promise<LogStart> {
  try {
    const { rows } = await pool.query<LogStart>('SELECT (SELECT revision FROM revision_counter) AS head, (SELECT revision FROM compaction) AS compacted')
    return rows[0]!
  } catch (error) {
    if (isDatabaseError(error) && error.code === '42P01') throw new Error('the database holds no watchplane log: start a server on it first')
    throw error
  }
}

export function openReaderPool(options: PgReaderOptions): Pool {
  return openPool({ url: options.url, maxConnections: options.maxConnections ?? 10, onError: (error) => options.log?.warn({ err: error }, 'postgres connection lost') })
}

/**
 * The read side over the shared PostgreSQL log. Its revisions are those this replica has tailed
 * and published: it never serves one it has not (a read that meets a newer object waits for the
 * tailer, as kube's consistent reads wait for the watch cache). Reads check the revision rules
 * against the compaction point read in the same statement as their rows.
 */
export class PgReader implements StorageReader {
  protected readonly pool: Pool
  protected readonly tailer: LogTailer
  protected readonly waiters = new RevisionWaiters(() => this.#bounds())
  protected readonly log: Logger | undefined
  #compacted: Revision
  readonly #listener: CommitListener | undefined

  /** a reader beside running replicas (the command-line tools, `serve --as-of`) */
  static async open(options: PgReaderOptions): Promise<PgReader> {
    const pool = openReaderPool(options)
    try {
      const reader = new PgReader(options, pool, await readLogStart(pool))
      await reader.startFollowing()
      return reader
    } catch (error) {
      await pool.end()
      throw error
    }
  }

  protected constructor(options: PgReaderOptions, pool: Pool, start: LogStart) {
    this.pool = pool
    this.log = options.log
    this.#compacted = start.compacted
    this.tailer = new LogTailer({
      pool,
      publisher: options.publisher ?? { publish: () => {} },
      startAfter: start.head,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      pageRows: TAIL_PAGE_ROWS,
      onPublished: (position) => this.onPublished(position),
      onCompactionSeen: (compacted) => this.sawCompaction(compacted),
      ...(options.log ? { log: options.log } : {}),
    })
    this.#listener = options.isListening === false ? undefined : new CommitListener({ url: options.url, pool, onCommit: () => this.tailer.wake(), ...(options.log ? { log: options.log } : {}) })
  }

  protected async startFollowing(): Promise<void> {
    await this.#listener?.start()
    this.tailer.start()
  }

  currentRevision(): Revision {
    return this.tailer.position
  }

  compactedRevision(): Revision {
    return this.#compacted
  }

  waitForRevision(revision: Revision, options: { timeoutMs?: number } = {}): Promise<void> {
    if (revision > this.tailer.position) this.tailer.wake()
    return this.waiters.wait(revision, options.timeoutMs ?? REVISION_WAIT_MS)
  }

  async get(key: ObjectKey): Promise<StoredObject | undefined> {
    const object = await readObject(this.pool, key)
    // Written through another replica and not tailed here yet: wait, so that a watch from this
    // object's resourceVersion on this replica misses nothing.
    if (object && object.revision > this.tailer.position) await this.waitForRevision(object.revision)
    return object
  }

  async getAt(key: ObjectKey, revision: Revision): Promise<StoredObject | undefined> {
    checkCommitted(revision, this.#bounds())
    const { compacted, rows } = await readObjectAt(this.pool, key, revision)
    checkStateReadable(revision, this.#boundsSeen(compacted))
    return rows[0]
  }

  async list(request: ListRequest): Promise<ListPage> {
    if (request.atRevision === undefined) {
      const { head, objects } = await readNewestPage(this.pool, request)
      await this.waitForRevision(head)
      return { revision: head, objects }
    }
    const revision = request.atRevision
    checkCommitted(revision, this.#bounds())
    const { compacted, rows } = await readPageAt(this.pool, request, revision)
    checkStateReadable(revision, this.#boundsSeen(compacted))
    return { revision, objects: rows }
  }

  async history(key: ObjectKey, page: HistoryPage): Promise<HistoryEntry[]> {
    const range = { ...page, upToRevision: page.afterRevision }
    checkCommitted(page.afterRevision, this.#bounds())
    const { compacted, rows } = await readHistory(this.pool, key, { ...page, upTo: this.tailer.position })
    checkLogReadable(range, this.#boundsSeen(compacted))
    return rows
  }

  async revisionAt(timeMs: number): Promise<Revision> {
    return asRevision(Math.min(await readRevisionAt(this.pool, timeMs), this.tailer.position))
  }

  async readEvents(range: EventRange): Promise<StoredEvent[]> {
    checkCommitted(range.upToRevision, this.#bounds())
    const { compacted, rows } = await readRange(this.pool, range)
    checkLogReadable(range, this.#boundsSeen(compacted))
    return rows
  }

  async close(): Promise<void> {
    await this.tailer.stop()
    await this.#listener?.stop()
    this.waiters.close()
    await this.pool.end()
  }

  /** the tailer published up to `position`: waits up to it end now */
  protected onPublished(position: Revision): void {
    this.waiters.release(position)
  }

  /** the compaction point only moves forward; another replica's compaction raises ours */
  protected sawCompaction(compacted: Revision): void {
    if (compacted > this.#compacted) this.#compacted = compacted
  }

  #bounds(): RevisionBounds {
    return { compacted: this.#compacted, current: this.tailer.position }
  }

  #boundsSeen(compacted: Revision): RevisionBounds {
    this.sawCompaction(compacted)
    return { compacted, current: this.tailer.position }
  }
}
