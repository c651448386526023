import { hasNoKeys, isJsonObject } from '../../api/json-object.js'
import { compareCodePoints, goJson, goJsonString } from '../field-set/go-json.js'
import { valueToken, type Token } from '../field-set/path-element.js'
import { DEDUCED, type TypeDescription } from '../type-description/type-description.js'

/**
 * How a value is walked under its type (k8s: structured-merge-diff typed/helpers.go deduceAtom):
 * a granular map or an associative list is walked into; everything else (scalars, atomic maps and
 * lists, values that do not fit their type) is a leaf, owned and compared whole. `null` in place
 * of a map or list is an empty one, as smd reads it.
 */
export type Shape = 'map' | 'list' | 'leaf'

export function shapeOf(type: TypeDescription, value: unknown): Shape {
  switch (type.kind) {
    case 'scalar':
      return 'leaf'
    case 'list':
      return (value === null || Array.isArray(value)) && !type.isAtomic ? 'list' : 'leaf'
    case 'object':
      return (value === null || isJsonObject(value)) && !type.isAtomic ? 'map' : 'leaf'
    case 'deduced':
      // A deduced list is atomic (smd's __untyped_deduced_), a deduced object a granular map.
      return isJsonObject(value) && !type.isAtomic ? 'map' : 'leaf'
  }
}

/** The shape two values share; absent (undefined) takes the other's, a mismatch is a leaf. */
export function sharedShape(type: TypeDescription, lhs: unknown, rhs: unknown): Shape {
  if (lhs === undefined) return shapeOf(type, rhs)
  const shape = shapeOf(type, lhs)
  return rhs === undefined || shapeOf(type, rhs) === shape ? shape : 'leaf'
}

export const isEmptyMap = (value: unknown): boolean =>
  value === undefined || value === null || (isJsonObject(value) && hasNoKeys(value))

export const isEmptyList = (value: unknown): boolean =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0)

/** The type of a map key: its declared field's, the map's value type, or deduced when neither. */
export const typeOfKey = (type: TypeDescription, key: string): TypeDescription => type.field(key)?.type ?? DEDUCED

/** An item smd cannot name: a list map item without any key field, a set item that is a map… */
export class ItemKeyError extends Error {}

/**
 * A list item's path element (k8s: structured-merge-diff typed/helpers.go listItemToPathElement):
 * `k:` with the item's key fields, a missing one taking its schema default; `v:` for a set item.
 */
export function itemToken(list: TypeDescription, item: unknown): Token {
  if (list.listType === 'map') return keyedItemToken(list, item)
  if (isJsonObject(item)) throw new ItemKeyError("associative list without keys has an element that's a map type")
  if (Array.isArray(item)) throw new ItemKeyError('not supported: associative list with lists as elements')
  if (item === null) throw new ItemKeyError("associative list without keys has an element that's an explicit null")
  return valueToken(item)
}

function keyedItemToken(list: TypeDescription, item: unknown): Token {
  if (item === null) throw new ItemKeyError('associative list with keys may not have a null element')
  if (!isJsonObject(item)) throw new ItemKeyError('associative list with keys may not have non-map elements')
  const keys = list.listMapKeys ?? []
  // keyToken's text, written directly: the key fields sorted by name, each value as Go writes it.
  let text = ''
  for (const key of sortedKeysOf(keys)) {
    const value = Object.hasOwn(item, key) ? item[key] : list.items?.field(key)?.default
    if (value === undefined) continue
    text += `${text ? ',' : ''}${goJsonString(key)}:${goJson(value)}`
  }
  if (keys.length > 0 && text === '') {
    const quoted = keys.map((k) => JSON.stringify(k)).join(' ')
    throw new ItemKeyError(`associative list with keys has an element that omits all key fields [${quoted}] (and doesn't have default values for any key fields)`)
  }
  return `k:{${text}}`
}

const sortedKeys = new WeakMap<readonly string[], readonly string[]>()

function sortedKeysOf(keys: readonly string[]): readonly string[] {
  if (keys.length < 2) return keys
  let sorted = sortedKeys.get(keys)
  if (!sorted) sortedKeys.set(keys, (sorted = [...keys].sort(compareCodePoints)))
  return sorted
}
