import type { Write, WriteResult } from '../storage.js'
import type { BatchOutcome } from './commit-write.js'

interface Pending {
  write: Write
  resolve(result: WriteResult): void
  reject(error: unknown): void
}

export interface WriteQueueOptions {
  /** runs one batch in one transaction; throws if the transaction itself fails */
  commitBatch(writes: readonly Write[]): BatchOutcome[]
  /** called after COMMIT with the batch's outcomes, before any caller is resolved */
  afterCommit(outcomes: readonly BatchOutcome[]): void
  /** upper bound on writes per transaction, so one batch never holds the loop for long */
  maxBatchSize: number
  /** records each batch's size (metrics) */
  onBatch?(size: number): void
}

/**
 * Group commit: writes queue up, and the queue drains once per turn of the event loop in one
 * transaction, so N concurrent writes cost one fsync. Each caller settles after COMMIT.
 */
export class WriteQueue {
  #pending: Pending[] = []
  #isScheduled = false
  #isClosed = false

  constructor(private readonly options: WriteQueueOptions) {}

  enqueue(write: Write): Promise<WriteResult> {
    if (this.#isClosed) return Promise.reject(new Error('storage is closed'))
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject })
      if (!this.#isScheduled) {
        this.#isScheduled = true
        setImmediate(() => this.#drain())
      }
    })
  }

  /** commits whatever is queued now; used at close */
  flush(): void {
    while (this.#pending.length > 0) this.#drainOnce()
  }

  close(): void {
    this.flush()
    this.#isClosed = true
  }

  #drain(): void {
    this.#isScheduled = false
    this.#drainOnce()
    if (this.#pending.length > 0 && !this.#isScheduled) {
      this.#isScheduled = true
      setImmediate(() => this.#drain())
    }
  }

  #drainOnce(): void {
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
    this.options.afterCommit(outcomes)
    outcomes.forEach((outcome, i) => {
      const p = batch[i]!
      if ('result' in outcome) p.resolve(outcome.result)
      else p.reject(outcome.error)
    })
  }
}
