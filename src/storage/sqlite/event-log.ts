import type { Database, Statement } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { CommitType } from '../../commits/commit.js'
import type { EventRange, HistoryEntry, ObjectKey, StoredEvent, WriteAudit } from '../storage.js'

interface EventRow {
  revision: number
  type: CommitType
  resource: string
  namespace: string
  name: string
  object: string
  prev_revision: number | null
  committed_at: number
  /** only when the read joined the previous row */
  prev_object?: string | null
}

interface HistoryRow extends EventRow {
  verb: string
  field_manager: string | null
  user_agent: string | null
  username: string | null
}

export interface AppendedEvent {
  revision: Revision
  type: CommitType
  key: ObjectKey
  json: string
  prevRevision: Revision | undefined
  audit: WriteAudit
}

const toStoredEvent = (row: EventRow): StoredEvent => ({
  revision: asRevision(row.revision),
  type: row.type,
  key: { resource: row.resource, namespace: row.namespace, name: row.name },
  json: row.object,
  prevRevision: row.prev_revision === null ? undefined : asRevision(row.prev_revision),
  ...(row.prev_object ? { previousJson: row.prev_object } : {}),
  committedAtMs: row.committed_at,
})

const COLUMNS = 'e.revision, e.type, e.resource, e.namespace, e.name, e.object, e.prev_revision, e.committed_at'

type RangeScope = 'all' | 'resource' | 'namespace'
const SCOPE_WHERE: Record<RangeScope, string> = { all: '', resource: ' AND e.resource = ?', namespace: ' AND e.resource = ? AND e.namespace = ?' }

// The previous state comes with its row by primary key, in the same statement: a catch-up block
// for selector watchers is one read, not one more per row.
const rangeSql = (scope: RangeScope, withPrevious: boolean) =>
  `SELECT ${COLUMNS}${withPrevious ? ', p.object AS prev_object' : ''} FROM events e
   ${withPrevious ? 'LEFT JOIN events p ON p.revision = e.prev_revision' : ''}
   WHERE e.revision > ? AND e.revision <= ?${SCOPE_WHERE[scope]} ORDER BY e.revision LIMIT ?`

/** The append-only log: one row per commit, its primary key the revision. */
export class EventLog {
  readonly #append: Statement
  readonly #recordKey: Statement
  readonly #ranges = new Map<string, Statement>()
  readonly #history: Statement
  readonly #revisionAt: Statement

  constructor(db: Database) {
    this.#append = db.prepare(
      `INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.#recordKey = db.prepare('INSERT OR IGNORE INTO object_keys (resource, namespace, name, first_revision) VALUES (?, ?, ?, ?)')
    for (const scope of Object.keys(SCOPE_WHERE) as RangeScope[]) {
      for (const withPrevious of [false, true]) this.#ranges.set(`${scope}|${withPrevious}`, db.prepare(rangeSql(scope, withPrevious)))
    }
    this.#history = db.prepare(
      `SELECT ${COLUMNS}, e.verb, e.field_manager, e.user_agent, e.username FROM events e
       WHERE e.resource = ? AND e.namespace = ? AND e.name = ? AND e.revision > ? ORDER BY e.revision LIMIT ?`,
    )
    this.#revisionAt = db.prepare('SELECT coalesce(max(revision), 0) FROM events WHERE committed_at <= ?').pluck()
  }

  append(event: AppendedEvent, nowMs: number): void {
    const { key, audit } = event
    this.#append.run(
      event.revision, key.resource, key.namespace, key.name, event.type, event.json, event.prevRevision ?? null,
      audit.verb, audit.fieldManager ?? null, audit.userAgent ?? null, audit.username ?? null, nowMs,
    )
  }

  /** remembers that a key exists from `revision` on, for lists as of a past revision */
  recordKey(key: ObjectKey, revision: Revision): void {
    this.#recordKey.run(key.resource, key.namespace, key.name, revision)
  }

  readRange(range: EventRange): StoredEvent[] {
    const { resource, namespace } = range
    const scope: RangeScope = resource === undefined ? 'all' : namespace === undefined ? 'resource' : 'namespace'
    const filters = resource === undefined ? [] : namespace === undefined ? [resource] : [resource, namespace]
    const statement = this.#ranges.get(`${scope}|${range.withPrevious === true}`)!
    const rows = statement.all(range.afterRevision, range.upToRevision, ...filters, range.limit) as EventRow[]
    return rows.map(toStoredEvent)
  }

  history(key: ObjectKey, afterRevision: Revision, limit: number): HistoryEntry[] {
    const rows = this.#history.all(key.resource, key.namespace, key.name, afterRevision, limit) as HistoryRow[]
    return rows.map((row) => ({
      ...toStoredEvent(row),
      audit: {
        verb: row.verb,
        ...(row.field_manager ? { fieldManager: row.field_manager } : {}),
        ...(row.user_agent ? { userAgent: row.user_agent } : {}),
        ...(row.username ? { username: row.username } : {}),
      },
    }))
  }

  revisionAt(timeMs: number): Revision {
    return asRevision(this.#revisionAt.get(timeMs) as number)
  }
}
