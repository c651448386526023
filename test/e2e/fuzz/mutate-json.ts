import type { Prng } from './prng.js'

type Path = Array<string | number>

/** Every path inside a JSON value, the root ([]) included: the places a mutation can hit. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])))
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]))
  }
  return paths
}

/** A copy of `root` with the value at `path` replaced (or removed when `value` is `REMOVE`). */
export function withValueAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value === REMOVE ? {} : value
  const copy = structuredClone(root) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (value === REMOVE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete parent[last]
  } else parent[last] = value
  return copy
}

export const REMOVE = Symbol('remove')

const isPlainObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value)

const valueAt = (root: unknown, path: Path): unknown => path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], root)

// Raw number texts no JavaScript number writes: beyond 2^53, beyond float64, odd forms.
const RAW_NUMBERS = ['9007199254740993', '123456789012345678901234567890', '-9223372036854775809', '1e400', '-1e400', '1e-400', '-0', '0.1e+99999', '1E308', '4.9e-324', '18446744073709551616']
const RAW_MARK = '\u0001raw:'

const nested = (depth: number, open: string, close: string, leaf: string) => open.repeat(depth) + leaf + close.repeat(depth)

/** A value of some other type or shape: what a mutation puts in a field. */
export function strangeValue(rng: Prng): unknown {
  switch (rng.int(16)) {
    case 0: return rng.pick([0, -1, 1.5, -2147483649, 2147483648, Number.MAX_SAFE_INTEGER])
    case 1: return rng.pick([true, false])
    case 2: return null
    case 3: return ''
    case 4: return 'x'.repeat(rng.pick([256, 4096, 70_000, 300_000]))
    case 5: return []
    case 6: return {}
    case 7: return [1, 'a', null, { b: [true] }]
    case 8: return { a: { b: { c: [1, { d: null }] } } }
    case 9: return rng.pick(['\u0000', '\ud800', '\udfff\ud800', '🦄💥', 'é\u0301', '\u202e', 'a\r\nb', '<script>', '${x}', '%00', '\\'])
    case 10: return `${RAW_MARK}${rng.pick(RAW_NUMBERS)}`
    case 11: return rng.string(rng.between(1, 64))
    case 12: return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')
    case 13: return `${RAW_MARK}${nested(rng.pick([50, 400, 600, 3000]), '[', ']', '1')}`
    case 14: return `${RAW_MARK}${nested(rng.pick([50, 400, 600, 3000]), '{"a":', '}', '1')}`
    default: return Array.from({ length: rng.pick([100, 2000]) }, (_, i) => ({ name: `n${i}` }))
  }
}

/** Serializes, then swaps each raw mark for its raw text (JSON.stringify could never write it). */
export function serialize(value: unknown): string {
  // JSON.parse keeps `__proto__` as an own key; JSON.stringify then writes it, as an attacker would.
  return JSON.stringify(value).replace(/"\\u0001raw:((?:[^"\\]|\\.)*)"/g, (_, raw: string) => JSON.parse(`"${raw}"`) as string)
}

/** Text-level damage to a serialized body: truncation, flipped or inserted bytes, repeated keys. */
export function damageText(text: string, rng: Prng): string {
  const at = rng.int(text.length + 1)
  switch (rng.int(7)) {
    case 0: return text.slice(0, at)
    case 1: return text.slice(0, at) + rng.string(rng.between(1, 8)) + text.slice(at + 1)
    case 2: return text.slice(0, at) + rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'NaN', 'Infinity', 'undefined']) + text.slice(at)
    case 3: return text.replace(/"name":/, '"name":"dup","name":')
    case 4: return text.replace(/\{"/g, (m) => (rng.chance(0.3) ? '{"dup":1,"dup":{},"' : m))
    case 5: return text + rng.pick(['', '}', ' garbage', '\n{"a":1}', '\u0000'])
    default: return `\ufeff${text}`
  }
}

/** One mutation of a valid object at a random level: a strange value, a removed field, a strange key. */
export function mutateObject(object: unknown, rng: Prng): unknown {
  const paths = pathsOf(object)
  const path = rng.pick(paths)
  switch (rng.int(4)) {
    case 0: return withValueAt(object, path, REMOVE)
    case 1: {
      const objectPaths = paths.filter((p) => isPlainObject(valueAt(object, p)))
      if (objectPaths.length === 0) return strangeValue(rng)
      const key = rng.pick(['__proto__', 'constructor', 'prototype', '', ' ', 'apiVersion', 'metadata', '$patch', '\u0000', 'x'.repeat(5000)])
      return withValueAt(object, [...rng.pick(objectPaths), key], strangeValue(rng))
    }
    default: return withValueAt(object, path, strangeValue(rng))
  }
}
