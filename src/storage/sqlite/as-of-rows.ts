import { boundLimit } from './bound-limit.js'

/** The newest event of key `k` (an object_keys row) at or before :at: one seek on key_revisions. */
export const NEWEST_AT = `(SELECT max(r.revision) FROM key_revisions r WHERE r.key_id = k.key_id AND r.revision <= :at)`

// A key whose snapshot row (objects) is at or before :at has had no event since, so that row is
// its newest event at :at, and a live one: one seek on the snapshot's primary key (10k keys: ~100
// pages) instead of one on key_revisions (10k keys 1M events back: a leaf page per key). A key
// changed or deleted since takes the seek on key_revisions as before.
const SNAPSHOT_JOIN = 'LEFT JOIN objects o ON o.resource = k.resource AND o.namespace = k.namespace AND o.name = k.name'
const NEWEST_AT_SNAPSHOT_FIRST = `CASE WHEN o.revision <= :at THEN o.revision ELSE ${NEWEST_AT} END`

const LIMIT = boundLimit(':limit')

/**
 * How a past state's rows find each key's newest event: `seek` on key_revisions for every key, or
 * `snapshotFirst`, reading the snapshot's row first, which pays one more seek per key and saves
 * the key_revisions seek for every key unchanged since (10k keys, 1M events: ~0.4 µs more per key
 * when every key changed since, ~0.5 µs less when none did).
 * Both give the same rows (as-of-rows.test.ts holds that); as-of-plan.ts picks one per read.
 */
export type AsOfPlan = 'seek' | 'snapshotFirst'

/**
 * The rows of the state at :at, in key order, as `SELECT <columns> FROM …`: for each key of
 * :resource that existed by then (object_keys) and matches `where`, its newest event at or
 * before :at (`e`), unless that event is a deletion. At most :limit rows.
 */
export const asOfRows = (columns: string, where: string, plan: AsOfPlan = 'seek') => `
  SELECT ${columns}
  FROM object_keys k ${plan === 'snapshotFirst' ? SNAPSHOT_JOIN : ''}
  JOIN events e ON e.revision = ${plan === 'snapshotFirst' ? NEWEST_AT_SNAPSHOT_FIRST : NEWEST_AT}
  WHERE k.resource = :resource AND k.first_revision <= :at ${where} AND e.type != 'DELETED'
  ORDER BY k.namespace, k.name ${LIMIT}`

/** `where` for each scope: every namespace or one, from the start or after a key */
export const AS_OF_SCOPES = {
  all: '',
  allAfter: 'AND (k.namespace, k.name) > (:afterNamespace, :afterName)',
  namespace: 'AND k.namespace = :namespace',
  namespaceAfter: 'AND k.namespace = :namespace AND k.name > :afterName',
} as const

export type AsOfScope = keyof typeof AS_OF_SCOPES

export const asOfScopeOf = (page: { namespace?: string; after?: unknown }): AsOfScope =>
  page.namespace === undefined ? (page.after ? 'allAfter' : 'all') : (page.after ? 'namespaceAfter' : 'namespace')

const PLANS: readonly AsOfPlan[] = ['seek', 'snapshotFirst']

/** one prepared statement per plan and scope, from `prepare(plan, where)`: the past-state readers' table */
export function statementsByPlanAndScope<T>(prepare: (plan: AsOfPlan, where: string) => T): Record<AsOfPlan, Record<AsOfScope, T>> {
  const byScope = (plan: AsOfPlan) => Object.fromEntries(Object.entries(AS_OF_SCOPES).map(([scope, where]) => [scope, prepare(plan, where)])) as Record<AsOfScope, T>
  return Object.fromEntries(PLANS.map((plan) => [plan, byScope(plan)])) as Record<AsOfPlan, Record<AsOfScope, T>>
}
