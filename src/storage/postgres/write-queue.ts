import type { Write, WriteResult } from '../storage.js'
import { commitBatch, type BatchOutcome, type CommittedBatch } from './commit-batch.js'
import type { Partitions } from './partitions.js'
import { inTransaction, isDatabaseError, type Pool } from './pg-pool.js'

interface Pending {
  write: Write
  resolve(result: WriteResult): void
  reject(error: unknown): void
}

export interface PgWriteQueueOptions {
  pool: Pool
  partitions: Partitions
  /** after COMMIT, in order: resolves once the batch's commits are published on this replica */
  afterCommit(batch: CommittedBatch): Promise<void>
  /** the newest revision this replica knows of, to create partitions ahead of the writes */
  knownHead(): number
  maxBatchSize: number
  onBatch?(size: number): void
}

// "no partition of relation "events" found for row": the batch reached a range no replica has
// created yet. It rolled back whole (its counter increment too), so it is safe to run again.
const isMissingPartition = (error: unknown) => isDatabaseError(error) && error.code === '23514' && /no partition/.test(error.message)

/**
 * Group commit over the shared database: writes queue up and go in batches, one batch in flight
 * at a time (the counter row serializes batches across replicas anyway). Each caller settles
 * after COMMIT and after its commit is published here: watchers have the event first, and a read
 * on this replica after the response sees the write.
 */
export class PgWriteQueue {
  #pending: Pending[] = []
  #draining: Promise<void> | undefined
  #isClosed = false

  constructor(private readonly options: PgWriteQueueOptions) {}

  enqueue(write: Write): Promise<WriteResult> {
    if (this.#isClosed) return Promise.reject(new Error('storage is closed'))
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject })
      // Writes that arrive in this turn of the event loop join the same batch.
      this.#draining ??= new Promise<void>((started) => setImmediate(started)).then(() => this.#drain())
    })
  }

  /** stops taking writes; resolves once every queued one is committed and settled */
  async close(): Promise<void> {
    this.#isClosed = true
    await this.#draining
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) await this.#run(this.#pending.splice(0, this.options.maxBatchSize))
    this.#draining = undefined
  }

  async #run(batch: Pending[]): Promise<void> {
    let outcomes: BatchOutcome[]
    try {
      const committed = await this.#commitIsolatingFailures(batch.map((p) => p.write))
      outcomes = committed.outcomes
      this.options.onBatch?.(batch.length)
      for (const one of committed.batches) await this.options.afterCommit(one)
    } catch (error) {
      for (const p of batch) p.reject(error)
      return
    }
    outcomes.forEach((outcome, i) => {
      const p = batch[i]!
      if ('result' in outcome) p.resolve(outcome.result)
      else p.reject(outcome.error)
    })
  }

  /**
   * Preconditions and apply() fail alone without touching the database. A statement that fails
   * (a value the database refuses) aborts the whole transaction; then each write goes again in a
   * transaction of its own, so only the one at fault fails.
   */
  async #commitIsolatingFailures(writes: readonly Write[]): Promise<{ outcomes: BatchOutcome[]; batches: CommittedBatch[] }> {
    try {
      const batch = await this.#commit(writes)
      return { outcomes: batch.outcomes, batches: [batch] }
    } catch (error) {
      if (!isDatabaseError(error) || writes.length === 1) throw error
    }
    const outcomes: BatchOutcome[] = []
    const batches: CommittedBatch[] = []
    for (const write of writes) {
      try {
        const batch = await this.#commit([write])
        outcomes.push(batch.outcomes[0]!)
        batches.push(batch)
      } catch (error) {
        outcomes.push({ error })
      }
    }
    return { outcomes, batches }
  }

  async #commit(writes: readonly Write[]): Promise<CommittedBatch> {
    const { pool, partitions } = this.options
    const head = this.options.knownHead()
    await partitions.ensure(head + 1, head + writes.length)
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(pool, (client) => commitBatch(client, writes, Date.now()))
      } catch (error) {
        if (!isMissingPartition(error) || attempt === 3) throw error
        // What this replica knows of the head or of the partitions is out of date: other replicas
        // moved the head past it, or a partition it counted on is not there. It forgets what it
        // knew (else the ensure below would trust it and change nothing) and makes partitions from
        // the head as it is now to half a partition ahead, a margin that writers moving the head
        // before this batch's next attempt would have to outrun.
        partitions.forget()
        const { rows } = await pool.query<{ revision: number }>('SELECT revision FROM revision_counter')
        await partitions.ensure(rows[0]!.revision + 1, partitions.aheadOf(rows[0]!.revision + writes.length))
      }
    }
  }
}
