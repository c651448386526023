import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { RequestScope } from '../request-scope.js'

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** A patch must leave an object of the same kind with object metadata (kube decodes the result strictly). */
export function checkPatchedObject(scope: RequestScope, patched: unknown): KubeObject {
  const { kind, version } = scope.definition
  if (!isPlainObject(patched) || !isPlainObject(patched.metadata)) {
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: the patched object is not a ${kind}`)
  }
  return patched as KubeObject
}
