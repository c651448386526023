import type { Database, Statement } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import type { StoredObject } from '../storage.js'
import { toStoredObject, type SnapshotPage } from './snapshot.js'

/**
 * Lists as they stood at a past revision, computed from the log: for each key, its newest event
 * at or before the revision, unless that event is a deletion.
 */
export class History {
  readonly #pageAll: Statement
  readonly #pageAllAfter: Statement
  readonly #pageNamespace: Statement
  readonly #pageNamespaceAfter: Statement

  constructor(db: Database) {
    // The GROUP BY walks events_by_key in key order, so a page stops after `limit` live keys.
    const select = (where: string, order: string) => `
      SELECT e.resource, e.namespace, e.name, e.revision, e.object FROM (
        SELECT max(revision) AS revision FROM events
        WHERE resource = ? AND revision <= ? ${where}
        GROUP BY ${order}
      ) AS newest JOIN events e ON e.revision = newest.revision
      WHERE e.type != 'DELETED' ORDER BY ${order} LIMIT ?`
    this.#pageAll = db.prepare(select('', 'namespace, name'))
    this.#pageAllAfter = db.prepare(select('AND (namespace, name) > (?, ?)', 'namespace, name'))
    this.#pageNamespace = db.prepare(select('AND namespace = ?', 'namespace, name'))
    this.#pageNamespaceAfter = db.prepare(select('AND namespace = ? AND name > ?', 'namespace, name'))
  }

  page(request: SnapshotPage, atRevision: Revision): StoredObject[] {
    const { resource, namespace, after, limit } = request
    const rows =
      namespace === undefined
        ? after
          ? this.#pageAllAfter.all(resource, atRevision, after.namespace, after.name, limit)
          : this.#pageAll.all(resource, atRevision, limit)
        : after
          ? this.#pageNamespaceAfter.all(resource, atRevision, namespace, after.name, limit)
          : this.#pageNamespace.all(resource, atRevision, namespace, limit)
    return (rows as Parameters<typeof toStoredObject>[0][]).map(toStoredObject)
  }
}
