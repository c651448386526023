import type { Database, Statement } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { CommitType } from '../../commits/commit.js'
import { EVENT_COLUMNS, toHistoryEntry, toStoredEvent, type EventRow, type HistoryRow } from '../event-rows.js'
import { EVENT_LINE, type EventLines, type EventRange, type HistoryEntry, type ObjectKey, type StoredEvent, type WriteAudit } from '../storage.js'
import { boundLimit } from './bound-limit.js'

export interface AppendedEvent {
  revision: Revision
  type: CommitType
  key: ObjectKey
  json: string
  prevRevision: Revision | undefined
  audit: WriteAudit
}

type RangeScope = 'all' | 'resource' | 'namespace'

/** which range statement a range reads through, and the filter values it binds after the revisions */
function rangeScopeOf({ resource, namespace }: EventRange): { scope: RangeScope; filters: string[] } {
  if (resource === undefined) return { scope: 'all', filters: [] }
  return namespace === undefined ? { scope: 'resource', filters: [resource] } : { scope: 'namespace', filters: [resource, namespace] }
}
// The unary `+` keeps SQLite off any index on events that leads with the resource for ranges (there
// was one, events_by_key, before key_revisions): such an index is ordered by name before revision,
// so through it a page meant every event the namespace ever had, sorted (0.13 s per page at 300k
// events, catch-up 100k back never finished at 1M). Walking the revision range in key order stops
// at the page's limit and needs no sort (the bench's scaling table, catch-up rows).
const SCOPE_WHERE: Record<RangeScope, string> = { all: '', resource: ' AND +e.resource = ?', namespace: ' AND +e.resource = ? AND +e.namespace = ?' }

// The previous state comes with its row by primary key, in the same statement: a catch-up block
// for selector watchers is one read, not one more per row.
const rangeSql = (scope: RangeScope, withPrevious: boolean) =>
  `SELECT ${EVENT_COLUMNS}${withPrevious ? ', p.object AS prev_object' : ''} FROM events e
   ${withPrevious ? 'LEFT JOIN events p ON p.revision = e.prev_revision' : ''}
   WHERE e.revision > ? AND e.revision <= ?${SCOPE_WHERE[scope]} ORDER BY e.revision ${boundLimit()}`

// Each row's watch event line, built and joined in the read (EventLines), with the rows' revisions,
// types (first letters) and line lengths in the same statement: the objects' stored JSON is copied
// as bytes into one Buffer and never becomes a JS string or a Buffer of its own, and a block is one
// row for better-sqlite3 to hand over, not 256 (encoded-change.ts builds the same bytes from a string).
// group_concat joins rows in the order the subquery gives them (joined-pages.ts leans on the same).
const LINE_FRAMING_BYTES = EVENT_LINE.beforeType.length + EVENT_LINE.beforeObject.length + EVENT_LINE.afterObject.length
// The framing has no quote of SQL's own ('): it goes into the statement as literals.
const linesSql = (scope: RangeScope) =>
  `SELECT count(*), CAST(group_concat(line, '') AS BLOB), json_group_array(revision), group_concat(substr(type, 1, 1), ''), json_group_array(line_bytes)
   FROM (SELECT e.revision, e.type, '${EVENT_LINE.beforeType}' || e.type || '${EVENT_LINE.beforeObject}' || e.object || '${EVENT_LINE.afterObject}' AS line,
           ${LINE_FRAMING_BYTES} + length(e.type) + octet_length(e.object) AS line_bytes
         FROM events e WHERE e.revision > ? AND e.revision <= ?${SCOPE_WHERE[scope]} ORDER BY e.revision ${boundLimit()})`

const TYPE_OF_LETTER: Record<string, CommitType> = { A: 'ADDED', M: 'MODIFIED', D: 'DELETED' }

/**
 * The append-only log: one row per commit, its primary key the revision. Each row's key and its
 * (key id, revision) row come with it, from the database's own trigger (migrations/0006_key_revisions.sql).
 */
export class EventLog {
  readonly #append: Statement
  readonly #ranges = new Map<string, Statement>()
  readonly #lines = new Map<RangeScope, Statement>()
  readonly #history: Statement
  readonly #revisionAt: Statement

  constructor(db: Database) {
    this.#append = db.prepare(
      `INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const scope of Object.keys(SCOPE_WHERE) as RangeScope[]) {
      for (const withPrevious of [false, true]) this.#ranges.set(`${scope}|${withPrevious}`, db.prepare(rangeSql(scope, withPrevious)))
      this.#lines.set(scope, db.prepare(linesSql(scope)).raw())
    }
    // the key's revisions in order from key_revisions, each event by its primary key
    this.#history = db.prepare(
      `SELECT ${EVENT_COLUMNS}, e.verb, e.field_manager, e.user_agent, e.username
       FROM object_keys k JOIN key_revisions r ON r.key_id = k.key_id JOIN events e ON e.revision = r.revision
       WHERE k.resource = ? AND k.namespace = ? AND k.name = ? AND r.revision > ? ORDER BY r.revision ${boundLimit()}`,
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

  readRange(range: EventRange): StoredEvent[] {
    const { scope, filters } = rangeScopeOf(range)
    const statement = this.#ranges.get(`${scope}|${range.withPrevious === true}`)!
    const rows = statement.all(range.afterRevision, range.upToRevision, ...filters, range.limit) as EventRow[]
    return rows.map(toStoredEvent)
  }

  /** readRange's rows (never with previous states) as watch event lines */
  readLines(range: EventRange): EventLines {
    const { scope, filters } = rangeScopeOf(range)
    const [count, lines, revisions, typeLetters, lineBytes] = this.#lines.get(scope)!.get(range.afterRevision, range.upToRevision, ...filters, range.limit) as
      [number, Buffer | null, string, string | null, string]
    if (count === 0 || !lines) return { revisions: [], types: [], lineBytes: [], lines: Buffer.alloc(0) }
    return { revisions: JSON.parse(revisions) as Revision[], types: Array.from(typeLetters!, (letter) => TYPE_OF_LETTER[letter]!), lineBytes: JSON.parse(lineBytes) as number[], lines }
  }

  history(key: ObjectKey, afterRevision: Revision, limit: number): HistoryEntry[] {
    const rows = this.#history.all(key.resource, key.namespace, key.name, afterRevision, limit) as HistoryRow[]
    return rows.map(toHistoryEntry)
  }

  revisionAt(timeMs: number): Revision {
    return asRevision(this.#revisionAt.get(timeMs) as number)
  }
}
