import { isJsonObject } from '../../api/json-object.js'
import type { Token } from '../field-set/path-element.js'
import { DEDUCED, type TypeDescription } from '../type-description/type-description.js'
import { isEmptyList, isEmptyMap, ItemKeyError, itemToken, sharedShape, typeOfKey } from './typed-value.js'

/**
 * An applied configuration merged into the live object (k8s: structured-merge-diff typed/merge.go,
 * rule keep-RHS): leaves take the configuration's value, maps merge key by key, list maps and sets
 * merge item by item in an order that keeps the live order and follows the configuration's.
 * Neither input is changed; the result shares unchanged subtrees with them.
 */
export function mergeApplied(live: unknown, config: unknown, type: TypeDescription): unknown {
  return merge(live, config, type)
}

function merge(lhs: unknown, rhs: unknown, type: TypeDescription): unknown {
  if (rhs === undefined) return lhs
  if (lhs === undefined) return rhs
  const shape = sharedShape(type, lhs, rhs)
  if (shape === 'map' && !(isEmptyMap(lhs) && isEmptyMap(rhs))) return mergeMaps(lhs, rhs, type)
  if (shape === 'list' && !(isEmptyList(lhs) && isEmptyList(rhs))) return mergeLists(lhs, rhs, type)
  return rhs
}

/** Keys in live order, then the new ones in configuration order. A null map merges as an empty one. */
function mergeMaps(lhs: unknown, rhs: unknown, type: TypeDescription): unknown {
  const l = isJsonObject(lhs) ? lhs : {}
  const r = isJsonObject(rhs) ? rhs : {}
  const out: Record<string, unknown> = {}
  for (const key in l) out[key] = merge(l[key], Object.hasOwn(r, key) ? r[key] : undefined, typeOfKey(type, key))
  for (const key in r) if (!Object.hasOwn(l, key)) out[key] = r[key]
  return out
}

/** A sentinel for live items smd indexes as duplicates: they merge as null, i.e. not at all. */
const DUPLICATE = null

interface Indexed {
  tokens: Token[]
  items: unknown[]
  byToken: Map<Token, unknown>
}

function index(type: TypeDescription, list: unknown, allowsDuplicates: boolean): Indexed {
  const out: Indexed = { tokens: [], items: [], byToken: new Map() }
  if (!Array.isArray(list)) return out
  for (const item of list) {
    let token: Token
    try {
      token = itemToken(type, item)
    } catch (error) {
      if (error instanceof ItemKeyError) continue
      throw error
    }
    if (out.byToken.has(token) && !allowsDuplicates) continue
    out.byToken.set(token, out.byToken.has(token) ? DUPLICATE : item)
    out.tokens.push(token)
    out.items.push(item)
  }
  return out
}

function mergeLists(lhs: unknown, rhs: unknown, type: TypeDescription): unknown {
  const items = type.items ?? DEDUCED
  const out: unknown[] = []
  interleave(index(type, lhs, true), index(type, rhs, false), (l, r) => {
    const merged = merge(l, r, items)
    if (merged !== undefined) out.push(merged)
  })
  return out.length > 0 ? out : undefined
}

/**
 * smd's mergingWalker.visitListItems, step for step: walk both lists together; an item in both is
 * merged where the configuration next expects a shared item, live-only items stay where they are,
 * configuration-only items come in configuration order. `emit` gets each pair to merge, in order.
 */
function interleave(l: Indexed, r: Indexed, emit: (lhs: unknown, rhs: unknown) => void): void {
  const shared = r.tokens.filter((t) => l.byToken.has(t))
  let nextShared = 0
  const merged = new Set<Token>()
  let li = 0
  let ri = 0
  while (li < l.tokens.length || ri < r.tokens.length) {
    if (li < l.tokens.length && ri < r.tokens.length) {
      const token = l.tokens[li]!
      if (token === r.tokens[ri]) {
        merged.add(token)
        emit(l.byToken.get(token), r.byToken.get(token))
        li += 1
        ri += 1
        nextShared += 1
        continue
      }
      if (r.byToken.has(token) && nextShared < shared.length && shared[nextShared] !== token) {
        li += 1 // a shared item, but not the one due now: it is merged when the configuration reaches it
        continue
      }
    }
    if (li < l.tokens.length) {
      const token = l.tokens[li]!
      if (!r.byToken.has(token)) {
        emit(l.items[li], undefined)
        li += 1
        continue
      }
      if (merged.has(token)) li += 1
    }
    if (ri < r.tokens.length) {
      const token = r.tokens[ri]!
      merged.add(token)
      emit(l.byToken.get(token), r.byToken.get(token))
      ri += 1
      if (shared[nextShared] === token) nextShared += 1
    }
  }
}
