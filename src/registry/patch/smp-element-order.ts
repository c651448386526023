import { badRequest } from '../../api/errors.js'
import { isJsonObject } from '../../api/json-object.js'
import { ownField } from './json-value.js'
import { PATCH_DIRECTIVE } from './smp-directives.js'

/**
 * List ordering for strategic merge patch, ported from kube's normalizeElementOrder, mergeSortedSlice
 * and validatePatchWithSetOrderList (k8s: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go;
 * design: kubernetes/community contributors/design-proposals/cli/preserve-order-in-strategic-merge-patch.md).
 */

/** The identity of a list element: its merge key's value in a keyed list, the value itself in a primitive list. */
export function elementKey(item: unknown, mergeKey: string | undefined): unknown {
  return mergeKey !== undefined && isJsonObject(item) ? ownField(item, mergeKey) : item
}

export interface ElementOrderRequest {
  /** merged items that the patch (or $setElementOrder) names */
  patchItems: readonly unknown[]
  /** merged items only the live list had */
  serverOnly: readonly unknown[]
  /** the order the patch asks for */
  patchOrder: readonly unknown[]
  /** the live list before the patch */
  serverOrder: readonly unknown[]
  /** undefined for a primitive list */
  mergeKey: string | undefined
}

/**
 * Patch items in patch order, server-only items in live order, then interleaved: a server-only item
 * goes first only when it and the next patch item both stood in the live list, it earlier. So, as in
 * kube, an item new to the list lands before the server-only items unless $setElementOrder says otherwise.
 */
export function normalizeElementOrder(request: ElementOrderRequest): unknown[] {
  const { mergeKey } = request
  const left = sortByOrder(request.serverOnly, request.serverOrder, mergeKey)
  const right = sortByOrder(request.patchItems, request.patchOrder, mergeKey)
  const livePosition = positions(request.serverOrder, mergeKey)
  const result: unknown[] = []
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    const l = i < left.length ? livePosition.get(elementKey(left[i], mergeKey)) : undefined
    const r = j < right.length ? livePosition.get(elementKey(right[j], mergeKey)) : undefined
    const takeLeft = j >= right.length || (i < left.length && l !== undefined && r !== undefined && l < r)
    result.push(takeLeft ? left[i++] : right[j++])
  }
  return result
}

/** Splits `merged` into the items whose key appears in `names` and the rest, each in merged order. */
export function partitionByPresence(
  merged: readonly unknown[],
  names: readonly unknown[],
  mergeKey: string | undefined,
): [present: unknown[], absent: unknown[]] {
  const named = positions(names, mergeKey)
  const present = merged.filter((item) => named.has(elementKey(item, mergeKey)))
  const absent = merged.filter((item) => !named.has(elementKey(item, mergeKey)))
  return [present, absent]
}

/**
 * The patch list's elements must all appear in $setElementOrder, in the same relative order; elements
 * carrying `$patch` (deletions, `replace` markers) are exempt. kube rejects anything else.
 */
export function validateElementOrder(
  patchList: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string | undefined,
): void {
  if (mergeKey !== undefined && !order.every(isJsonObject)) {
    throw badRequest(`$setElementOrder entries of a list merged by "${mergeKey}" must be objects`)
  }
  const items = patchList.filter((item) => !(isJsonObject(item) && Object.hasOwn(item, PATCH_DIRECTIVE)))
  let next = 0
  for (const entry of order) {
    if (next < items.length && elementKey(items[next], mergeKey) === elementKey(entry, mergeKey)) next++
  }
  if (next < items.length) {
    const lists = `${JSON.stringify(patchList)} and ${JSON.stringify(order)}`
    throw badRequest(`the order in the patch list doesn't match its $setElementOrder list: ${lists}`)
  }
}

/** Stable sort by position in `order`; items `order` lacks keep their relative order, after the rest. */
function sortByOrder(items: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined): unknown[] {
  const at = positions(order, mergeKey)
  const rank = (item: unknown) => at.get(elementKey(item, mergeKey)) ?? order.length
  return [...items].sort((a, b) => rank(a) - rank(b))
}

/** Each key's first position in `list`, as kube's index() finds it. */
function positions(list: readonly unknown[], mergeKey: string | undefined): Map<unknown, number> {
  const at = new Map<unknown, number>()
  list.forEach((item, index) => {
    const key = elementKey(item, mergeKey)
    if (!at.has(key)) at.set(key, index)
  })
  return at
}
