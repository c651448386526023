import { isDeepStrictEqual } from 'node:util'
import { badRequest } from '../../api/errors.js'
import type { KubeObject, ObjectMeta } from '../../api/types.js'
import type { WriteOutcome } from '../../storage/storage.js'
import { recordUpdate } from '../managed-fields.js'
import { apiVersionOf } from '../resource-definition.js'
import { managerOf, type RequestScope } from '../request-scope.js'
import { toTimestamp, type StoreContext } from '../store-context.js'
import { validateForWrite } from './prepare-create.js'

// Set by the server alone; an update cannot change them (k8s rest.BeforeUpdate, ObjectMetaUpdateValidation).
const SERVER_OWNED: readonly (keyof ObjectMeta)[] = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'namespace', 'name']

const specOf = ({ metadata: _m, status: _s, ...rest }: KubeObject) => rest

/** metadata kept on status writes: labels, annotations and the rest stay as they were (k8s ResetObjectMetaForStatus). */
function forStatusSubresource(current: KubeObject, next: KubeObject): KubeObject {
  return { ...current, metadata: { ...current.metadata, resourceVersion: next.metadata.resourceVersion }, status: next.status }
}

/**
 * Turns a proposed next state into the stored one: server-owned metadata carried over, status kept
 * (main resource) or only status taken (status subresource), generation bumped on spec changes,
 * managed fields recorded, and removal of the last finalizer of a deleting object deletes it.
 */
export function prepareUpdate(ctx: StoreContext, scope: RequestScope, current: KubeObject, proposed: KubeObject): WriteOutcome {
  if (proposed.metadata.name && proposed.metadata.name !== current.metadata.name) {
    throw badRequest(`the name of the object (${proposed.metadata.name}) does not match the name on the URL (${current.metadata.name})`)
  }
  const hasStatusSubresource = scope.definition.subresources.status !== undefined
  // Defaults apply to the decoded body, as kube's decoder applies them (its status too).
  scope.definition.strategy.applyDefaults?.(proposed)
  const next = scope.subresource === 'status' ? forStatusSubresource(current, proposed) : proposed
  for (const field of SERVER_OWNED) {
    if (current.metadata[field] === undefined) delete next.metadata[field]
    else next.metadata[field] = current.metadata[field]
  }
  if (scope.subresource !== 'status' && hasStatusSubresource) {
    if (current.status === undefined) delete next.status
    else next.status = current.status
  }
  if (scope.subresource !== 'status') scope.definition.strategy.prepareForUpdate?.(current, next, ctx)
  if (!isDeepStrictEqual(specOf(current), specOf(next))) next.metadata.generation = (current.metadata.generation ?? 0) + 1
  next.apiVersion = current.apiVersion
  next.kind = current.kind
  validateForWrite(scope, next, current)
  recordUpdate(current, next, {
    manager: managerOf(scope),
    apiVersion: apiVersionOf(scope.definition),
    nowIso: toTimestamp(ctx.nowMs()),
    ...(scope.subresource ? { subresource: scope.subresource } : {}),
  })
  const isFinalized = next.metadata.deletionTimestamp !== undefined && !(next.metadata.finalizers?.length)
  return isFinalized ? { type: 'delete', object: next } : { type: 'put', object: next }
}
