import type { Database, Statement } from 'better-sqlite3'
import type { JoinedObjects } from '../storage.js'
import { OBJECTS_WITH_JSON, type SnapshotPage } from './snapshot.js'

type KeyRow = [namespace: string, name: string]

/** The statements of one scope: every namespace, or one. */
interface ScopeStatements {
  /** the page's last key and the one after it (LIMIT 2 OFFSET limit - 1) */
  keys: Statement
  /** count and joined objects up to and including a key */
  upTo: Statement
  /** count and joined objects to the end */
  rest: Statement
}

const joinedAfter = (where: string) => `SELECT count(*), CAST(group_concat(e.object, ',') AS BLOB) FROM ${OBJECTS_WITH_JSON} WHERE ${where}`

/**
 * Snapshot pages as JSON array items (JoinedObjects): SQLite joins the page's stored objects with
 * commas and hands back one Buffer, so a page costs one allocation instead of an array, a string
 * and an object per row, and its bytes go to the socket without being measured and encoded again.
 * group_concat joins rows in the order it reads them: one range SEARCH on the snapshot's primary
 * key, which is the list's key order, each row then reading its JSON from the log row it names by
 * rowid (joined-pages.test.ts holds that order). `group_concat(… ORDER BY …)` would
 * say so itself but sorts the page again in a temporary b-tree, doubling the read.
 */
export class JoinedPages {
  readonly #all: ScopeStatements
  readonly #namespace: ScopeStatements

  constructor(db: Database) {
    // Resuming after ('', '') starts at the first key: names are never empty.
    const all = 'o.resource = ? AND (o.namespace, o.name) > (?, ?)'
    const namespace = 'o.resource = ? AND o.namespace = ? AND o.name > ?'
    this.#all = {
      keys: db.prepare(`SELECT namespace, name FROM objects o WHERE ${all} ORDER BY namespace, name LIMIT 2 OFFSET ?`).raw(),
      upTo: db.prepare(joinedAfter(`${all} AND (o.namespace, o.name) <= (?, ?)`)).raw(),
      rest: db.prepare(joinedAfter(all)).raw(),
    }
    this.#namespace = {
      keys: db.prepare(`SELECT namespace, name FROM objects o WHERE ${namespace} ORDER BY name LIMIT 2 OFFSET ?`).raw(),
      upTo: db.prepare(joinedAfter(`${namespace} AND o.name <= ?`)).raw(),
      rest: db.prepare(joinedAfter(namespace)).raw(),
    }
  }

  /** up to `limit` (at least 1) objects after `after`; undefined when none follow */
  read(request: SnapshotPage): JoinedObjects | undefined {
    const { resource, namespace, limit } = request
    const after = request.after ?? { namespace: '', name: '' }
    const statements = namespace === undefined ? this.#all : this.#namespace
    const from = namespace === undefined ? [resource, after.namespace, after.name] : [resource, namespace, after.name]
    const [last, next] = statements.keys.all(...from, limit - 1) as KeyRow[]
    const upTo = namespace === undefined ? last : last && [last[1]]
    const [count, json] = (upTo ? statements.upTo.get(...from, ...upTo) : statements.rest.get(...from)) as [number, Buffer | null]
    if (!json) return undefined
    return { json, count, ...(last && next ? { continueAfter: { namespace: last[0], name: last[1] } } : {}) }
  }
}
