import type { Database, Statement } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import type { JoinedObjects, ObjectKey, StoredObject } from '../storage.js'
import { AsOfPlanner } from './as-of-plan.js'
import { NEWEST_AT, asOfRows, asOfScopeOf, statementsByPlanAndScope, type AsOfPlan, type AsOfScope } from './as-of-rows.js'
import { JoinedHistoryPages } from './joined-history-pages.js'
import type { PageSource } from './list-page.js'
import { fromRawRows, toStoredObject, type RawObjectRow, type SnapshotPage } from './snapshot.js'

/**
 * State as it stood at a past revision, computed from the log: for each key that existed by then
 * (object_keys), its newest event at or before the revision, unless that event is a deletion.
 */
export class History implements PageSource {
  readonly #pages: Record<AsOfPlan, Record<AsOfScope, Statement>>
  readonly #getAt: Statement
  readonly #joinedPages: JoinedHistoryPages
  readonly #planner: AsOfPlanner

  constructor(db: Database) {
    this.#pages = statementsByPlanAndScope((plan, where) => db.prepare(asOfRows('e.namespace, e.name, e.revision, e.object', where, plan)).raw())
    this.#getAt = db.prepare(`
      SELECT e.resource, e.namespace, e.name, e.revision, e.object, e.type FROM object_keys k
      JOIN events e ON e.revision = ${NEWEST_AT}
      WHERE k.resource = :resource AND k.namespace = :namespace AND k.name = :name`)
    this.#joinedPages = new JoinedHistoryPages(db)
    this.#planner = new AsOfPlanner(db)
  }

  page(request: SnapshotPage, at: Revision): StoredObject[] {
    const { resource, namespace, after, limit } = request
    const params = { resource, at, limit, namespace, afterNamespace: after?.namespace, afterName: after?.name }
    const statement = this.#pages[this.#planner.planFor(at, limit)][asOfScopeOf(request)]
    const bound = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
    return fromRawRows(resource, statement.all(bound) as RawObjectRow[])
  }

  /** the same page as JSON array items joined by SQLite; undefined when no object follows */
  joinedPage(request: SnapshotPage, at: Revision): JoinedObjects | undefined {
    return this.#joinedPages.read(request, at, this.#planner.planFor(at, request.limit))
  }

  /** one object as it stood at `at`; undefined if it did not exist then */
  get(key: ObjectKey, at: Revision): StoredObject | undefined {
    const row = this.#getAt.get({ ...key, at }) as (Parameters<typeof toStoredObject>[0] & { type: string }) | undefined
    return row && row.type !== 'DELETED' ? toStoredObject(row) : undefined
  }
}
