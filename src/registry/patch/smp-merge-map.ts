import { badRequest } from '../../api/errors.js'
import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { ownField, setOwnField } from './json-value.js'
import { DEDUCED, type FieldDescription, type TypeDescription } from '../type-description/type-description.js'
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  PATCH_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  isDirectiveKey,
  isMergeList,
  isReplaceMap,
} from './smp-directives.js'
import { normalizeElementOrder, partitionByPresence, validateElementOrder } from './smp-element-order.js'
import { mergeList } from './smp-merge-list.js'

/** One map being merged: `live` is owned by the merge (a clone) and changed in place; `patch` is only read. */
interface MapMerge {
  live: JsonObject
  patch: JsonObject
  type: TypeDescription
}

/**
 * Merges a patch map into a live map, after kube's mergeMap with the options the server uses
 * (parallel lists merged, nulls for absent keys ignored)
 * (k8s: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go). Returns the merged map.
 */
export function mergeMap(live: JsonObject, patch: JsonObject, type: TypeDescription): JsonObject {
  const directive = ownField(patch, PATCH_DIRECTIVE)
  // kube answers `$patch: delete` on a map with an empty map, not an absent field.
  if (directive === 'delete') return {}
  if (directive !== undefined && directive !== 'replace' && directive !== 'merge') {
    throw badRequest(`unknown patch type ${JSON.stringify(directive)} in map ${JSON.stringify(patch)}`)
  }
  const merge: MapMerge = { live: directive === 'replace' ? {} : live, patch, type }
  applyRetainKeys(merge)
  const ordered = applyElementOrders(merge)
  for (const [key, value] of Object.entries(patch)) {
    if (!isDirectiveKey(key) && !ordered.has(key)) mergeField(merge, key, value)
  }
  applyPrimitiveListDeletions(merge)
  return merge.live
}

function mergeField({ live, type }: MapMerge, key: string, value: unknown): void {
  if (value === null) delete live[key]
  else setOwnField(live, key, mergeValue(ownField(live, key), value, type.field(key)))
}

/** Maps merge and merge-strategy lists merge; anything else, or a value of a new kind, replaces. */
function mergeValue(current: unknown, value: unknown, field: FieldDescription | undefined): unknown {
  const type = field?.type ?? DEDUCED
  if (isJsonObject(value)) {
    return mergeMap(isJsonObject(current) && !isReplaceMap(field) ? current : {}, value, type)
  }
  const child = type.items ?? DEDUCED
  if (!Array.isArray(value)) return value
  if (!isMergeList(field)) return value.map((item) => materialise(item, child))
  return mergeList({
    live: Array.isArray(current) ? current : [],
    patch: value,
    field,
    mergeElement: (liveItem, patchItem) => mergeMap(liveItem, patchItem, child),
    materialise: (patchItem) => mergeMap({}, patchItem, child),
  })
}

/**
 * A patch value with nothing under it. kube copies such values verbatim and lets decoding drop the
 * directives; merging into emptiness instead applies them, and drops nested nulls, without a typed decode.
 */
function materialise(value: unknown, type: TypeDescription): unknown {
  if (isJsonObject(value)) return mergeMap({}, value, type)
  return Array.isArray(value) ? structuredClone(value) : value
}

/**
 * `$retainKeys` (fields with the retainKeys strategy, e.g. DeploymentSpec.strategy, volumes): live keys
 * not listed are dropped, and every key the patch sets must be listed, as kube's applyRetainKeysDirective checks.
 */
function applyRetainKeys({ live, patch }: MapMerge): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return
  const retained = patch[RETAIN_KEYS_DIRECTIVE]
  if (!Array.isArray(retained)) throw badRequest(`invalid patch format of ${RETAIN_KEYS_DIRECTIVE}: not a list`)
  const kept = new Set<unknown>(retained)
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && !isDirectiveKey(key) && !kept.has(key)) {
      throw badRequest(`invalid patch format of ${RETAIN_KEYS_DIRECTIVE}: it lacks "${key}", which the patch sets`)
    }
  }
  for (const key of Object.keys(live)) if (!kept.has(key)) delete live[key]
}

/** Handles every `$setElementOrder/<field>`, returning the fields it merged so they are not merged twice. */
function applyElementOrders(merge: MapMerge): Set<string> {
  const ordered = new Set<string>()
  for (const key of Object.keys(merge.patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue
    const name = key.slice(SET_ELEMENT_ORDER_PREFIX.length)
    applyElementOrder(merge, name)
    ordered.add(name)
  }
  return ordered
}

/**
 * kube's mergePatchIntoOriginal: merge the field's list as usual, then put the items the order lists
 * in that order, live-only items before them where they stood.
 */
function applyElementOrder(merge: MapMerge, name: string): void {
  const { live, patch } = merge
  const order = patch[SET_ELEMENT_ORDER_PREFIX + name]
  const isPatched = Object.hasOwn(patch, name)
  const patchList = isPatched ? patch[name] : []
  if (!Array.isArray(order) || !Array.isArray(patchList)) {
    throw badRequest(`${SET_ELEMENT_ORDER_PREFIX}${name} and ${name} must both be lists`)
  }
  const mergeKey = merge.type.field(name)?.mergeKey
  validateElementOrder(patchList, order, mergeKey)
  const before = ownField(live, name)
  if (!isPatched && !Array.isArray(before)) return
  const serverOrder = Array.isArray(before) ? [...before] : []
  if (isPatched) mergeField(merge, name, patchList)
  const merged = ownField(live, name) as unknown[]
  const [patchItems, serverOnly] = partitionByPresence(merged, order, mergeKey)
  setOwnField(live, name, normalizeElementOrder({ patchItems, serverOnly, patchOrder: order, serverOrder, mergeKey }))
}

/** `$deleteFromPrimitiveList/<field>` removes values from a primitive list (finalizers), after any merge. */
function applyPrimitiveListDeletions({ live, patch }: MapMerge): void {
  for (const [key, values] of Object.entries(patch)) {
    if (!key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) continue
    if (!Array.isArray(values)) throw badRequest(`${key} must be a list`)
    const name = key.slice(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length)
    const current = ownField(live, name)
    if (Array.isArray(current)) setOwnField(live, name, current.filter((item) => !values.includes(item)))
  }
}
