import { notFound } from '../../api/errors.js'
import type { StoredObject } from '../../storage/storage.js'
import { keyOf, qualifiedResourceOf } from '../object-key.js'
import type { RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'

/** GET one object from the snapshot. TODO(#4): resourceVersion=R&resourceVersionMatch=Exact from history. */
export function getObject(ctx: StoreContext, scope: RequestScope): StoredObject {
  const stored = ctx.storage.get(keyOf(scope, scope.name!))
  if (!stored) throw notFound(qualifiedResourceOf(scope), scope.name!)
  return stored
}
