import { resetFieldsFilter } from '../managed-fields/reset-fields.js'
import { SCALE_API_VERSION } from '../managed-fields/scale-handler.js'
import type { FieldManagerScope } from '../managed-fields/field-manager.js'
import { SCALE_SCHEMA } from '../openapi/kind-paths.js'
import { apiVersionOf } from '../resource-definition.js'
import { managerOf, type RequestScope } from '../request-scope.js'
import { toTimestamp, type StoreContext } from '../store-context.js'

/** What the field manager needs to know about this request to the kind's objects (or their status). */
export function fieldManagerScope(ctx: StoreContext, scope: RequestScope): FieldManagerScope {
  const { definition, subresource } = scope
  const ignore = resetFieldsFilter(definition.subresources.status !== undefined, subresource)
  return {
    type: ctx.typeDescriptionFor(definition),
    apiVersion: apiVersionOf(definition),
    kind: definition.kind,
    manager: managerOf(scope),
    ...(subresource ? { subresource } : {}),
    ...(ignore ? { ignore } : {}),
    nowIso: toTimestamp(ctx.nowMs()),
  }
}

/** The same for a write through `/scale`: the field manager works on the autoscaling/v1 Scale. */
export function scaleFieldManagerScope(ctx: StoreContext, scope: RequestScope): FieldManagerScope {
  return {
    type: ctx.typeDescriptionFor({ schemaName: SCALE_SCHEMA }),
    apiVersion: SCALE_API_VERSION,
    kind: 'Scale',
    manager: managerOf(scope),
    subresource: 'scale',
    nowIso: toTimestamp(ctx.nowMs()),
  }
}
