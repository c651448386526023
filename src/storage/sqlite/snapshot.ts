import type { Database, Statement } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { JoinedObjects, ObjectKey, StoredObject } from '../storage.js'
import { JoinedPages } from './joined-pages.js'
import { boundLimit } from './bound-limit.js'
import type { PageSource } from './list-page.js'

interface ObjectRow {
  resource: string
  namespace: string
  name: string
  revision: number
  object: string
}

export const toStoredObject = (row: ObjectRow): StoredObject => ({
  key: { resource: row.resource, namespace: row.namespace, name: row.name },
  revision: asRevision(row.revision),
  json: row.object,
})

/** A page row read with .raw(): namespace, name, revision, object. */
export type RawObjectRow = [string, string, number, string]

/** Page rows as StoredObjects; no per-row object with named fields is built on the way. */
export const fromRawRows = (resource: string, rows: RawObjectRow[]): StoredObject[] =>
  rows.map(([namespace, name, revision, json]) => ({ key: { resource, namespace, name }, revision: asRevision(revision), json }))

export interface SnapshotPage {
  resource: string
  namespace?: string
  after?: { namespace: string; name: string }
  limit: number
}

/**
 * The snapshot's rows with their JSON: a row names the log row of its object's last change, and the
 * JSON is that row's (migrations/0005). The join is one rowid read per object.
 */
export const OBJECTS_WITH_JSON = 'objects o JOIN events e ON e.revision = o.revision'

/** One object's snapshot row with its JSON, by key: (resource, namespace, name, revision, object). */
export const OBJECT_BY_KEY = `SELECT o.resource, o.namespace, o.name, o.revision, e.object FROM ${OBJECTS_WITH_JSON}
  WHERE o.resource = ? AND o.namespace = ? AND o.name = ?`

/** The current-state table: written in the commit transaction, read by get and list. */
export class Snapshot implements PageSource {
  readonly #get: Statement
  readonly #insert: Statement
  readonly #upsert: Statement
  readonly #delete: Statement
  readonly #pageAll: Statement
  readonly #pageAllAfter: Statement
  readonly #pageNamespace: Statement
  readonly #pageNamespaceAfter: Statement
  readonly #joinedPages: JoinedPages

  constructor(db: Database) {
    this.#get = db.prepare(OBJECT_BY_KEY)
    this.#insert = db.prepare('INSERT INTO objects (resource, namespace, name, revision, created_revision) VALUES (?, ?, ?, ?, ?)')
    this.#upsert = db.prepare(
      `INSERT INTO objects (resource, namespace, name, revision, created_revision) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision`,
    )
    this.#delete = db.prepare('DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?')
    // Pages read rows as arrays of the columns a list needs: no per-row object with named fields.
    const base = `SELECT o.namespace, o.name, o.revision, e.object FROM ${OBJECTS_WITH_JSON} WHERE o.resource = ?`
    this.#pageAll = db.prepare(`${base} ORDER BY o.namespace, o.name ${boundLimit()}`).raw()
    this.#pageAllAfter = db.prepare(`${base} AND (o.namespace, o.name) > (?, ?) ORDER BY o.namespace, o.name ${boundLimit()}`).raw()
    this.#pageNamespace = db.prepare(`${base} AND o.namespace = ? ORDER BY o.name ${boundLimit()}`).raw()
    this.#pageNamespaceAfter = db.prepare(`${base} AND o.namespace = ? AND o.name > ? ORDER BY o.name ${boundLimit()}`).raw()
    this.#joinedPages = new JoinedPages(db)
  }

  get(key: ObjectKey): StoredObject | undefined {
    const row = this.#get.get(key.resource, key.namespace, key.name) as ObjectRow | undefined
    return row && toStoredObject(row)
  }

  /** the object's state is now the log row at `revision` */
  put(key: ObjectKey, revision: Revision): void {
    this.#upsert.run(key.resource, key.namespace, key.name, revision, revision)
  }

  /** inserts a new object, its state the log row at `revision`; throws SQLITE_CONSTRAINT_PRIMARYKEY when the key exists (one statement, no read) */
  insert(key: ObjectKey, revision: Revision): void {
    this.#insert.run(key.resource, key.namespace, key.name, revision, revision)
  }

  delete(key: ObjectKey): void {
    this.#delete.run(key.resource, key.namespace, key.name)
  }

  page(request: SnapshotPage): StoredObject[] {
    const { resource, namespace, after, limit } = request
    const rows = (
      namespace === undefined
        ? after
          ? this.#pageAllAfter.all(resource, after.namespace, after.name, limit)
          : this.#pageAll.all(resource, limit)
        : after
          ? this.#pageNamespaceAfter.all(resource, namespace, after.name, limit)
          : this.#pageNamespace.all(resource, namespace, limit)
    ) as RawObjectRow[]
    return fromRawRows(resource, rows)
  }

  /** a page as JSON array items joined by SQLite; undefined when no object follows */
  joinedPage(request: SnapshotPage): JoinedObjects | undefined {
    return this.#joinedPages.read(request)
  }
}
