import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken, type Token } from '../field-set/path-element.js'
import { valuesEqual } from '../field-set/value-order.js'
import { DEDUCED, type EmptyValueField, type TypeDescription } from '../type-description/type-description.js'
import { isEmptyList, isEmptyMap, ItemKeyError, itemToken, sharedShape, typeOfKey } from './typed-value.js'

/** What changed from one object to the next; no path is in two of the sets. */
export interface Comparison {
  added: FieldSet
  modified: FieldSet
  removed: FieldSet
}

/**
 * Compares two values of one type (k8s: structured-merge-diff typed/compare.go): leaves (scalars,
 * atomic maps and lists, maps or lists empty on both sides) are added, removed or modified; a map
 * or list item present on one side only is itself added or removed besides its fields. `undefined`
 * is absent. Struct fields a Go value always writes (`emptyValueFields`) count as present, because
 * kube compares typed objects.
 */
export function compareObjects(lhs: unknown, rhs: unknown, type: TypeDescription): Comparison {
  const c: Comparison = { added: FieldSet.empty(), modified: FieldSet.empty(), removed: FieldSet.empty() }
  compareNode(c, { lhs, rhs, type, path: [] })
  return c
}

interface Node {
  lhs: unknown
  rhs: unknown
  type: TypeDescription
  /** shared and changed in place while walking: push before a descent, pop after */
  path: Token[]
}

function compareNode(c: Comparison, n: Node): void {
  const shape = sharedShape(n.type, n.lhs, n.rhs)
  const isLeaf =
    shape === 'leaf' ||
    (shape === 'map' && isEmptyMap(n.lhs) && isEmptyMap(n.rhs)) ||
    (shape === 'list' && isEmptyList(n.lhs) && isEmptyList(n.rhs))
  if (isLeaf) {
    if (n.lhs === undefined) c.added.insert(n.path)
    else if (n.rhs === undefined) c.removed.insert(n.path)
    else if (!valuesEqual(n.lhs, n.rhs)) c.modified.insert(n.path)
    return
  }
  // Equal subtrees change nothing; one equality walk is cheaper than naming every item in them.
  if (n.lhs !== undefined && n.rhs !== undefined && valuesEqual(n.lhs, n.rhs)) return
  if (shape === 'map') compareMaps(c, n)
  else compareLists(c, n)
  if (n.lhs === undefined) c.added.insert(n.path)
  else if (n.rhs === undefined) c.removed.insert(n.path)
}

function compareMaps(c: Comparison, n: Node): void {
  const lhs = isJsonObject(n.lhs) ? n.lhs : undefined
  const rhs = isJsonObject(n.rhs) ? n.rhs : undefined
  const empties = n.type.emptyValueFields
  const visit = (key: string) => {
    const l = valueAt(lhs, key, empties)
    const r = valueAt(rhs, key, empties)
    if (l === undefined && r === undefined) return
    n.path.push(fieldToken(key))
    compareNode(c, { lhs: l, rhs: r, type: typeOfKey(n.type, key), path: n.path })
    n.path.pop()
  }
  if (lhs) for (const key in lhs) visit(key)
  if (rhs) for (const key in rhs) if (!lhs || !Object.hasOwn(lhs, key)) visit(key)
  for (const field of empties ?? []) {
    if (!(lhs && Object.hasOwn(lhs, field.name)) && !(rhs && Object.hasOwn(rhs, field.name))) visit(field.name)
  }
}

/** A map's value at `key`; a present struct lacking a field Go always writes reads as its zero. */
function valueAt(object: JsonObject | undefined, key: string, empties: readonly EmptyValueField[] | undefined): unknown {
  if (!object) return undefined
  if (Object.hasOwn(object, key)) return object[key]
  const empty = empties?.find((f) => f.name === key)
  return empty === undefined ? undefined : empty.isStruct ? {} : null
}

function compareLists(c: Comparison, n: Node): void {
  const lhs = byToken(n.type, n.lhs)
  const rhs = byToken(n.type, n.rhs)
  const items = n.type.items ?? DEDUCED
  const tokens = new Set([...lhs.keys(), ...rhs.keys()])
  for (const token of tokens) {
    const l = lhs.get(token) ?? []
    const r = rhs.get(token) ?? []
    n.path.push(token)
    if (l.length <= 1 && r.length <= 1) {
      compareNode(c, { lhs: l[0], rhs: r[0], type: items, path: n.path })
    } else if (l.length >= 2 && r.length >= 2) {
      // Duplicates on both sides compare as one atomic value.
      if (l.length !== r.length || l.some((item, i) => !valuesEqual(item, r[i]))) c.modified.insert(n.path)
    } else if (l.length >= 2) {
      if (r.length) compareNode(c, { lhs: undefined, rhs: r[0], type: items, path: n.path })
      c.removed.insert(n.path)
    } else {
      if (l.length) compareNode(c, { lhs: l[0], rhs: undefined, type: items, path: n.path })
      c.added.insert(n.path)
    }
    n.path.pop()
  }
}

/** A list's items grouped by token, duplicates kept together; items without one are skipped, as smd skips them. */
function byToken(type: TypeDescription, list: unknown): Map<Token, unknown[]> {
  const out = new Map<Token, unknown[]>()
  if (!Array.isArray(list)) return out
  for (const item of list) {
    let token: Token
    try {
      token = itemToken(type, item)
    } catch (error) {
      if (error instanceof ItemKeyError) continue
      throw error
    }
    const group = out.get(token)
    if (group) group.push(item)
    else out.set(token, [item])
  }
  return out
}
