import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { keyOf } from '../object-key.js'
import { type RequestScope, auditOf } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { checkNamespaceAcceptsCreate } from '../namespaces/namespace-admission.js'
import { updateManagedFields } from '../managed-fields/field-manager.js'
import { fieldManagerScope } from './field-manager-scope.js'
import { checkKind, prepareForCreate } from './prepare-create.js'
import { runWrite } from './run-write.js'
import { type DecodedBody, type WrittenObject, validationModeOf } from './write-response.js'

/** A kind that stores nothing answers the create itself (the access reviews); 201 like any create. */
function answerCreate(ctx: StoreContext, scope: RequestScope, body: KubeObject): WrittenObject {
  if (scope.definition.isNamespaced) body.metadata.namespace = scope.namespace
  const object = scope.definition.strategy.answerCreate!({ object: body, scope, ctx })
  return { json: JSON.stringify(object), object, isChanged: false, isCreated: true }
}

/** POST: a new object, 201 with it as stored. */
export async function createObject(ctx: StoreContext, scope: RequestScope, decoded: DecodedBody): Promise<WrittenObject> {
  const body = decoded.object
  const prepared = scope.definition.strategy.prepareWrite?.()
  if (prepared) await prepared
  checkKind(scope, body)
  const bodyNamespace = body.metadata.namespace
  if (scope.definition.isNamespaced && bodyNamespace && bodyNamespace !== scope.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request')
  }
  ctx.validateObject({ definition: scope.definition, object: body, json: decoded.json, mode: validationModeOf(decoded, scope.fieldValidation), warnings: scope.warnings })
  // As kube's decoder does, defaults are applied to the body: the creating manager owns them too.
  scope.definition.strategy.applyDefaults?.(body)
  if (scope.definition.strategy.answerCreate) return answerCreate(ctx, scope, body)
  // kube's create handler tracks the body as decoded, before the strategy fills in status and allocated values.
  updateManagedFields(fieldManagerScope(ctx, scope), undefined, body)
  // Mutating admission comes after the field manager, which leaves its changes unowned, as kube
  // does; it sees the object in the request's namespace (rest.EnsureObjectNamespaceMatchesRequestNamespace).
  if (scope.definition.strategy.admit) {
    if (scope.definition.isNamespaced) body.metadata.namespace = scope.namespace
    await scope.definition.strategy.admit(body, ctx)
  }
  prepareForCreate(ctx, scope, body)
  const name = body.metadata.name!
  checkNamespaceAcceptsCreate(ctx, scope, name)
  return runWrite(ctx, scope, {
    key: keyOf(scope, name),
    precondition: { type: 'absent' },
    // a method, not an arrow property: tsx (the bench, the tests) would name a new arrow on every create (Object.defineProperty)
    apply() {
      return { type: 'put', object: body }
    },
    audit: auditOf(scope, 'create'),
  })
}
