import { conflict } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { StoredObject, WriteOutcome } from '../../storage/storage.js'
import { keyOf, parseStored, qualifiedResourceOf } from '../object-key.js'
import { type RequestScope, auditOf } from '../request-scope.js'
import { toTimestamp, type StoreContext } from '../store-context.js'
import { runWrite } from './run-write.js'
import type { WrittenObject } from './write-response.js'

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string }
}

export interface DeleteResult extends WrittenObject {
  /** true when the object is gone; false when it waits for finalizers (or namespace cleanup) */
  isGone: boolean
}

function checkPreconditions(scope: RequestScope, object: KubeObject, options: DeleteOptions): void {
  const { uid, resourceVersion } = options.preconditions ?? {}
  const name = object.metadata.name!
  if (uid && uid !== object.metadata.uid) {
    throw conflict(qualifiedResourceOf(scope), name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${object.metadata.uid}`)
  }
  if (resourceVersion && resourceVersion !== object.metadata.resourceVersion) {
    throw conflict(qualifiedResourceOf(scope), name, `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${object.metadata.resourceVersion}`)
  }
}

/**
 * What deleting does to an object: gone at once; or, with finalizers (or a kind that always
 * outlives the request, like namespaces), marked with a deletionTimestamp until they are done.
 */
function deletionOf(ctx: StoreContext, scope: RequestScope, stored: StoredObject, options: DeleteOptions): WriteOutcome {
  const object = parseStored(stored)
  checkPreconditions(scope, object, options)
  const { strategy } = scope.definition
  const isFinalized = !object.metadata.finalizers?.length && !strategy.beginDeletion
  if (isFinalized) return { type: 'delete', object }
  if (object.metadata.deletionTimestamp) return { type: 'unchanged' }
  object.metadata.deletionTimestamp = toTimestamp(ctx.nowMs())
  object.metadata.deletionGracePeriodSeconds = 0
  strategy.beginDeletion?.(object)
  return { type: 'put', object }
}

/** DELETE of one object. */
export async function deleteObject(ctx: StoreContext, scope: RequestScope, options: DeleteOptions): Promise<DeleteResult> {
  scope.definition.strategy.checkDelete?.(scope.name!)
  let isGone = false
  const written = await runWrite(ctx, scope, {
    key: keyOf(scope, scope.name!),
    precondition: { type: 'present' },
    apply: (current) => {
      const outcome = deletionOf(ctx, scope, current!, options)
      isGone = outcome.type === 'delete'
      return outcome
    },
    audit: auditOf(scope, 'delete'),
  })
  return { ...written, isGone }
}
