import { LOG_COLUMNS, type LogRow } from '../bundle/bundle-format.js'
import type { LogSink, LogSource } from '../bundle/log-archive.js'
import { applyMigrations } from './migrate.js'
import { Partitions } from './partitions.js'
import { inTransaction, type Pool } from './pg-pool.js'

/** The shared log, read in one REPEATABLE READ transaction: one revision, while replicas keep writing. */
export function pgLogSource(pool: Pool): LogSource {
  return {
    inSnapshot: (body) => inTransaction(pool, async (client) => {
      const { rows: [facts] } = await client.query<{ current: number; compacted: number; events: number }>(
        'SELECT (SELECT revision FROM revision_counter) AS current, (SELECT revision FROM compaction) AS compacted, (SELECT count(*) FROM events) AS events',
      )
      return body({
        currentRevision: facts!.current,
        compactedRevision: facts!.compacted,
        eventCount: facts!.events,
        rowsAfter: async (revision, limit) =>
          (await client.query<LogRow>(`SELECT ${LOG_COLUMNS.join(', ')} FROM events WHERE revision > $1 ORDER BY revision LIMIT $2`, [revision, limit])).rows,
      })
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
  }
}

// A batch of imported rows: the log rows as they were (revision, audit, commit time), and each
// touched key's final state in the current table, as the commits made it.
const IMPORT_SQL = `
  WITH batch AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[])
      WITH ORDINALITY AS r(revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at, n)
  ), log AS (
    INSERT INTO events (revision, partition_revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
    SELECT revision, revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at FROM batch
  ), removed AS (
    DELETE FROM objects o USING batch r
    WHERE r.n = ANY($13::bigint[]) AND o.resource = r.resource AND o.namespace = r.namespace AND o.name = r.name
  )
  INSERT INTO objects (resource, namespace, name, revision, object)
  SELECT r.resource, r.namespace, r.name, r.revision, r.object FROM batch r WHERE r.n = ANY($14::bigint[])
  ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision, object = excluded.object`

function importParams(rows: readonly LogRow[]): unknown[] {
  const last = new Map<string, number>()
  rows.forEach((row, i) => last.set(JSON.stringify([row.resource, row.namespace, row.name]), i + 1))
  const finalRows = [...last.values()]
  const columns = (['revision', 'resource', 'namespace', 'name', 'type', 'object', 'prev_revision', 'verb', 'field_manager', 'user_agent', 'username', 'committed_at'] as const)
    .map((column) => rows.map((row) => row[column]))
  return [...columns, finalRows.filter((n) => rows[n - 1]!.type === 'DELETED'), finalRows.filter((n) => rows[n - 1]!.type !== 'DELETED')]
}

/**
 * An empty shared log filled from a bundle: migrated first, rows in range partitions, the current
 * table replayed, then the counter and the compaction point set to the source's. Import before any
 * replica runs on the database: the counter row is locked per batch, but a replica's stream would
 * start in the middle of the history.
 */
export async function openPgLogSink(pool: Pool, partitionRevisions: number): Promise<LogSink> {
  await applyMigrations(pool)
  const partitions = new Partitions(pool)
  await partitions.load(partitionRevisions)
  return {
    isEmpty: async () => {
      const { rows } = await pool.query<{ empty: boolean }>(
        'SELECT NOT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM objects) AND (SELECT revision FROM revision_counter) = 0 AS empty',
      )
      return rows[0]!.empty
    },
    append: async (rows) => {
      if (rows.length === 0) return
      await partitions.ensure(rows[0]!.revision, rows.at(-1)!.revision)
      await inTransaction(pool, async (client) => {
        await client.query('SELECT revision FROM revision_counter FOR UPDATE')
        await client.query(IMPORT_SQL, importParams(rows))
      })
    },
    finish: async ({ currentRevision, compactedRevision }) => {
      await inTransaction(pool, async (client) => {
        await client.query('UPDATE revision_counter SET revision = $1, committed_at = (SELECT coalesce(max(committed_at), 0) FROM events)', [currentRevision])
        await client.query('UPDATE compaction SET revision = $1', [compactedRevision])
      })
      await partitions.ensure(currentRevision + 1, currentRevision + partitions.revisionsPer)
    },
  }
}
