import { notFound } from '../../api/errors.js'
import { parseResourceVersion } from '../../api/resource-version.js'
import type { StoredObject } from '../../storage/storage.js'
import { keyOf, qualifiedResourceOf } from '../object-key.js'
import type { RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { toApiError } from '../to-api-error.js'
import { servedStored } from '../version-conversion.js'

export interface GetQuery {
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
}

/**
 * GET one object: from the snapshot, or as it stood at a revision (`resourceVersionMatch=Exact`,
 * or the as-of view), computed from the log.
 */
export async function getObject(ctx: StoreContext, scope: RequestScope, query: GetQuery = {}): Promise<StoredObject> {
  const key = keyOf(scope, scope.name!)
  const exact = query.resourceVersionMatch === 'Exact' ? parseResourceVersion(query.resourceVersion) : undefined
  const at = scope.asOf ?? exact
  let stored: StoredObject | undefined
  try {
    // A revision from the future is waited for; storage refuses one it cannot read.
    if (at !== undefined) await ctx.storage.waitForRevision(at)
    stored = await (at === undefined ? ctx.storage.get(key) : ctx.storage.getAt(key, at))
  } catch (error) {
    throw toApiError(error, qualifiedResourceOf(scope), scope.name!)
  }
  if (!stored) throw notFound(qualifiedResourceOf(scope), scope.name!)
  return servedStored(scope.definition, stored)
}
