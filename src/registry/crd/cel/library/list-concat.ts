import { CelScalar, celFunc, isCelList, isCelMap, listType, type CelFunc, type CelList, type CelValue } from '@bufbuild/cel'
import { escapeProperty } from '../property-escaping.js'
import { SchemaList } from '../schema-values.js'
import { mapListKey, scalarKey } from './equality.js'

// `+` on lists. For arrays with x-kubernetes-list-type, kube's semantics (apiserver/pkg/cel/common/
// values.go): `set` is a union keeping the left's order, `map` a merge where the right's entries
// replace the left's with the same keys. Otherwise a concatenation into a shared, append-only
// array, so that the map() and filter() macros (`accu + [x]` per element) grow in amortised
// constant time where @bufbuild/cel nests one concatenated list per element.

const CEL_LIST = Symbol.for('@bufbuild/cel/list')

class GrowingList {
  readonly [CEL_LIST] = {}
  constructor(
    readonly store: CelValue[],
    readonly size: number,
  ) {}

  get(index: number): CelValue | undefined {
    return index >= 0 && index < this.size ? this.store[index] : undefined
  }

  *values(): IterableIterator<CelValue> {
    for (let i = 0; i < this.size; i++) yield this.store[i] as CelValue
  }

  [Symbol.iterator](): IterableIterator<CelValue> {
    return this.values()
  }
}

const asList = (list: GrowingList) => list as unknown as CelList

export function concatLists(a: CelList, b: CelList): CelList {
  if (a instanceof SchemaList && a.node.listType === 'set') return mergeByKey(a, b, scalarKey)
  if (a instanceof SchemaList && a.node.listType === 'map') return mergeByKey(a, b, mapListKey(a.node.listMapKeys.map((k) => escapeProperty(k) ?? k)))
  if (b.size === 0) return a
  // extend in place only when `a` is the newest view of its array: older views keep their size
  if (a instanceof GrowingList && a.size === a.store.length) {
    for (const item of b) a.store.push(item)
    return asList(new GrowingList(a.store, a.store.length))
  }
  const store = [...a, ...b]
  return asList(new GrowingList(store, store.length))
}

function mergeByKey(a: CelList, b: CelList, keyOf: (v: CelValue) => string): CelList {
  const store = [...a]
  const positions = new Map(store.map((item, i) => [keyOf(item), i]))
  for (const item of b) {
    const key = keyOf(item)
    const at = positions.get(key)
    if (at === undefined) positions.set(key, store.push(item) - 1)
    else if (isCelMap(item)) store[at] = item
  }
  return asList(new GrowingList(store, store.length))
}

const LIST = listType(CelScalar.DYN)
export const LIST_CONCAT_FUNCS: readonly CelFunc[] = [
  celFunc('_+_', [LIST, LIST], LIST, (a, b) => (isCelList(a) && isCelList(b) ? concatLists(a, b) : a)),
]
