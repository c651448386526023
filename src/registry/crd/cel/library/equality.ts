import { CelScalar, celEnv, celFunc, isCelList, isCelMap, type CelFunc, type CelValue } from '@bufbuild/cel'
import { escapeProperty } from '../property-escaping.js'
import { SchemaList } from '../schema-values.js'
import { OPTIONAL, type OptionalPayload } from './optional-type.js'

// CEL equality as kube's values define it (apiserver/pkg/cel/common/values.go): arrays with
// x-kubernetes-list-type `set` or `map` are equal regardless of order (unstructuredSetList.Equal,
// unstructuredMapList.Equal, decided by the left operand as kube's Equal methods are), and two
// optionals are equal when both are empty or both hold equal values. Everything else is
// @bufbuild/cel's standard equality.

const stdEquals = celEnv().funcs.find('_==_')

/** CEL `==`, with the list-type and optional semantics above. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if (a instanceof SchemaList && (a.node.listType === 'set' || a.node.listType === 'map')) return unorderedEquals(a, b)
  const left = OPTIONAL.unwrap(a)
  const right = OPTIONAL.unwrap(b)
  if (left || right) return optionalEquals(left, right)
  return stdEquals?.call(0, undefined, [a, b]) === true
}

function optionalEquals(a: OptionalPayload | undefined, b: OptionalPayload | undefined): boolean {
  if (!a || !b) return false
  if (a.value === undefined || b.value === undefined) return a.value === b.value
  return celEquals(a.value, b.value)
}

/** Same size, and every element of `b` is an element of `a` (map lists: the entry with its keys). */
function unorderedEquals(a: SchemaList, b: CelValue): boolean {
  if (!isCelList(b) || a.size !== b.size) return false
  const keyOf = a.node.listType === 'map' ? mapListKey(a.node.listMapKeys) : scalarKey
  const index = new Map<string, CelValue>()
  for (const item of a) index.set(keyOf(item), item)
  for (const item of b) {
    const mine = index.get(keyOf(item))
    if (mine === undefined || !celEquals(mine, item)) return false
  }
  return true
}

/** A key equal values share: numbers of any CEL numeric type by value, strings, booleans. */
export function scalarKey(value: CelValue): string {
  switch (typeof value) {
    case 'bigint':
    case 'number':
      return `n:${String(value)}`
    case 'string':
      return `s:${value}`
    case 'boolean':
      return `b:${String(value)}`
    default:
      return value === null ? 'null' : `o:${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`
  }
}

/** The key of a map-list entry: its x-kubernetes-list-map-keys values. */
export function mapListKey(keys: readonly string[]): (item: CelValue) => string {
  return (item) => {
    if (!isCelMap(item)) return scalarKey(item)
    const parts = keys.map((k) => {
      const value = item.get(escapeProperty(k) ?? k) ?? item.get(k)
      return value === undefined ? '-' : scalarKey(value)
    })
    return parts.join('\u0000')
  }
}

export const EQUALITY_FUNCS: readonly CelFunc[] = [
  celFunc('_==_', [CelScalar.DYN, CelScalar.DYN], CelScalar.BOOL, celEquals),
  celFunc('_!=_', [CelScalar.DYN, CelScalar.DYN], CelScalar.BOOL, (a, b) => !celEquals(a, b)),
]
