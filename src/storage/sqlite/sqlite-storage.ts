import type { Database } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { Commit, CommitPublisher } from '../../commits/commit.js'
import { checkCommitted, checkLogReadable, checkStateReadable, type RevisionBounds } from '../revision-rules.js'
import { RevisionWaiters } from '../revision-waiters.js'
import { REVISION_WAIT_MS, type EventLines, type EventRange, type HistoryEntry, type HistoryPage, type ListPage, type ListRequest, type ObjectKey, type SnapshotCheck, type Storage, type StoredEvent, type StoredObject, type Write, type WriteOutcome, type WriteResult } from '../storage.js'
import { makeCommitBatch, previewWrite, type BatchOutcome } from './commit-write.js'
import { compactLog, newestRevision, readCompactedRevision } from './compaction.js'
import { EventLog } from './event-log.js'
import { HistoryReader } from './history-connection.js'
import { readListPage } from './list-page.js'
import { openDatabase, type Durability } from './open-database.js'
import { Checkpointer, type CheckpointerOptions, type WritersPaused } from './checkpointer.js'
import { released } from './released.js'
import { Snapshot } from './snapshot.js'
import { WalSync } from './wal-sync.js'
import { findSnapshotMismatches, rebuildSnapshot } from './snapshot-check.js'
import { WriteQueue } from './write-queue.js'

export interface SqliteStorageOptions {
  /** database file path, or ':memory:' */
  path: string
  durability: Durability
  publisher: CommitPublisher
  /** metrics hook: size of each committed batch */
  onBatch?(size: number): void
  /** metrics hook: how long each WAL fdatasync took (durability full only) */
  onWalSync?(seconds: number): void
  /** metrics hook: how long writes were held while a checkpoint finished, so the WAL could rewind (checkpointer.ts) */
  onWalRewindHold?(seconds: number): void
  /** a checkpoint failed (the WAL keeps growing until one succeeds) */
  onCheckpointError?(message: string): void
  /** the checkpointer's pace and the WAL length it starts over at: its defaults unless a test needs a small WAL to act on */
  checkpoints?: Partial<Pick<CheckpointerOptions, 'intervalMs' | 'finishAtFrames'>>
}

const MAX_BATCH_WRITES = 1000
const SNAPSHOT_CHECK_ROWS = 256
const CHECKPOINT_INTERVAL_MS = 250

/** Storage over one SQLite database: the event log, the snapshot and history, written by one queue. */
export class SqliteStorage implements Storage {
  readonly #db: Database
  readonly #log: EventLog
  readonly #snapshot: Snapshot
  /** its connection opens with the first read at a past revision: a server that never reads one never pays for it */
  readonly #history: HistoryReader
  readonly #queue: WriteQueue
  #currentRevision: Revision
  #compactedRevision: Revision
  // Per-resource revision of the last change, so a list at revision R knows whether the snapshot
  // still shows R. Unknown since start counts as changed at start: conservative, never wrong.
  readonly #lastChange = new Map<string, Revision>()
  readonly #startRevision: Revision
  readonly #isFile: boolean
  readonly #checkpointer: Checkpointer | undefined
  readonly #walSync: WalSync | undefined
  readonly #waiters = new RevisionWaiters(() => this.#bounds())
  #isCompacting = false
  /** set while compaction is paused for the checkpointer (#quietWriters): its slices wait for `over` */
  #compactionPause: ReturnType<typeof released> | undefined

  constructor(options: SqliteStorageOptions) {
    this.#isFile = options.path !== ':memory:'
    // A durable file commits at NORMAL and syncs its WAL off the event loop (ADR 0018).
    this.#walSync = this.#isFile && options.durability === 'full' ? new WalSync(options.path, options.onWalSync) : undefined
    this.#db = openDatabase({ ...options, durability: this.#walSync ? 'normal' : options.durability, isCheckpointedElsewhere: this.#isFile })
    this.#log = new EventLog(this.#db)
    this.#snapshot = new Snapshot(this.#db)
    this.#history = new HistoryReader(this.#db)
    this.#compactedRevision = readCompactedRevision(this.#db)
    // Compaction may have removed the newest row (a deletion): the compaction point is a floor,
    // so a restart never hands out a revision twice.
    this.#currentRevision = newestRevision(this.#db)
    this.#startRevision = this.#currentRevision
    // Its worker starts once the WAL is large enough to need checkpoints (checkpointer.ts): a
    // server that only reads, or writes little, never pays for the thread.
    this.#checkpointer = this.#isFile
      ? new Checkpointer({
        path: this.#db.name,
        synchronous: options.durability,
        intervalMs: CHECKPOINT_INTERVAL_MS,
        ...options.checkpoints,
        quietWriters: () => this.#quietWriters(),
        onWritesHeld: options.onWalRewindHold,
        onError: (message) => options.onCheckpointError?.(message),
      })
      : undefined
    const commitBatch = makeCommitBatch({
      db: this.#db,
      log: this.#log,
      snapshot: this.#snapshot,
      currentRevision: () => this.#currentRevision,
    })
    this.#queue = new WriteQueue({
      commitBatch,
      afterCommit: (outcomes) => {
        options.publisher.publish(this.#recordCommits(outcomes))
        this.#waiters.release(this.#currentRevision)
      },
      ...(this.#walSync ? { committedSync: this.#walSync } : {}),
      maxBatchSize: MAX_BATCH_WRITES,
      onBatch: options.onBatch,
    })
  }

  currentRevision(): Revision {
    return this.#currentRevision
  }

  compactedRevision(): Revision {
    return this.#compactedRevision
  }

  waitForRevision(revision: Revision, options: { timeoutMs?: number } = {}): Promise<void> {
    return this.#waiters.wait(revision, options.timeoutMs ?? REVISION_WAIT_MS)
  }

  // Reads are synchronous inside (better-sqlite3) and resolve at once: one microtask, no event-loop
  // turn. Those that may see the newest rows first wait while a committed batch is not yet durable:
  // the connection already sees it, but nobody may before it is acknowledged and published.

  async get(key: ObjectKey): Promise<StoredObject | undefined> {
    await this.#published()
    return this.#snapshot.get(key)
  }

  async list(request: ListRequest): Promise<ListPage> {
    await this.#published()
    const revision = request.atRevision ?? this.#currentRevision
    checkCommitted(revision, this.#bounds())
    if (this.#isUnchangedSince(request.resource, revision)) return readListPage(this.#snapshot, request, revision)
    checkStateReadable(revision, this.#bounds())
    return readListPage(this.#history.history(), request, revision)
  }

  async getAt(key: ObjectKey, revision: Revision): Promise<StoredObject | undefined> {
    await this.#published()
    checkCommitted(revision, this.#bounds())
    if (this.#isUnchangedSince(key.resource, revision)) return this.#snapshot.get(key)
    checkStateReadable(revision, this.#bounds())
    return this.#history.history().get(key, revision)
  }

  async history(key: ObjectKey, page: HistoryPage): Promise<HistoryEntry[]> {
    await this.#published()
    checkLogReadable({ ...page, upToRevision: page.afterRevision }, this.#bounds())
    return this.#log.history(key, page.afterRevision, page.limit)
  }

  async revisionAt(timeMs: number): Promise<Revision> {
    await this.#published()
    return this.#log.revisionAt(timeMs)
  }

  async readEvents(range: EventRange): Promise<StoredEvent[]> {
    checkLogReadable(range, this.#bounds())
    return this.#log.readRange(range)
  }

  async readEventLines(range: EventRange): Promise<EventLines> {
    checkLogReadable(range, this.#bounds())
    return this.#log.readLines(range)
  }

  write(write: Write): Promise<WriteResult> {
    return this.#queue.enqueue(write)
  }

  async preview(write: Write): Promise<WriteOutcome & { current?: StoredObject }> {
    await this.#published()
    return previewWrite(this.#snapshot, write)
  }

  async compact(revision: Revision): Promise<void> {
    const upTo = asRevision(Math.min(revision, this.#currentRevision))
    if (upTo <= this.#compactedRevision) return
    // Reads at or before the new point are refused from the start, before rows begin to go.
    const previous = this.#compactedRevision
    this.#compactedRevision = upTo
    this.#isCompacting = true
    try {
      await compactLog(this.#db, { from: previous, upTo, writesInFlight: () => this.#queue.unsettled() ?? this.#queue.heldUntil() ?? this.#compactionPause?.over })
    } catch (error) {
      if (!this.#db.open) return
      throw error
    } finally {
      this.#isCompacting = false
    }
  }

  /**
   * Quiets the writers so the checkpointer can finish a pass and the WAL can start over. Compaction
   * writes ~90 MB/s of WAL outside the queue: held together with the writes, the finishing pass
   * copies and syncs what compaction wrote during the pass before, so the hold grows with
   * compaction's pace and the disk's syncs (measured 2-14 ms a hold here, 75-160 ms before the
   * worker synced after every pass). So compaction pauses alone first, the worker's next pass copies
   * what it wrote, and only then are the writes held, for a pass over the few frames they added
   * meanwhile (0.3-2 ms). Without rewinds during compaction, 1M rows grew the WAL to ~4 GB.
   */
  async #quietWriters(): Promise<WritersPaused> {
    if (this.#isCompacting && !this.#compactionPause) return { release: this.#pauseCompaction(), isQuiet: false }
    return { release: await this.#queue.holdBatches(), isQuiet: true }
  }

  #pauseCompaction(): () => void {
    const pause = (this.#compactionPause = released())
    return () => {
      if (this.#compactionPause === pause) this.#compactionPause = undefined
      pause.resolve()
    }
  }

  async checkSnapshot(options: { tailRows?: number } = {}): Promise<SnapshotCheck> {
    const startedMs = performance.now()
    const found = findSnapshotMismatches(this.#db, options.tailRows ?? SNAPSHOT_CHECK_ROWS)
    const rebuilt = found.mismatches.length > 0 ? rebuildSnapshot(this.#db) : undefined
    // Every resource may have changed under the in-memory view of when each last changed.
    if (rebuilt) this.#lastChange.clear()
    return { ...found, isRebuilt: rebuilt !== undefined, ...(rebuilt ? { rebuiltObjects: rebuilt.objects } : {}), elapsedMs: performance.now() - startedMs }
  }

  async close(): Promise<void> {
    await this.#queue.close()
    this.#walSync?.close()
    this.#waiters.close()
    await this.#checkpointer?.stop()
    this.#history.close()
    // Leave a checkpointed database behind: the next start opens a small WAL.
    if (this.#isFile) this.#db.pragma('wal_checkpoint(TRUNCATE)')
    this.#db.close()
  }

  /**
   * Resolves once the snapshot shows no more than what has been published. Log reads up to the
   * current revision need not wait: they are bounded by it.
   */
  async #published(): Promise<void> {
    for (let unsettled = this.#queue.unsettled(); unsettled; unsettled = this.#queue.unsettled()) await unsettled
  }

  #bounds(): RevisionBounds {
    return { compacted: this.#compactedRevision, current: this.#currentRevision }
  }

  /**
   * The snapshot still shows the state at `revision` when the resource has not changed since: the
   * answer is then exact, even below the compacted revision, and costs no log read.
   */
  #isUnchangedSince(resource: string, revision: Revision): boolean {
    return (this.#lastChange.get(resource) ?? this.#startRevision) <= revision
  }

  #recordCommits(outcomes: readonly BatchOutcome[]): Commit[] {
    const commits: Commit[] = []
    for (const outcome of outcomes) {
      if (!('result' in outcome) || !('commit' in outcome.result)) continue
      const commit = outcome.result.commit
      commits.push(commit)
      this.#lastChange.set(commit.resource, commit.revision)
      this.#currentRevision = commit.revision
    }
    return commits
  }
}
