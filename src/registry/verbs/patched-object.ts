import { isJsonObject } from '../../api/json-object.js'
import { badRequest } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { RequestScope } from '../request-scope.js'

/** A patch must leave an object of the same kind with object metadata (kube decodes the result strictly). */
export function checkPatchedObject(scope: RequestScope, patched: unknown): KubeObject {
  const { kind, version } = scope.definition
  if (!isJsonObject(patched) || !isJsonObject(patched.metadata)) {
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: the patched object is not a ${kind}`)
  }
  return patched as KubeObject
}
