import type { RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { deleteObject, type DeleteOptions, type DeleteResult } from './delete.js'
import { listObjects, type ListQuery } from './list.js'

/** DELETE on a collection: every selected object, each its own write (they share one group commit). */
export async function deleteCollection(
  ctx: StoreContext,
  scope: RequestScope,
  query: Pick<ListQuery, 'filter'>,
  options: DeleteOptions,
): Promise<DeleteResult[]> {
  const plan = await listObjects(ctx, scope, { filter: query.filter })
  const deletions: Promise<DeleteResult | undefined>[] = []
  for await (const page of plan.pages) {
    for (const { stored } of page) {
      const objectScope: RequestScope = { ...scope, namespace: stored.key.namespace, name: stored.key.name }
      // An object deleted meanwhile is simply not in the result, as in kube.
      deletions.push(deleteObject(ctx, objectScope, options).catch((e: { code?: number }) => (e.code === 404 ? undefined : Promise.reject(e))))
    }
  }
  return (await Promise.all(deletions)).filter((d): d is DeleteResult => d !== undefined)
}
