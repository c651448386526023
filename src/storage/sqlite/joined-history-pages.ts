import type { Database, Statement } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import type { JoinedObjects } from '../storage.js'
import { AS_OF_SCOPES, asOfRows, asOfScopeOf, statementsByPlanAndScope, type AsOfPlan, type AsOfScope } from './as-of-rows.js'
import type { SnapshotPage } from './snapshot.js'

type Key = { namespace: string; name: string }
type PageRow = [count: number, json: Buffer | null, lastKey: string | null]

// The last key comes back as namespace NUL name: a namespace holds no NUL, so the text sorts as
// the (namespace, name) pair does, and max() over the page's rows is its last key.
const joinedPage = (where: string, plan: AsOfPlan) => `
  SELECT count(*), CAST(group_concat(object, ',') AS BLOB), max(namespace || char(0) || name)
  FROM (${asOfRows('e.namespace, e.name, e.object', where, plan)})`

/**
 * Pages of the state at a past revision (history.ts) as JSON array items (JoinedObjects), as
 * joined-pages.ts reads the snapshot's: SQLite joins the objects of the page's newest events
 * with commas and hands back one Buffer, so no array, string or object is made per row and the
 * bytes go to the socket as they are. The rows come from one co-routine in key order (the walk
 * over object_keys), which group_concat keeps (joined-history-pages.test.ts holds that).
 */
export class JoinedHistoryPages {
  readonly #pages: Record<AsOfPlan, Record<AsOfScope, Statement>>
  /** whether a live key follows a key: one row of the state after it */
  readonly #follows: Record<'allAfter' | 'namespaceAfter', Statement>

  constructor(db: Database) {
    this.#pages = statementsByPlanAndScope((plan, where) => db.prepare(joinedPage(where, plan)).raw())
    const follows = (scope: 'allAfter' | 'namespaceAfter') => db.prepare(asOfRows('1', AS_OF_SCOPES[scope])).pluck()
    this.#follows = { allAfter: follows('allAfter'), namespaceAfter: follows('namespaceAfter') }
  }

  /** up to `limit` (at least 1) objects after `after` as they stood at `at`, read as `plan` says; undefined when none follow */
  read(request: SnapshotPage, at: Revision, plan: AsOfPlan): JoinedObjects | undefined {
    const { resource, namespace, after, limit } = request
    const [count, json, lastKey] = this.#pages[plan][asOfScopeOf(request)].get(paramsOf({ resource, namespace, after, at, limit })) as PageRow
    if (!json || lastKey === null) return undefined
    const last = splitKey(lastKey)
    return { json, count, ...(count === limit && this.#isFollowed({ resource, namespace, at }, last) ? { continueAfter: last } : {}) }
  }

  #isFollowed(request: { resource: string; namespace: string | undefined; at: Revision }, key: Key): boolean {
    const statement = request.namespace === undefined ? this.#follows.allAfter : this.#follows.namespaceAfter
    return statement.get(paramsOf({ ...request, after: key, limit: 1 })) !== undefined
  }
}

function splitKey(text: string): Key {
  const nul = text.indexOf('\0')
  return { namespace: text.slice(0, nul), name: text.slice(nul + 1) }
}

/** exactly the statement's named parameters: better-sqlite3 refuses a missing or undefined one */
function paramsOf(p: { resource: string; namespace: string | undefined; after: Key | undefined; at: Revision; limit: number }): Record<string, string | number> {
  return {
    resource: p.resource, at: p.at, limit: p.limit,
    ...(p.namespace === undefined ? {} : { namespace: p.namespace }),
    ...(p.after === undefined ? {} : p.namespace === undefined ? { afterNamespace: p.after.namespace, afterName: p.after.name } : { afterName: p.after.name }),
  }
}
