import { asRevision, type Revision } from '../../api/resource-version.js'
import type { Commit, CommitType } from '../../commits/commit.js'
import type { ObjectKey, StoredObject, Write, WriteResult } from '../storage.js'
import { decideWrite, stampRevision } from '../write-decision.js'
import type { PoolClient } from './pg-pool.js'

/** One queued write's outcome: its result, or what it failed with (it fails alone). */
export type BatchOutcome = { result: WriteResult } | { error: unknown }

/** What a committed batch did: each write's outcome, and the commits in revision order. */
export interface CommittedBatch {
  outcomes: BatchOutcome[]
  commits: Commit[]
}

/** The channel NOTIFY wakes tailers on: one notification per committed batch, carrying the head revision. */
export const COMMITS_CHANNEL = 'watchplane_commits'

const keyId = (key: ObjectKey) => `${key.resource}\u0000${key.namespace}\u0000${key.name}`

/** The current rows of every key the batch writes: one statement. */
async function readCurrent(client: PoolClient, writes: readonly Write[]): Promise<Map<string, StoredObject>> {
  const keys = [...new Map(writes.map((w) => [keyId(w.key), w.key])).values()]
  const { rows } = await client.query<{ resource: string; namespace: string; name: string; revision: number; object: string }>(
    `SELECT o.resource, o.namespace, o.name, o.revision, o.object FROM objects o
     JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(resource, namespace, name)
       ON o.resource = k.resource AND o.namespace = k.namespace AND o.name = k.name`,
    [keys.map((k) => k.resource), keys.map((k) => k.namespace), keys.map((k) => k.name)],
  )
  return new Map(rows.map((r) => {
    const key = { resource: r.resource, namespace: r.namespace, name: r.name }
    return [keyId(key), { key, revision: asRevision(r.revision), json: r.object }]
  }))
}

interface LogRow {
  revision: Revision
  type: CommitType
  key: ObjectKey
  json: string
  prevRevision: Revision | undefined
  audit: Write['audit']
}

/**
 * Decides every write in order, in memory, on the rows read under the counter lock: a write sees
 * the ones before it in the batch (a create then a patch of the same key), and one whose
 * precondition or apply fails fails alone, before anything is written.
 */
function decideAll(writes: readonly Write[], current: Map<string, StoredObject | undefined>, base: number) {
  const outcomes: BatchOutcome[] = []
  const rows: LogRow[] = []
  const commits: Commit[] = []
  for (const write of writes) {
    const id = keyId(write.key)
    const before = current.get(id)
    try {
      const outcome = decideWrite(write, before)
      if (outcome.type === 'unchanged') {
        outcomes.push({ result: { unchanged: before! } })
        continue
      }
      const revision = asRevision(base + rows.length + 1)
      const json = stampRevision(outcome.object, revision)
      const type: CommitType = outcome.type === 'delete' ? 'DELETED' : before ? 'MODIFIED' : 'ADDED'
      current.set(id, type === 'DELETED' ? undefined : { key: write.key, revision, json })
      rows.push({ revision, type, key: write.key, json, prevRevision: before?.revision, audit: write.audit })
      const commit: Commit = { revision, type, ...write.key, objectJson: json, object: outcome.object, previousJson: before?.json }
      commits.push(commit)
      outcomes.push({ result: { commit } })
    } catch (error) {
      outcomes.push({ error })
    }
  }
  return { outcomes, rows, commits }
}

// One statement writes the batch: its log rows, each touched key's final state in the current
// table, the counter, and the NOTIFY (sent at COMMIT, and only if it commits). Commit times only
// move forward across replicas, whatever their clocks say.
const WRITE_SQL = `
  WITH counter AS (
    UPDATE revision_counter SET revision = revision + $12, committed_at = greatest(committed_at, $13)
    RETURNING revision, committed_at
  ), batch AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
      WITH ORDINALITY AS r(revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, n)
  ), log AS (
    INSERT INTO events (revision, partition_revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
    SELECT r.revision, r.revision, r.resource, r.namespace, r.name, r.type, r.object, r.prev_revision, r.verb, r.field_manager, r.user_agent, r.username, c.committed_at
    FROM batch r, counter c
  ), removed AS (
    DELETE FROM objects o USING batch r
    WHERE r.n = ANY($14::bigint[]) AND o.resource = r.resource AND o.namespace = r.namespace AND o.name = r.name
  ), stored AS (
    INSERT INTO objects (resource, namespace, name, revision, object)
    SELECT r.resource, r.namespace, r.name, r.revision, r.object FROM batch r WHERE r.n = ANY($15::bigint[])
    ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision, object = excluded.object
  )
  SELECT revision, pg_notify('${COMMITS_CHANNEL}', revision::text) FROM counter`

/** The statement's parameters: row columns as arrays, and which rows are each key's final state. */
function writeParams(rows: readonly LogRow[], nowMs: number): unknown[] {
  const last = new Map<string, number>()
  rows.forEach((row, i) => last.set(keyId(row.key), i + 1))
  const finalRows = [...last.values()]
  const column = <T>(pick: (row: LogRow) => T) => rows.map(pick)
  return [
    column((r) => r.revision), column((r) => r.key.resource), column((r) => r.key.namespace), column((r) => r.key.name),
    column((r) => r.type), column((r) => r.json), column((r) => r.prevRevision ?? null), column((r) => r.audit.verb),
    column((r) => r.audit.fieldManager ?? null), column((r) => r.audit.userAgent ?? null), column((r) => r.audit.username ?? null),
    rows.length, nowMs,
    finalRows.filter((n) => rows[n - 1]!.type === 'DELETED'),
    finalRows.filter((n) => rows[n - 1]!.type !== 'DELETED'),
  ]
}

/**
 * THE transaction's body, run inside BEGIN … COMMIT: lock the counter row (every writer of every
 * replica queues here, so the rows read next cannot change under us), read the current rows,
 * decide every write in memory, then write the batch in one statement. Four round trips
 * whatever the batch size. Returns `base`: the revision before the batch's first.
 */
export async function commitBatch(client: PoolClient, writes: readonly Write[], nowMs: number): Promise<CommittedBatch & { base: number }> {
  const { rows: [counter] } = await client.query<{ revision: number }>('SELECT revision FROM revision_counter FOR UPDATE')
  const base = counter!.revision
  const current: Map<string, StoredObject | undefined> = await readCurrent(client, writes)
  const { outcomes, rows, commits } = decideAll(writes, current, base)
  if (rows.length > 0) {
    const { rows: [written] } = await client.query<{ revision: number }>(WRITE_SQL, writeParams(rows, nowMs))
    if (written!.revision !== base + rows.length) throw new Error(`revision counter moved under its lock: ${base} + ${rows.length} ≠ ${written!.revision}`)
  }
  return { outcomes, commits, base }
}
