import { asRevision, type Revision } from '../../api/resource-version.js'
import type { CommitPublisher } from '../../commits/commit.js'
import type { SnapshotCheck, Storage, StoredObject, Write, WriteOutcome, WriteResult } from '../storage.js'
import { decideWrite } from '../write-decision.js'
import type { CommittedBatch } from './commit-batch.js'
import { dropCompactedPartitions, raiseCompactionPoint } from './compaction.js'
import { applyMigrations } from './migrate.js'
import { Partitions } from './partitions.js'
import type { Pool } from './pg-pool.js'
import { PgReader, openReaderPool, readLogStart, type LogStart, type PgReaderOptions } from './pg-reader.js'
import { readObject } from './pg-reads.js'
import { checkSnapshotTables } from './snapshot-check.js'
import { PgWriteQueue } from './write-queue.js'

export interface PgStorageOptions extends PgReaderOptions {
  publisher: CommitPublisher
  /** revisions per partition of the log, fixed by the first replica on a new database (default 100 000) */
  partitionRevisions?: number
  /** metrics hook: size of each committed batch */
  onBatch?(size: number): void
}

const MAX_BATCH_WRITES = 1000
const SNAPSHOT_CHECK_ROWS = 256
const DEFAULT_PARTITION_REVISIONS = 100_000
// A committed batch whose revisions this replica cannot read back in this time (the database went
// away right after COMMIT) is reported as failed to its callers, though it committed.
const PUBLISH_WAIT_MS = 30_000

/**
 * Storage over a shared PostgreSQL database: one of any number of stateless replicas, every one
 * of which may write. Writes go in group-committed batches numbered by the counter row; every
 * replica's commits reach this replica's stream through the log tailer, its own without a read.
 */
export class PgStorage extends PgReader implements Storage {
  readonly #queue: PgWriteQueue
  readonly #partitions: Partitions

  static override async open(options: PgStorageOptions): Promise<PgStorage> {
    const pool = openReaderPool(options)
    try {
      await applyMigrations(pool)
      const partitions = new Partitions(pool)
      await partitions.load(options.partitionRevisions ?? DEFAULT_PARTITION_REVISIONS)
      const start = await readLogStart(pool)
      await partitions.ensure(start.head + 1, start.head + partitions.revisionsPer)
      const storage = new PgStorage(options, pool, start, partitions)
      await storage.startFollowing()
      return storage
    } catch (error) {
      await pool.end()
      throw error
    }
  }

  private constructor(options: PgStorageOptions, pool: Pool, start: LogStart, partitions: Partitions) {
    super(options, pool, start)
    this.#partitions = partitions
    this.#queue = new PgWriteQueue({
      pool,
      partitions,
      afterCommit: (batch) => this.#publishOwn(batch),
      knownHead: () => this.tailer.position,
      maxBatchSize: MAX_BATCH_WRITES,
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    })
  }

  write(write: Write): Promise<WriteResult> {
    return this.#queue.enqueue(write)
  }

  async preview(write: Write): Promise<WriteOutcome & { current?: StoredObject }> {
    const current = await readObject(this.pool, write.key)
    return { ...decideWrite(write, current), ...(current ? { current } : {}) }
  }

  async checkSnapshot(options: { tailRows?: number } = {}): Promise<SnapshotCheck> {
    const startedMs = performance.now()
    const check = await checkSnapshotTables(this.pool, options.tailRows ?? SNAPSHOT_CHECK_ROWS)
    return { ...check, elapsedMs: performance.now() - startedMs }
  }

  async compact(revision: Revision): Promise<void> {
    const upTo = asRevision(Math.min(revision, this.currentRevision()))
    if (upTo <= this.compactedRevision()) return
    // Refused from here on, on this replica at once and on the others from their next read.
    this.sawCompaction(upTo)
    await raiseCompactionPoint(this.pool, upTo)
    await dropCompactedPartitions(this.pool, this.#partitions, upTo)
  }

  override async close(): Promise<void> {
    // Queued writes commit and publish first (the tailer may be needed for that), then the rest stops.
    await this.#queue.close()
    await super.close()
  }

  protected override onPublished(position: Revision): void {
    super.onPublished(position)
    // The next partition exists long before writes reach it, so a write rarely waits for DDL.
    const ahead = this.#partitions.aheadOf(position)
    if (this.#partitions.needsMoreFor(ahead)) {
      this.#partitions.ensure(position + 1, ahead).catch((error: unknown) => this.log?.warn({ err: error }, 'log partition creation failed'))
    }
  }

  /** publishes this replica's commits in order: at once when they continue the stream, else after the tailer reads up to them */
  async #publishOwn(batch: CommittedBatch): Promise<void> {
    if (this.tailer.offer(batch.commits)) return
    const last = batch.commits.at(-1)!.revision
    this.tailer.wake()
    await this.waiters.wait(last, PUBLISH_WAIT_MS).catch(() => {
      throw new Error(`committed as revision ${last}, but this replica could not read the log up to it in ${PUBLISH_WAIT_MS} ms`)
    })
  }
}
