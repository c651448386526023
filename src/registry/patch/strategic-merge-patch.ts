import { badRequest } from '../../api/errors.js'
import { decodePatchBody } from './decode-patch-body.js'
import { isJsonObject } from '../../api/json-object.js'
import type { TypeDescription } from '../type-description/type-description.js'
import { mergeMap } from './smp-merge-map.js'

/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as kube-apiserver applies it
 * (k8s: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go, StrategicMergeMapPatch):
 * a JSON merge patch whose lists follow the field's patch strategy from `type`, plus the directives
 * kubectl sends (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`), which
 * never reach the result. Inputs are never mutated and the result shares no objects with them.
 */
export function applyStrategicMergePatch(document: unknown, patch: unknown, type: TypeDescription): unknown {
  const decoded = decodePatchBody(patch)
  if (!isJsonObject(decoded)) throw badRequest('a strategic merge patch must be a JSON object')
  const live = isJsonObject(document) ? structuredClone(document) : {}
  return mergeMap(live, decoded, type)
}
