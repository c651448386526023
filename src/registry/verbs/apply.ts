import { badRequest, conflict } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { WriteOutcome } from '../../storage/storage.js'
import { applyManagedFields } from '../managed-fields/field-manager-apply.js'
import { keyOf, parseStored, qualifiedResourceOf } from '../object-key.js'
import { auditOf, type RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { fieldManagerScope } from './field-manager-scope.js'
import { checkNamespaceAcceptsCreate } from '../namespaces/namespace-admission.js'
import { checkPatchedResourceVersion } from './patch.js'
import { prepareForCreate } from './prepare-create.js'
import { prepareUpdate } from './prepare-update.js'
import { runWrite } from './run-write.js'
import type { WrittenObject } from './write-response.js'

/** What an apply patch asks for, its options checked at the edge. */
export interface ApplyRequest {
  /** the applied configuration, decoded from YAML or JSON */
  config: KubeObject
  /** `force=true`: take the fields other managers own instead of failing with their conflicts */
  force: boolean
}

/**
 * PATCH with `application/apply-patch+yaml` on an object or its status (k8s:
 * staging/apiserver/pkg/endpoints/handlers/patch.go applyPatcher): the configuration is applied by
 * the field manager; an absent object is created from it (the answer is then 201). Read, apply and
 * write happen inside the commit transaction, like every patch.
 */
export async function applyObject(ctx: StoreContext, scope: RequestScope, request: ApplyRequest): Promise<WrittenObject> {
  const { config } = request
  checkNamespace(scope, config)
  ctx.validateObject({ definition: scope.definition, object: config, mode: 'Ignore', warnings: scope.warnings })
  const key = keyOf(scope, scope.name!)
  return runWrite(ctx, scope, {
    key,
    // Only the main resource creates: status of a missing object is a 404, as kube's is.
    precondition: scope.subresource ? { type: 'present' } : { type: 'none' },
    apply: (current) => (current ? applyToExisting(ctx, scope, parseStored(current), request) : createByApply(ctx, scope, request)),
    audit: auditOf(scope, 'patch'),
  })
}

function applyToExisting(ctx: StoreContext, scope: RequestScope, live: KubeObject, request: ApplyRequest): WriteOutcome {
  const next = applyManagedFields(fieldManagerScope(ctx, scope), live, request.config, request.force)
  checkName(scope, next)
  checkPatchedResourceVersion(keyOf(scope, scope.name!), next, live)
  return prepareUpdate(ctx, scope, { current: live, proposed: next, isApplied: true })
}

/** patch.go createNewObject: the configuration applied to an empty object, then created. */
function createByApply(ctx: StoreContext, scope: RequestScope, request: ApplyRequest): WriteOutcome {
  const name = scope.name!
  const uid = request.config.metadata.uid
  if (uid) {
    throw conflict(qualifiedResourceOf(scope), name, `uid mismatch: the provided object specified uid ${String(uid)}, and no existing object was found`)
  }
  checkNamespaceAcceptsCreate(ctx, scope, name)
  const object = applyManagedFields(fieldManagerScope(ctx, scope), undefined, request.config, request.force)
  checkName(scope, object)
  scope.definition.strategy.applyDefaults?.(object)
  prepareForCreate(ctx, scope, object)
  return { type: 'put', object }
}

/** patch.go checkName: the object must be the one the URL names. */
function checkName(scope: RequestScope, object: KubeObject): void {
  const name = object.metadata.name ?? ''
  if (name !== scope.name) throw badRequest(`the name of the object (${name}) does not match the name on the URL (${scope.name})`)
}

/** rest.EnsureObjectNamespaceMatchesRequestNamespace: a namespace in the configuration must be the URL's. */
function checkNamespace(scope: RequestScope, config: KubeObject): void {
  const namespace = config.metadata.namespace
  if (scope.definition.isNamespaced && namespace && namespace !== scope.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request')
  }
}
