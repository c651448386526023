import type { Write, WriteResult } from '../storage.js'
import type { BatchOutcome } from './commit-write.js'
import { released } from './released.js'

interface Pending {
  write: Write
  resolve(result: WriteResult): void
  reject(error: unknown): void
}

/** Makes a committed batch durable: off the event loop (`sync`), or blocking (`syncNow`, at close). */
export interface CommittedSync {
  sync(done: (error: Error | null) => void): void
  syncNow(): void
}

export interface WriteQueueOptions {
  /** runs one batch in one transaction; throws if the transaction itself fails */
  commitBatch(writes: readonly Write[]): BatchOutcome[]
  /** called once the batch is durable, with its outcomes, before any caller is resolved */
  afterCommit(outcomes: readonly BatchOutcome[]): void
  /** without it a batch is durable at COMMIT (synchronous=FULL, or no durability asked for) */
  committedSync?: CommittedSync
  /** upper bound on writes per transaction, so one batch never holds the loop for long */
  maxBatchSize: number
  /** records each batch's size (metrics) */
  onBatch?(size: number): void
}

/**
 * Group commit: writes queue up, and the queue drains once per turn of the event loop in one
 * transaction, so N concurrent writes cost one fsync. Each caller settles once its batch is durable.
 * With a `committedSync`, one batch at a time is between COMMIT and durable: the writes arriving
 * meanwhile wait for the next batch, and `unsettled()` lets readers wait until it is published.
 */
export class WriteQueue {
  #pending: Pending[] = []
  #isScheduled = false
  #isClosed = false
  #failure: Error | undefined
  /** resolves when the batch between COMMIT and durable has been published and its callers settled */
  #unsettled: Promise<void> | undefined
  /** while holds taken by holdBatches() are not all released, no batch starts; `over` resolves at the last release */
  #held: { count: number; over: Promise<void>; resolve(): void } | undefined

  constructor(private readonly options: WriteQueueOptions) {}

  enqueue(write: Write): Promise<WriteResult> {
    if (this.#isClosed) return Promise.reject(new Error('storage is closed'))
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject })
      this.#schedule()
    })
  }

  /** pending while a committed batch is not yet durable; reads of the current state wait for it */
  unsettled(): Promise<void> | undefined {
    return this.#unsettled
  }

  /**
   * Starts no batch until the returned release is called; resolves once no batch is between COMMIT
   * and durable either, so the database sees no write from this queue meanwhile (the checkpointer
   * finishes a checkpoint in that quiet). Writes still queue, and go in the first batch after.
   */
  async holdBatches(): Promise<() => void> {
    const held = (this.#held ??= { count: 0, ...released() })
    held.count++
    while (this.#unsettled) await this.#unsettled
    let isReleased = false
    return () => {
      if (isReleased) return
      isReleased = true
      if (--held.count === 0) {
        held.resolve()
        this.#held = undefined
      }
      this.#schedule()
    }
  }

  /** pending while batches are held (holdBatches): other writers to the database (compaction) wait it out too */
  heldUntil(): Promise<void> | undefined {
    return this.#held?.over
  }

  /** commits whatever is queued, each batch made durable before the next; then refuses writes */
  async close(): Promise<void> {
    this.#isClosed = true
    for (;;) {
      if (this.#unsettled) await this.#unsettled
      if (this.#pending.length === 0) return
      this.#drainOnce({ isBlocking: true })
    }
  }

  #schedule(): void {
    if (this.#isScheduled || this.#unsettled || this.#held || this.#pending.length === 0) return
    this.#isScheduled = true
    setImmediate(() => this.#drain())
  }

  #drain(): void {
    this.#isScheduled = false
    if (!this.#unsettled && !this.#held) this.#drainOnce({ isBlocking: false })
    this.#schedule()
  }

  #drainOnce(options: { isBlocking: boolean }): void {
    const batch = this.#pending.splice(0, this.options.maxBatchSize)
    if (batch.length === 0) return
    let outcomes: BatchOutcome[]
    try {
      outcomes = this.options.commitBatch(batch.map((p) => p.write))
    } catch (error) {
      for (const p of batch) p.reject(error)
      return
    }
    this.options.onBatch?.(batch.length)
    const committedSync = this.options.committedSync
    if (!committedSync) return this.#settle(batch, outcomes)
    if (options.isBlocking) {
      committedSync.syncNow()
      return this.#settle(batch, outcomes)
    }
    this.#unsettled = new Promise((resolve) => {
      committedSync.sync((error) => {
        this.#unsettled = undefined
        if (error) this.#fail(batch, error)
        else this.#settle(batch, outcomes)
        // Readers waiting for this batch continue in this callback's microtasks, before the next
        // batch can commit (that runs from setImmediate): they read exactly what was published.
        resolve()
        this.#schedule()
      })
    })
  }

  #settle(batch: readonly Pending[], outcomes: readonly BatchOutcome[]): void {
    this.options.afterCommit(outcomes)
    outcomes.forEach((outcome, i) => {
      const p = batch[i]!
      if ('result' in outcome) p.resolve(outcome.result)
      else p.reject(outcome.error)
    })
  }

  /**
   * The WAL could not be made durable. The batch is in the database but was never acknowledged or
   * published, and later revisions would follow rows nobody saw: refuse every write from now on, as
   * PostgreSQL stops on a failed fsync. A restart recovers what the disk holds.
   */
  #fail(batch: readonly Pending[], error: Error): void {
    this.#failure = new Error(`storage failed: the write-ahead log could not be synced (${error.message})`, { cause: error })
    for (const p of [...batch, ...this.#pending.splice(0)]) p.reject(this.#failure)
  }
}
