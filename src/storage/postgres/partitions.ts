import { inTransaction, type Pool } from './pg-pool.js'

// Replicas creating partitions take turns: ATTACH of the same range twice would fail.
const PARTITION_LOCK = 0x77617464

/** A range partition of the log: revisions [from, to). */
export interface LogPartition {
  table: string
  from: number
  to: number
}

/**
 * The log's range partitions: which exist, creating the ones writes will need, and dropping
 * whole old ones. Sizes are fixed in log_layout by the first replica, so every replica cuts the
 * same ranges.
 */
export class Partitions {
  #revisionsPer = 0
  // The end of the newest partition known to exist: writes below it need no DDL.
  #knownEnd = 0

  constructor(private readonly pool: Pool) {}

  /** records the partition size (if this is the first replica) and learns the one in force */
  async load(requestedRevisionsPer: number): Promise<void> {
    await this.pool.query('INSERT INTO log_layout (partition_revisions) VALUES ($1) ON CONFLICT (id) DO NOTHING', [requestedRevisionsPer])
    const { rows } = await this.pool.query<{ partition_revisions: number }>('SELECT partition_revisions FROM log_layout')
    this.#revisionsPer = rows[0]!.partition_revisions
    this.#knownEnd = Math.max(0, ...(await this.list()).map((p) => p.to))
  }

  get revisionsPer(): number {
    return this.#revisionsPer
  }

  /** true when a write of revisions up to `revision` may need a partition not known to exist */
  needsMoreFor(revision: number): boolean {
    return revision >= this.#knownEnd
  }

  /** the range partitions attached now, oldest first */
  async list(): Promise<LogPartition[]> {
    const { rows } = await this.pool.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'events'::regclass AND c.relname ~ '^events_[0-9]+$' AND NOT i.inhdetachpending`,
    )
    return rows.map((r) => this.#partitionAt(Number(r.table.slice('events_'.length)))).sort((a, b) => a.from - b.from)
  }

  /** the revision partitions are made up to ahead of `revision`: half a partition, so writes rarely wait for DDL */
  aheadOf(revision: number): number {
    return revision + Math.ceil(this.#revisionsPer / 2)
  }

  /**
   * Forgets which partitions exist: the next `ensure` asks the catalog. For a write that found no
   * partition for its row, which shows that what this replica knew is out of date.
   */
  forget(): void {
    this.#knownEnd = 0
  }

  /**
   * Makes sure partitions exist for revisions `first` to `last`. Each is created apart and then
   * attached: ATTACH takes only a SHARE UPDATE EXCLUSIVE lock on the log, which neither readers
   * nor writers wait for (CREATE TABLE … PARTITION OF would lock them all out). A range entirely
   * at or below the compaction point is never made again: compaction dropped it, and a replica
   * whose stream lags behind another's compaction would otherwise bring it back.
   */
  async ensure(first: number, last: number): Promise<void> {
    if (!this.needsMoreFor(last)) return
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK])
      const { rows: [state] } = await client.query<{ tables: string[]; compacted: number }>(
        `SELECT array(SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass) AS tables,
                (SELECT revision FROM compaction) AS compacted`,
      )
      const attached = new Set(state!.tables)
      for (let from = this.#startOf(first); from <= last; from += this.#revisionsPer) {
        const { table, to } = this.#partitionAt(from)
        if (attached.has(table) || to - 1 <= state!.compacted) continue
        await client.query(`CREATE TABLE IF NOT EXISTS ${table} (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`)
        await client.query(`ALTER TABLE events ATTACH PARTITION ${table} FOR VALUES FROM (${from}) TO (${to})`)
      }
    })
    this.#knownEnd = Math.max(this.#knownEnd, this.#partitionAt(this.#startOf(last)).to)
  }

  /**
   * Drops one partition whose rows compaction no longer needs (those it needs were moved to
   * events_retained first). DETACH … CONCURRENTLY takes no lock that readers or writers wait
   * for; it waits itself for the transactions that may still read the partition.
   */
  async drop(partition: LogPartition): Promise<void> {
    await this.pool.query(`ALTER TABLE events DETACH PARTITION ${partition.table} CONCURRENTLY`).catch((error: Error) => {
      // Another replica detached it first, or is detaching it now: fine, it goes either way.
      if (!/is not a partition|already pending detach|does not exist|was removed concurrently/.test(error.message)) throw error
    })
    await this.pool.query(`DROP TABLE IF EXISTS ${partition.table}`)
  }

  /**
   * Finishes what a replica that died mid-drop left: partitions pending detach, and detached
   * ones not dropped yet (a partition is created and attached in one transaction, so a log
   * table that is no partition was detached).
   */
  async finishInterruptedDrops(): Promise<void> {
    const { rows } = await this.pool.query<{ table: string; pending: boolean | null }>(
      `SELECT c.relname AS table, i.inhdetachpending AS pending FROM pg_class c
       LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'events'::regclass
       WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '^events_[0-9]+$'
         AND (i.inhrelid IS NULL OR i.inhdetachpending)`,
    )
    for (const { table, pending } of rows) {
      try {
        if (pending) await this.pool.query(`ALTER TABLE events DETACH PARTITION ${table} FINALIZE`)
        await this.pool.query(`DROP TABLE IF EXISTS ${table}`)
      } catch {
        // Another replica's drop of it is under way and finishes it.
      }
    }
  }

  #startOf(revision: number): number {
    return Math.floor((revision - 1) / this.#revisionsPer) * this.#revisionsPer + 1
  }

  #partitionAt(from: number): LogPartition {
    return { table: `events_${from}`, from, to: from + this.#revisionsPer }
  }
}
