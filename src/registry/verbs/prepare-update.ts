import { isDeepStrictEqual } from 'node:util'
import { badRequest } from '../../api/errors.js'
import type { KubeObject, ObjectMeta } from '../../api/types.js'
import type { WriteOutcome } from '../../storage/storage.js'
import { updateManagedFields } from '../managed-fields/field-manager.js'
import type { RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { fieldManagerScope } from './field-manager-scope.js'
import { validateForWrite } from './prepare-create.js'

// Set by the server alone; an update cannot change them (k8s rest.BeforeUpdate, ObjectMetaUpdateValidation).
const SERVER_OWNED: readonly (keyof ObjectMeta)[] = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'namespace', 'name']

const specOf = ({ metadata: _m, status: _s, ...rest }: KubeObject) => rest

/** metadata kept on status writes: labels, annotations and the rest stay as they were (k8s ResetObjectMetaForStatus). */
function forStatusSubresource(current: KubeObject, next: KubeObject): KubeObject {
  return { ...current, metadata: { ...current.metadata, resourceVersion: next.metadata.resourceVersion }, status: next.status }
}

export interface ProposedUpdate {
  current: KubeObject
  proposed: KubeObject
  /** a server-side apply: its managedFields are already set, and are kept */
  isApplied?: boolean
}

/**
 * Turns a proposed next state into the stored one: server-owned metadata carried over, status kept
 * (main resource) or only status taken (status subresource), generation bumped on spec changes,
 * managed fields recorded, and removal of the last finalizer of a deleting object deletes it.
 */
export function prepareUpdate(ctx: StoreContext, scope: RequestScope, change: ProposedUpdate): WriteOutcome {
  const { current, proposed } = change
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
  scope.definition.strategy.checkRequester?.({ object: next, current, scope, ctx })
  if (scope.subresource !== 'status') scope.definition.strategy.prepareForUpdate?.(current, next, ctx)
  // …and again as kube does when it reads the stored object back (see prepareForCreate).
  scope.definition.strategy.applyDefaults?.(next)
  const hasGeneration = scope.definition.strategy.hasGeneration !== false
  if (hasGeneration && !isDeepStrictEqual(specOf(current), specOf(next))) next.metadata.generation = (current.metadata.generation ?? 0) + 1
  next.apiVersion = current.apiVersion
  next.kind = current.kind
  validateForWrite(scope, next, current)
  if (!change.isApplied) updateManagedFields(fieldManagerScope(ctx, scope), current, next)
  else if (proposed.metadata.managedFields) next.metadata.managedFields = proposed.metadata.managedFields
  else delete next.metadata.managedFields
  const isFinalized = next.metadata.deletionTimestamp !== undefined && !(next.metadata.finalizers?.length)
  return isFinalized ? { type: 'delete', object: next } : { type: 'put', object: next }
}
