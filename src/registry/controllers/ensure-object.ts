import { ApiError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { StoreContext } from '../store-context.js'
import { createObject } from '../verbs/create.js'
import { systemScope } from './system-scope.js'

/** 409: it exists already; 403 and 404: its namespace is going or gone. None is a controller's failure. */
const EXPECTED_REFUSALS = new Set([403, 404, 409])

/**
 * Creates `object` unless it exists, the way kube's controllers do (create, and take AlreadyExists
 * as done). Resolves true when it created it.
 */
export async function ensureObject(ctx: StoreContext, definition: ResourceDefinition, object: KubeObject, fieldManager: string): Promise<boolean> {
  const scope = systemScope(definition, object.metadata.namespace ?? '', fieldManager)
  try {
    await createObject(ctx, scope, { object: structuredClone(object) })
    return true
  } catch (error) {
    if (error instanceof ApiError && EXPECTED_REFUSALS.has(error.code)) return false
    throw error
  }
}
