import type { Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { StoredObject } from '../../storage/storage.js'
import { encodeContinue, type ContinueToken } from '../continue-token.js'
import type { ObjectFilter } from '../object-filter.js'
import type { RequestScope } from '../request-scope.js'
import { resolveListRevision } from '../resolve-list-revision.js'
import type { StoreContext } from '../store-context.js'

export interface ListQuery {
  filter: ObjectFilter
  /** at most this many items; undefined streams them all */
  limit?: number
  continueToken?: ContinueToken
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
}

/** One listed object: its stored JSON, and its parsed form when a filter already needed it. */
export interface ListedObject {
  stored: StoredObject
  object?: KubeObject
}

export interface ListPlan {
  revision: Revision
  /** pages of selected objects, read lazily so a huge list never sits in memory */
  pages: Generator<ListedObject[]>
  /** set once `pages` is exhausted, when a limit cut the list short */
  continue(): string | undefined
}

const PAGE_ROWS = 500

/** LIST: the objects selected at one revision, in key order, paginated. */
export async function listObjects(ctx: StoreContext, scope: RequestScope, query: ListQuery): Promise<ListPlan> {
  const resource = scope.definition.storageResource
  const revision = scope.asOf ?? (await resolveListRevision(ctx.storage, { resource, ...query }))
  let continueToken: string | undefined
  const namespace = scope.definition.isNamespaced && scope.namespace ? { namespace: scope.namespace } : {}
  function* pages(): Generator<ListedObject[]> {
    let after = query.continueToken && { namespace: query.continueToken.namespace, name: query.continueToken.name }
    let remaining = query.limit ?? Infinity
    for (;;) {
      // One row beyond the limit tells whether a continue token is needed.
      const wanted = query.filter.isEmpty ? Math.min(PAGE_ROWS, remaining + 1) : PAGE_ROWS
      const rows = ctx.storage.list({ resource, atRevision: revision, after, limit: wanted, ...namespace })
      const selected: ListedObject[] = []
      for (const stored of rows) {
        if (remaining === 0) {
          continueToken = encodeContinue({ revision, ...after! })
          break
        }
        after = { namespace: stored.key.namespace, name: stored.key.name }
        const listed = select(query.filter, stored)
        if (!listed) continue
        selected.push(listed)
        remaining -= 1
      }
      if (selected.length) yield selected
      if (rows.length < wanted || continueToken) return
    }
  }
  return { revision, pages: pages(), continue: () => continueToken }
}

function select(filter: ObjectFilter, stored: StoredObject): ListedObject | undefined {
  if (filter.isEmpty) return { stored }
  const object = JSON.parse(stored.json) as KubeObject
  return filter.matches(object) ? { stored, object } : undefined
}
