import { isJsonObject } from '../../api/json-object.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken, type Token } from '../field-set/path-element.js'
import { valuesEqual } from '../field-set/value-order.js'
import { DEDUCED, type TypeDescription } from '../type-description/type-description.js'
import { isEmptyList, isEmptyMap, ItemKeyError, itemToken, shapeOf, typeOfKey } from './typed-value.js'

/** Where a created value stands against the kind's empty Go value: absent there, or its zero. */
type Before = { isPresent: false } | { isPresent: true; zero: unknown }

const ABSENT: Before = { isPresent: false }
const EMPTY_STRUCT: Before = { isPresent: true, zero: {} }
const NULL: Before = { isPresent: true, zero: null }

/**
 * The fields a create sets, as compareObjects(emptyObject, created) would find them added or
 * modified, in one walk of the created object alone: the create path compares against nothing.
 * A field the empty value lacks is added (itself, besides its children); one it holds as a zero is
 * modified when the created value differs. Nothing is removed from an empty value.
 */
export function createdFieldSet(created: unknown, type: TypeDescription): FieldSet {
  const set = FieldSet.empty()
  walk(set, { value: created, type, before: EMPTY_STRUCT, path: [] })
  return set
}

interface Step {
  value: unknown
  type: TypeDescription
  before: Before
  /** shared and changed in place: push before a descent, pop after */
  path: Token[]
}

function walk(set: FieldSet, s: Step): void {
  const shape = shapeOf(s.type, s.value)
  const zero = s.before.isPresent ? s.before.zero : undefined
  const isLeaf = shape === 'leaf' || (shape === 'map' ? isEmptyMap(s.value) && isEmptyMap(zero) : isEmptyList(s.value) && isEmptyList(zero))
  if (isLeaf) {
    if (!s.before.isPresent || !valuesEqual(zero, s.value)) set.insert(s.path)
    return
  }
  if (shape === 'map') walkMap(set, s)
  else walkList(set, s)
  if (!s.before.isPresent) set.insert(s.path)
}

function walkMap(set: FieldSet, s: Step): void {
  if (!isJsonObject(s.value)) return
  const empties = s.before.isPresent && isJsonObject(s.before.zero) ? s.type.emptyValueFields : undefined
  for (const key in s.value) {
    const empty = empties?.find((f) => f.name === key)
    s.path.push(fieldToken(key))
    walk(set, { value: s.value[key], type: typeOfKey(s.type, key), before: empty ? (empty.isStruct ? EMPTY_STRUCT : NULL) : ABSENT, path: s.path })
    s.path.pop()
  }
}

function walkList(set: FieldSet, s: Step): void {
  if (!Array.isArray(s.value)) return
  const items = s.type.items ?? DEDUCED
  const byToken = new Map<Token, unknown[]>()
  for (const item of s.value) {
    try {
      const token = itemToken(s.type, item)
      byToken.set(token, [...(byToken.get(token) ?? []), item])
    } catch (error) {
      if (!(error instanceof ItemKeyError)) throw error
    }
  }
  for (const [token, group] of byToken) {
    s.path.push(token)
    // Repeated items are one atomic value, added whole (compare.go's "new duplicates").
    if (group.length === 1) walk(set, { value: group[0], type: items, before: ABSENT, path: s.path })
    else set.insert(s.path)
    s.path.pop()
  }
}
