import { isJsonObject } from '../../api/json-object.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken, isFieldToken, fieldNameOf } from '../field-set/path-element.js'
import { DEDUCED, type TypeDescription } from '../type-description/type-description.js'
import { ItemKeyError, itemToken, shapeOf, typeOfKey } from './typed-value.js'

/**
 * The value without the fields, map keys and list items of `set` (k8s: structured-merge-diff
 * typed/remove.go): a member goes with everything under it, a child set is removed below. A map
 * or list emptied by removals is dropped as kube's typed decode drops a nil one; one that was
 * empty already is left as it is. Undefined when nothing is left.
 */
export function removeItems(value: unknown, set: FieldSet, type: TypeDescription): unknown {
  if (set.isEmpty) return value
  const shape = shapeOf(type, value)
  if (shape === 'map' && isJsonObject(value)) return removeFromMap(value, set, type)
  if (shape === 'list' && Array.isArray(value)) return removeFromList(value, set, type)
  return value
}

function removeFromMap(value: Record<string, unknown>, set: FieldSet, type: TypeDescription): unknown {
  if (Object.keys(value).length === 0) return value
  const out: Record<string, unknown> = {}
  for (const key in value) {
    const token = fieldToken(key)
    if (set.hasMember(token)) continue
    const below = set.childAt(token)
    const kept = below ? removeItems(value[key], below, typeOfKey(type, key)) : value[key]
    if (kept !== undefined) out[key] = kept
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function removeFromList(value: unknown[], set: FieldSet, type: TypeDescription): unknown {
  if (value.length === 0) return value
  const items = type.items ?? DEDUCED
  const out: unknown[] = []
  for (const item of value) {
    let token
    try {
      token = itemToken(type, item)
    } catch (error) {
      if (!(error instanceof ItemKeyError)) throw error
      out.push(item)
      continue
    }
    if (set.hasMember(token)) continue
    const below = set.childAt(token)
    // An item emptied of all its fields stays, as the zero value a typed decode makes of it.
    out.push(below ? (removeItems(item, below, items) ?? {}) : item)
  }
  return out.length > 0 ? out : undefined
}

/**
 * The set plus, as members, every declared struct field that has children in it (smd's
 * EnsureNamedFieldsAreMembers): what apply's pruning removes and adds back by.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, type: TypeDescription): FieldSet {
  if (set.isEmpty) return set
  const out = FieldSet.empty()
  for (const token of set.members()) out.insert([token])
  for (const [token, child] of set.children()) {
    const isField = isFieldToken(token)
    const field = isField ? type.field(fieldNameOf(token)) : undefined
    if (field?.isDeclared) out.insert([token])
    // Below a list item the items' type; below a set value or an index, nothing smd can name.
    const childType = isField ? (field?.type ?? DEDUCED) : token.startsWith('k:') ? (type.items ?? DEDUCED) : DEDUCED
    out.attach(token, ensureNamedFieldsAreMembers(child, childType))
  }
  return out
}
