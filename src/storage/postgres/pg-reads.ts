import type { Revision } from '../../api/resource-version.js'
import type { EventRange, HistoryEntry, ListRequest, ObjectKey, StoredEvent, StoredObject } from '../storage.js'
import { EVENT_COLUMNS, toHistoryEntry, toStoredEvent, type EventRow, type HistoryRow } from '../event-rows.js'
import { PREVIOUS_JOIN, REVISION_RANGE, toStoredObject } from './event-rows.js'
import type { Pool } from './pg-pool.js'

// Every read that a revision rule applies to brings the compaction point along from the same
// statement, so the same snapshot: if compaction removed rows the answer would need, the point
// it raised first is there too. The rows ride in a LATERAL join, so an empty answer still has it.
const withCompaction = (rowsSql: string, orderBy: string) =>
  `SELECT b.compacted, r.* FROM (SELECT revision AS compacted FROM compaction) b LEFT JOIN LATERAL (${rowsSql}) r ON true ORDER BY ${orderBy}`

/** Rows, and the compaction point in the snapshot they came from. */
export interface Compacted<T> {
  compacted: Revision
  rows: T[]
}

async function queryWithCompaction<R extends object>(pool: Pool, sql: string, params: unknown[], presentColumn: keyof R): Promise<Compacted<R>> {
  const { rows } = await pool.query<R & { compacted: Revision }>(sql, params)
  return { compacted: rows[0]!.compacted, rows: rows.filter((r) => r[presentColumn] !== null) }
}

type PageRow = { namespace: string; name: string; revision: number; object: string }

/** Keyset pagination on (namespace, name), within one namespace or across all. */
function pageFilter(request: ListRequest, alias: string, params: unknown[]): string {
  let sql = ''
  if (request.namespace !== undefined) sql += ` AND ${alias}.namespace = $${params.push(request.namespace)}`
  if (request.after) {
    sql += request.namespace !== undefined
      ? ` AND ${alias}.name > $${params.push(request.after.name)}`
      : ` AND (${alias}.namespace, ${alias}.name) > ($${params.push(request.after.namespace)}, $${params.push(request.after.name)})`
  }
  return sql
}

/** The newest state, one page, and the head revision of the same snapshot (a single statement). */
export async function readNewestPage(pool: Pool, request: ListRequest): Promise<{ head: Revision; objects: StoredObject[] }> {
  const params: unknown[] = [request.resource]
  const filter = pageFilter(request, 'o', params)
  const { rows } = await pool.query<PageRow & { head: Revision }>(
    `SELECT h.head, o.* FROM (SELECT revision AS head FROM revision_counter) h LEFT JOIN LATERAL (
       SELECT o.namespace, o.name, o.revision, o.object FROM objects o WHERE o.resource = $1${filter}
       ORDER BY o.namespace, o.name LIMIT $${params.push(request.limit)}) o ON true
     ORDER BY o.namespace, o.name`,
    params,
  )
  return { head: rows[0]!.head, objects: rows.filter((r) => r.name !== null).map((r) => toStoredObject(request.resource, r)) }
}

/**
 * The state at revision `at`, one page: objects not changed since `at` come from the current
 * table; for each key changed after `at` (a seek on recent partitions only), its newest event at
 * or before `at`, unless a deletion.
 */
export async function readPageAt(pool: Pool, request: ListRequest, at: Revision): Promise<Compacted<StoredObject>> {
  const params: unknown[] = [request.resource, at]
  const objectsFilter = pageFilter(request, 'o', params)
  const changedFilter = pageFilter(request, 'e', params)
  const rowsSql = `
    WITH changed AS (
      SELECT DISTINCT e.namespace, e.name FROM events e
      WHERE ${REVISION_RANGE('$2', `'9223372036854775807'`)} AND e.resource = $1${changedFilter}
    )
    SELECT s.* FROM (
      SELECT o.namespace, o.name, o.revision, o.object FROM objects o WHERE o.resource = $1 AND o.revision <= $2${objectsFilter}
      UNION ALL
      SELECT k.namespace, k.name, n.revision, n.object FROM changed k CROSS JOIN LATERAL (
        SELECT i.revision, i.type, i.object FROM events i
        WHERE i.resource = $1 AND i.namespace = k.namespace AND i.name = k.name AND i.revision <= $2
        ORDER BY i.revision DESC LIMIT 1) n
      WHERE n.type <> 'DELETED'
    ) s ORDER BY s.namespace, s.name LIMIT $${params.push(request.limit)}`
  const { compacted, rows } = await queryWithCompaction<PageRow>(pool, withCompaction(rowsSql, 'r.namespace, r.name'), params, 'name')
  return { compacted, rows: rows.map((r) => toStoredObject(request.resource, r)) }
}

/** One object from the current table. */
export async function readObject(pool: Pool, key: ObjectKey): Promise<StoredObject | undefined> {
  const { rows } = await pool.query<PageRow>(
    'SELECT namespace, name, revision, object FROM objects WHERE resource = $1 AND namespace = $2 AND name = $3',
    [key.resource, key.namespace, key.name],
  )
  return rows[0] && toStoredObject(key.resource, rows[0])
}

/** One object as it stood at `at`: its newest event at or before it, unless a deletion. */
export async function readObjectAt(pool: Pool, key: ObjectKey, at: Revision): Promise<Compacted<StoredObject>> {
  const rowsSql = `SELECT namespace, name, revision, type, object FROM events
    WHERE resource = $1 AND namespace = $2 AND name = $3 AND revision <= $4 ORDER BY revision DESC LIMIT 1`
  const { compacted, rows } = await queryWithCompaction<PageRow & { type: string }>(pool, withCompaction(rowsSql, 'r.revision'), [key.resource, key.namespace, key.name, at], 'revision')
  return { compacted, rows: rows.filter((r) => r.type !== 'DELETED').map((r) => toStoredObject(key.resource, r)) }
}

/** Log rows in (afterRevision, upToRevision], in revision order, with previous states when asked. */
export async function readRange(pool: Pool, range: EventRange): Promise<Compacted<StoredEvent>> {
  const params: unknown[] = [range.afterRevision, range.upToRevision]
  let filter = ''
  if (range.resource !== undefined) filter += ` AND e.resource = $${params.push(range.resource)}`
  if (range.namespace !== undefined) filter += ` AND e.namespace = $${params.push(range.namespace)}`
  const rowsSql = `SELECT ${EVENT_COLUMNS}${range.withPrevious ? ', prev.object AS prev_object' : ''} FROM events e
    ${range.withPrevious ? PREVIOUS_JOIN : ''}
    WHERE ${REVISION_RANGE('$1', '$2')}${filter} ORDER BY e.revision LIMIT $${params.push(range.limit)}`
  const { compacted, rows } = await queryWithCompaction<EventRow>(pool, withCompaction(rowsSql, 'r.revision'), params, 'revision')
  return { compacted, rows: rows.map(toStoredEvent) }
}

/** One object's log rows after a revision, up to `upTo`, with who made them. */
export async function readHistory(pool: Pool, key: ObjectKey, page: { afterRevision: Revision; upTo: Revision; limit: number }): Promise<Compacted<HistoryEntry>> {
  const rowsSql = `SELECT ${EVENT_COLUMNS}, e.verb, e.field_manager, e.user_agent, e.username FROM events e
    WHERE e.resource = $1 AND e.namespace = $2 AND e.name = $3 AND e.revision > $4 AND e.revision <= $5 ORDER BY e.revision LIMIT $6`
  const params = [key.resource, key.namespace, key.name, page.afterRevision, page.upTo, page.limit]
  const { compacted, rows } = await queryWithCompaction<HistoryRow>(pool, withCompaction(rowsSql, 'r.revision'), params, 'revision')
  return { compacted, rows: rows.map(toHistoryEntry) }
}

/** The newest revision committed at or before a time; commit times only move forward (revision_counter). */
export async function readRevisionAt(pool: Pool, timeMs: number): Promise<number> {
  const { rows } = await pool.query<{ revision: number }>(
    'SELECT revision FROM events WHERE committed_at <= $1 ORDER BY committed_at DESC, revision DESC LIMIT 1',
    [timeMs],
  )
  return rows[0]?.revision ?? 0
}
