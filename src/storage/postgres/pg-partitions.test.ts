import assert from 'node:assert/strict'
import { test } from 'node:test'
import { needsPostgres, sharedPostgres } from '../../../test/support/postgres.js'
import { asRevision } from '../../api/resource-version.js'
import type { Write } from '../storage.js'
import { dropCompactedPartitions, raiseCompactionPoint } from './compaction.js'
import { applyMigrations } from './migrate.js'
import { Partitions } from './partitions.js'
import { openPool, type Pool } from './pg-pool.js'
import { PgWriteQueue } from './write-queue.js'

const create = (name: string): Write => ({
  key: { resource: 'configmaps', namespace: 'default', name }, precondition: { type: 'absent' }, audit: { verb: 'test' },
  apply: () => ({ type: 'put', object: { metadata: { name } } }),
})

/** a new database, migrated, and a pool on it; `replica()` gives each replica's view of the partitions */
async function database(revisionsPer: number) {
  const pool = openPool({ url: await (await sharedPostgres()).createDatabase(), maxConnections: 5, onError: () => {} })
  await applyMigrations(pool)
  const replica = async () => {
    const partitions = new Partitions(pool)
    await partitions.load(revisionsPer)
    return partitions
  }
  const tables = async () => (await pool.query<{ table: string }>(
    "SELECT c.relname AS table FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass AND c.relname <> 'events_retained'",
  )).rows.map((r) => r.table).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)))
  return { pool, replica, tables }
}

/** one replica's write queue, with no background partition making: only the queue's own */
function writeQueue(pool: Pool, partitions: Partitions) {
  let head = 0
  return new PgWriteQueue({
    pool, partitions, maxBatchSize: 10, knownHead: () => head,
    afterCommit: async (batch) => void (head = batch.commits.at(-1)?.revision ?? head),
  })
}

test('a write that finds no partition where this replica counted on one makes it before trying again', needsPostgres, async () => {
  const { pool, replica, tables } = await database(4)
  try {
    const partitions = await replica()
    await partitions.ensure(1, 8)
    assert.deepEqual(await tables(), ['events_1', 'events_5'])
    // The replica now counts on revisions 1–8 having partitions; events_5 goes behind its back.
    await pool.query('ALTER TABLE events DETACH PARTITION events_5')
    await pool.query('DROP TABLE events_5')
    const queue = writeQueue(pool, partitions)
    for (let i = 1; i <= 6; i++) {
      const result = await queue.enqueue(create(`cm-${i}`))
      assert.ok('commit' in result && result.commit.revision === i, `revision ${i} committed`)
    }
    assert.deepEqual(await tables(), ['events_1', 'events_5'])
    await queue.close()
  } finally {
    await pool.end()
  }
})

test('a replica whose stream lags behind another\'s compaction does not bring the dropped partitions back', needsPostgres, async () => {
  const { pool, replica, tables } = await database(4)
  try {
    const lagging = await replica()
    await lagging.ensure(1, 4)
    const compacting = await replica()
    const queue = writeQueue(pool, compacting)
    for (let i = 1; i <= 15; i++) await queue.enqueue(create(`cm-${i}`))
    await queue.close()
    await raiseCompactionPoint(pool, asRevision(12))
    assert.equal(await dropCompactedPartitions(pool, compacting, asRevision(12)), 3)
    assert.deepEqual(await tables(), ['events_13'])
    // The lagging replica publishes revision 7 and makes partitions half a partition ahead of it,
    // as PgStorage.onPublished does: 5–8 and 9–12 are compacted away, and stay so.
    await lagging.ensure(8, lagging.aheadOf(7))
    await lagging.ensure(12, lagging.aheadOf(15))
    assert.deepEqual(await tables(), ['events_13', 'events_17'])
  } finally {
    await pool.end()
  }
})
