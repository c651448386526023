import type { Database, Statement } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import type { ObjectKey, StoredObject } from '../storage.js'
import { fromRawRows, toStoredObject, type RawObjectRow, type SnapshotPage } from './snapshot.js'

// The newest event of key k at or before :at — one seek on events_by_key per key.
const NEWEST_AT = `(SELECT max(revision) FROM events i
  WHERE i.resource = k.resource AND i.namespace = k.namespace AND i.name = k.name AND i.revision <= :at)`

/**
 * State as it stood at a past revision, computed from the log: for each key that existed by then
 * (object_keys), its newest event at or before the revision, unless that event is a deletion.
 */
export class History {
  readonly #pageAll: Statement
  readonly #pageAllAfter: Statement
  readonly #pageNamespace: Statement
  readonly #pageNamespaceAfter: Statement
  readonly #getAt: Statement

  constructor(db: Database) {
    const select = (where: string) => db.prepare(`
      SELECT e.namespace, e.name, e.revision, e.object
      FROM object_keys k JOIN events e ON e.revision = ${NEWEST_AT}
      WHERE k.resource = :resource AND k.first_revision <= :at ${where} AND e.type != 'DELETED'
      ORDER BY k.namespace, k.name LIMIT :limit`).raw()
    this.#pageAll = select('')
    this.#pageAllAfter = select('AND (k.namespace, k.name) > (:afterNamespace, :afterName)')
    this.#pageNamespace = select('AND k.namespace = :namespace')
    this.#pageNamespaceAfter = select('AND k.namespace = :namespace AND k.name > :afterName')
    this.#getAt = db.prepare(`
      SELECT e.resource, e.namespace, e.name, e.revision, e.object, e.type FROM events e
      WHERE e.resource = :resource AND e.namespace = :namespace AND e.name = :name AND e.revision <= :at
      ORDER BY e.revision DESC LIMIT 1`)
  }

  page(request: SnapshotPage, at: Revision): StoredObject[] {
    const { resource, namespace, after, limit } = request
    const params = { resource, at, limit, namespace, afterNamespace: after?.namespace, afterName: after?.name }
    const statement = namespace === undefined
      ? (after ? this.#pageAllAfter : this.#pageAll)
      : (after ? this.#pageNamespaceAfter : this.#pageNamespace)
    const bound = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
    return fromRawRows(resource, statement.all(bound) as RawObjectRow[])
  }

  /** one object as it stood at `at`; undefined if it did not exist then */
  get(key: ObjectKey, at: Revision): StoredObject | undefined {
    const row = this.#getAt.get({ ...key, at }) as (Parameters<typeof toStoredObject>[0] & { type: string }) | undefined
    return row && row.type !== 'DELETED' ? toStoredObject(row) : undefined
  }
}
