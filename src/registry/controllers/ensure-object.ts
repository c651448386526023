import { ApiError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { StoreContext } from '../store-context.js'
import { keyOf } from '../object-key.js'
import { createObject } from '../verbs/create.js'
import { systemScope } from './system-scope.js'

/** 409: it exists already; 403 and 404: its namespace is going or gone. None is a controller's failure. */
const EXPECTED_REFUSALS = new Set([403, 404, 409])

/**
 * Creates `object` unless it exists, the way kube's controllers do (create, and take AlreadyExists
 * as done). Resolves true when it created it. An object already stored is not created again: a
 * start on an existing data dir then validates nothing, so it builds no schemas (the create still
 * takes AlreadyExists, for a writer that comes in between).
 */
export async function ensureObject(ctx: StoreContext, definition: ResourceDefinition, object: KubeObject, fieldManager: string): Promise<boolean> {
  const scope = systemScope(definition, object.metadata.namespace ?? '', fieldManager)
  if (await ctx.storage.get(keyOf(scope, object.metadata.name!))) return false
  try {
    await createObject(ctx, scope, { object: structuredClone(object) })
    return true
  } catch (error) {
    if (error instanceof ApiError && EXPECTED_REFUSALS.has(error.code)) return false
    throw error
  }
}
