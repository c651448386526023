import { boundLimit } from './bound-limit.js'

// The newest event of key k at or before :at: one seek on events_by_key per key.
const NEWEST_AT = `(SELECT max(revision) FROM events i
  WHERE i.resource = k.resource AND i.namespace = k.namespace AND i.name = k.name AND i.revision <= :at)`

const LIMIT = boundLimit(':limit')

/**
 * The rows of the state at :at, in key order, as `SELECT <columns> FROM …`: for each key of
 * :resource that existed by then (object_keys) and matches `where`, its newest event at or
 * before :at (`e`), unless that event is a deletion. At most :limit rows.
 */
export const asOfRows = (columns: string, where: string) => `
  SELECT ${columns}
  FROM object_keys k JOIN events e ON e.revision = ${NEWEST_AT}
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
