import { badRequest } from '../../api/errors.js'
import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { ownField } from './json-value.js'
import type { FieldDescription } from '../type-description/type-description.js'
import { PATCH_DIRECTIVE } from './smp-directives.js'
import { normalizeElementOrder, partitionByPresence } from './smp-element-order.js'

/**
 * Merging one list whose field has the `merge` strategy, after kube's mergeSlice,
 * mergeSliceWithSpecialElements and mergeSliceWithoutSpecialElements
 * (k8s: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go).
 */
export interface ListMerge {
  /** the live list; owned by the caller (a clone), so it may be reused */
  live: unknown[]
  patch: readonly unknown[]
  field: FieldDescription
  /** merges a patch element into the live element with the same key (injected: no import of the map merger) */
  mergeElement: (live: JsonObject, patch: JsonObject) => JsonObject
  /** turns a patch element with no live counterpart into a result element */
  materialise: (patch: JsonObject) => JsonObject
}

export function mergeList(request: ListMerge): unknown[] {
  const { live, patch } = request
  if (live.length === 0 && patch.length === 0) return live
  return holdsObjects(live, patch) ? mergeKeyedList(request) : mergePrimitiveList(live, patch)
}

/** A merge-strategy list of primitives (finalizers) takes the union, without duplicates. */
function mergePrimitiveList(live: readonly unknown[], patch: readonly unknown[]): unknown[] {
  const merged = [...new Set([...live, ...patch])]
  const [patchItems, serverOnly] = partitionByPresence(merged, patch, undefined)
  return normalizeElementOrder({ patchItems, serverOnly, patchOrder: patch, serverOrder: live, mergeKey: undefined })
}

function mergeKeyedList(request: ListMerge): unknown[] {
  const { mergeKey } = request.field
  if (mergeKey === undefined) throw badRequest('cannot merge a list of objects whose field declares no merge key')
  const { live, elements, isReplace } = applySpecialElements(request.live, request.patch as JsonObject[], mergeKey)
  // `{"$patch":"replace"}` as an element: the list becomes exactly the patch's other elements.
  if (isReplace) return elements.map(request.materialise)
  const serverOrder = [...live]
  for (const element of elements) {
    const key = requireMergeKey(element, mergeKey)
    const index = live.findIndex((item) => ownField(item as JsonObject, mergeKey) === key)
    if (index >= 0) live[index] = request.mergeElement(live[index] as JsonObject, element)
    else live.push(request.materialise(element))
  }
  const [patchItems, serverOnly] = partitionByPresence(live, elements, mergeKey)
  return normalizeElementOrder({ patchItems, serverOnly, patchOrder: elements, serverOrder, mergeKey })
}

interface SpecialElementsResult {
  /** the live list after `$patch: delete` elements took effect */
  live: unknown[]
  /** the patch elements still to merge, without directives */
  elements: JsonObject[]
  isReplace: boolean
}

/** Handles the list elements that carry `$patch`: delete one live element by key, or replace the list. */
function applySpecialElements(live: unknown[], patch: readonly JsonObject[], mergeKey: string): SpecialElementsResult {
  const elements: JsonObject[] = []
  let isReplace = false
  for (const element of patch) {
    if (!Object.hasOwn(element, PATCH_DIRECTIVE)) {
      elements.push(element)
      continue
    }
    const directive = element[PATCH_DIRECTIVE]
    if (directive === 'delete') {
      const key = requireMergeKey(element, mergeKey)
      live = live.filter((item) => ownField(item as JsonObject, mergeKey) !== key)
    } else if (directive === 'replace') {
      isReplace = true
    } else if (directive === 'merge') {
      // A no-op marker here (kube rejects it in lists): keep the element's other fields, if any.
      const rest = { ...element }
      delete rest[PATCH_DIRECTIVE]
      if (Object.keys(rest).length > 0) elements.push(rest)
    } else {
      throw badRequest(`unknown patch type ${JSON.stringify(directive)} in list element ${JSON.stringify(element)}`)
    }
  }
  return { live, elements, isReplace }
}

function requireMergeKey(element: JsonObject, mergeKey: string): unknown {
  if (!Object.hasOwn(element, mergeKey)) {
    throw badRequest(`map: ${JSON.stringify(element)} does not contain declared merge key: ${mergeKey}`)
  }
  return element[mergeKey]
}

/** kube refuses lists mixing objects with other values, and lists of lists. */
function holdsObjects(...lists: ReadonlyArray<readonly unknown[]>): boolean {
  const items = lists.flat()
  if (items.some(Array.isArray)) throw badRequest('strategic merge patch does not support lists of lists')
  const objects = items.filter(isJsonObject).length
  if (objects > 0 && objects < items.length) throw badRequest('list element types are not identical')
  return objects > 0
}
