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
  committedAtMs: row.committed_at,
})

const COLUMNS = 'revision, type, resource, namespace, name, object, prev_revision, committed_at'

/** The append-only log: one row per commit, its primary key the revision. */
export class EventLog {
  readonly #append: Statement
  readonly #recordKey: Statement
  readonly #byRevision: Statement
  readonly #range: Statement
  readonly #rangeOfResource: Statement
  readonly #rangeOfNamespace: Statement
  readonly #history: Statement
  readonly #revisionAt: Statement

  constructor(db: Database) {
    this.#append = db.prepare(
      `INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.#recordKey = db.prepare('INSERT OR IGNORE INTO object_keys (resource, namespace, name, first_revision) VALUES (?, ?, ?, ?)')
    this.#byRevision = db.prepare(`SELECT ${COLUMNS} FROM events WHERE revision = ?`)
    const range = `SELECT ${COLUMNS} FROM events WHERE revision > ? AND revision <= ?`
    this.#range = db.prepare(`${range} ORDER BY revision LIMIT ?`)
    this.#rangeOfResource = db.prepare(`${range} AND resource = ? ORDER BY revision LIMIT ?`)
    this.#rangeOfNamespace = db.prepare(`${range} AND resource = ? AND namespace = ? ORDER BY revision LIMIT ?`)
    this.#history = db.prepare(
      `SELECT ${COLUMNS}, verb, field_manager, user_agent, username FROM events
       WHERE resource = ? AND namespace = ? AND name = ? AND revision > ? ORDER BY revision LIMIT ?`,
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

  read(revision: Revision): StoredEvent | undefined {
    const row = this.#byRevision.get(revision) as EventRow | undefined
    return row && toStoredEvent(row)
  }

  readRange(range: EventRange): StoredEvent[] {
    const bounds = [range.afterRevision, range.upToRevision]
    const rows = (
      range.resource === undefined
        ? this.#range.all(...bounds, range.limit)
        : range.namespace === undefined
          ? this.#rangeOfResource.all(...bounds, range.resource, range.limit)
          : this.#rangeOfNamespace.all(...bounds, range.resource, range.namespace, range.limit)
    ) as EventRow[]
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
