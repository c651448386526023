import { isJsonObject } from '../../api/json-object.js'
import { compareCodePoints } from './go-json.js'

/**
 * smd's total order of values (value.Compare): numbers, then strings, booleans, lists, maps and
 * null last; lists and maps lexically. Set items (`v:`) and list-map keys (`k:`) sort by it.
 */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = rankOf(a)
  const rankB = rankOf(b)
  if (rankA !== rankB) return rankA < rankB ? -1 : 1
  switch (rankA) {
    case 0:
      return Math.sign((a as number) - (b as number))
    case 1:
      return compareCodePoints(a as string, b as string)
    case 2:
      return a === b ? 0 : a ? 1 : -1
    case 3:
      return compareLists(a as unknown[], b as unknown[])
    case 4:
      return compareMaps(a as Record<string, unknown>, b as Record<string, unknown>)
    default:
      return 0
  }
}

function rankOf(value: unknown): number {
  if (typeof value === 'number') return 0
  if (typeof value === 'string') return 1
  if (typeof value === 'boolean') return 2
  if (Array.isArray(value)) return 3
  if (isJsonObject(value)) return 4
  return 5
}

function compareLists(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return Math.sign(a.length - b.length)
}

/** smd's MapCompare: keys in lexical order; the map that runs out of keys first is smaller. */
function compareMaps(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodePoints)
  const lengthA = Object.keys(a).length
  const lengthB = Object.keys(b).length
  for (const [i, key] of keys.entries()) {
    if (i === lengthA) return -1
    if (i === lengthB) return 1
    if (!Object.hasOwn(a, key)) return 1
    if (!Object.hasOwn(b, key)) return -1
    const c = compareValues(a[key], b[key])
    if (c !== 0) return c
  }
  return 0
}

/** smd's value.Equals: deep equality where key order does not matter. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const keysA = Object.keys(a)
  if (keysA.length !== Object.keys(b).length) return false
  for (const key of keysA) {
    if (!Object.hasOwn(b, key) || !valuesEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  }
  return true
}
