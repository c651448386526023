import type { Logger } from 'pino'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { Commit, CommitPublisher } from '../../commits/commit.js'
import { commitOf } from './event-rows.js'
import type { Pool } from './pg-pool.js'
import { readRange } from './pg-reads.js'

export interface LogTailerOptions {
  pool: Pool
  publisher: CommitPublisher
  /** the revision the stream starts after: the database head when the replica started */
  startAfter: Revision
  /** how often it reads without being woken: enough on its own for correctness */
  pollIntervalMs: number
  /** rows per read */
  pageRows: number
  /** after each publish, in the same synchronous step: release the waits up to `position` */
  onPublished(position: Revision): void
  /** the compaction point each read saw (another replica may have compacted) */
  onCompactionSeen(compacted: Revision): void
  log?: Logger
}

const NO_END = asRevision(Number.MAX_SAFE_INTEGER)

/**
 * Follows the shared log into this replica's commit stream: `WHERE revision > position ORDER BY
 * revision`, published in order, never skipping a revision. The counter row makes revisions
 * visible in commit order, so a read that sees revision r sees every one before it; a missing
 * revision is waited for, not skipped. NOTIFY and local writes only wake it sooner; the poll
 * alone keeps it correct (PgBouncer in transaction mode carries no LISTEN).
 */
export class LogTailer {
  #position: Revision
  #reading: Promise<void> | undefined
  #isWoken = false
  #isStopped = false
  #timer: NodeJS.Timeout | undefined
  #failures = 0
  #hasFallenBehind = false

  constructor(private readonly options: LogTailerOptions) {
    this.#position = options.startAfter
  }

  /** the newest revision published to this replica's stream */
  get position(): Revision {
    return this.#position
  }

  start(): void {
    const tick = () => {
      this.wake()
      this.#timer = setTimeout(tick, this.options.pollIntervalMs).unref()
    }
    this.#timer = setTimeout(tick, this.options.pollIntervalMs).unref()
  }

  /** reads now (or right after the read in flight): a NOTIFY, a local commit, a reader waiting */
  wake(): void {
    if (this.#isStopped) return
    if (this.#reading) {
      this.#isWoken = true
      return
    }
    this.#reading = this.#readUntilCaughtUp().finally(() => (this.#reading = undefined))
  }

  /**
   * Publishes commits this replica just wrote when they continue the stream, without reading them
   * back; returns false when other commits come first (then the tailer reads them all in order).
   */
  offer(commits: readonly Commit[]): boolean {
    this.#publishContiguous(commits)
    return commits.length === 0 || this.#position >= commits.at(-1)!.revision
  }

  async stop(): Promise<void> {
    this.#isStopped = true
    clearTimeout(this.#timer)
    await this.#reading
  }

  async #readUntilCaughtUp(): Promise<void> {
    let isPageFull = false
    do {
      this.#isWoken = false
      try {
        isPageFull = await this.#readOnce()
        this.#failures = 0
      } catch (error) {
        // The database is away (a restart): the poll tries again; nothing is published meanwhile.
        if (this.#failures++ === 0) this.options.log?.warn({ err: error }, 'log tail failed')
        return
      }
    } while ((this.#isWoken || isPageFull) && !this.#isStopped)
  }

  /** one read after the position; true when the page was full (more rows are waiting) */
  async #readOnce(): Promise<boolean> {
    const { pool, pageRows } = this.options
    const { compacted, rows } = await readRange(pool, { afterRevision: this.#position, upToRevision: NO_END, limit: pageRows, withPrevious: true })
    if (this.#isStopped) return false
    this.options.onCompactionSeen(compacted)
    const published = this.#publishContiguous(rows.map(commitOf))
    if (published < rows.length) this.#reportGap(rows[published]!.revision, compacted)
    return rows.length === pageRows && published === rows.length
  }

  /** publishes the commits that continue the stream at position + 1, in one synchronous step */
  #publishContiguous(commits: readonly Commit[]): number {
    let start = 0
    while (start < commits.length && commits[start]!.revision <= this.#position) start++
    let end = start
    while (end < commits.length && commits[end]!.revision === this.#position + 1 + (end - start)) end++
    if (end === start) return start
    const fresh = commits.slice(start, end)
    this.#position = fresh.at(-1)!.revision
    this.options.publisher.publish(fresh)
    this.options.onPublished(this.#position)
    return end
  }

  /**
   * A revision after the position is missing. Below the compaction point, compaction removed it
   * while this replica lagged: its stream can no longer be complete, and it stops rather than
   * skip (restart the replica). Otherwise it is waited for at the next read.
   */
  #reportGap(nextSeen: Revision, compacted: Revision): void {
    const missing = this.#position + 1
    if (missing <= compacted) {
      if (!this.#hasFallenBehind) this.options.log?.error({ position: this.#position, compacted }, 'log tail fell behind compaction')
      this.#hasFallenBehind = true
      this.#isStopped = true
      return
    }
    this.options.log?.warn({ missing, nextSeen }, 'log tail waits for a missing revision')
  }
}
