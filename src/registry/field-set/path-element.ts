import { isJsonObject } from '../../api/json-object.js'
import { compareCodePoints, goJson, goQuote } from './go-json.js'
import { compareValues } from './value-order.js'

/**
 * One step of a field path, kept as its FieldsV1 key (its "token"), because that is what sets
 * store, compare for equality and serialize (k8s: structured-merge-diff fieldpath/element.go,
 * serialize-pe.go):
 * - `f:<name>`: a field of a struct or a key of a map;
 * - `k:<json>`: an item of a list map, by its key fields sorted by name (`k:{"name":"web"}`);
 * - `v:<json>`: an item of a set (`v:"example.com/a"`);
 * - `i:<n>`: a list index. structured-merge-diff still reads it but no longer writes it: atomic
 *   lists are owned whole, so nothing indexes into one.
 * Tokens are canonical (Go's JSON of the sorted key), so equal elements have equal tokens.
 */
export type Token = string

export const fieldToken = (name: string): Token => `f:${name}`

/** `fields` are the key fields in any order; the token sorts them by name, as smd's FieldList.Sort. */
export function keyToken(fields: Record<string, unknown>): Token {
  return `k:${goJson(fields)}`
}

export const valueToken = (value: unknown): Token => `v:${goJson(value)}`

export const isFieldToken = (token: Token): boolean => token.charCodeAt(0) === 0x66 /* f */

export const fieldNameOf = (token: Token): string => token.slice(2)

/** What a token names once decoded; k: and v: are parsed once and remembered (bounded). */
type Decoded = { kind: 'f'; name: string } | { kind: 'k'; fields: [string, unknown][] } | { kind: 'v'; value: unknown } | { kind: 'i'; index: number }

const DECODED_LIMIT = 4096
const decodedCache = new Map<Token, Decoded>()

function decode(token: Token): Decoded {
  const kind = token[0]
  if (kind === 'f') return { kind, name: token.slice(2) }
  if (kind === 'i') return { kind, index: Number(token.slice(2)) }
  let decoded = decodedCache.get(token)
  if (decoded === undefined) {
    const value: unknown = JSON.parse(token.slice(2))
    if (kind === 'k') {
      const fields = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareCodePoints(a, b))
      decoded = { kind: 'k', fields }
    } else decoded = { kind: 'v', value }
    if (decodedCache.size >= DECODED_LIMIT) decodedCache.clear()
    decodedCache.set(token, decoded)
  }
  return decoded
}

const KIND_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 }

/** smd's PathElement.Compare: fields, then keys, then values, then indexes, each by its own order. */
export function compareTokens(a: Token, b: Token): number {
  if (a === b) return 0
  const rankA = KIND_RANK[a[0]!]!
  const rankB = KIND_RANK[b[0]!]!
  if (rankA !== rankB) return rankA < rankB ? -1 : 1
  if (rankA === 0) return compareCodePoints(a, b)
  const x = decode(a)
  const y = decode(b)
  if (x.kind === 'i' && y.kind === 'i') return Math.sign(x.index - y.index)
  if (x.kind === 'v' && y.kind === 'v') return compareValues(x.value, y.value)
  if (x.kind === 'k' && y.kind === 'k') return compareFieldLists(x.fields, y.fields)
  return 0
}

function compareFieldLists(a: [string, unknown][], b: [string, unknown][]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const byName = compareCodePoints(a[i]![0], b[i]![0])
    if (byName !== 0) return byName
    const byValue = compareValues(a[i]![1], b[i]![1])
    if (byValue !== 0) return byValue
  }
  return Math.sign(a.length - b.length)
}

/** The element as kube prints it in conflict paths: `.image`, `[name="web"]`, `[="a"]`, `[0]`. */
export function tokenToString(token: Token): string {
  const d = decode(token)
  switch (d.kind) {
    case 'f':
      return `.${d.name}`
    case 'k':
      return `[${d.fields.map(([name, value]) => `${name}=${valueToString(value)}`).join(',')}]`
    case 'v':
      return `[=${valueToString(d.value)}]`
    case 'i':
      return `[${d.index}]`
  }
}

export const pathToString = (path: readonly Token[]): string => path.map(tokenToString).join('')

/** smd's value.ToString: strings quoted as Go's %q, maps as `k=v` run together. */
function valueToString(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return goQuote(value)
  if (Array.isArray(value)) return `[${value.map(valueToString).join(',')}]`
  if (isJsonObject(value)) return Object.entries(value).map(([k, v]) => `${k}=${valueToString(v)}`).join('')
  return String(value)
}

/** Thrown for a FieldsV1 key that cannot be read; unknown kinds are skipped instead, as smd does. */
export class MalformedTokenError extends Error {}

/**
 * A FieldsV1 key as a client sent it, made canonical: k: and v: are re-encoded from their JSON
 * (a client may space or order them differently). Undefined for a kind smd does not know.
 */
export function canonicalToken(raw: string): Token | undefined {
  if (raw.length < 2 || raw[1] !== ':') throw new MalformedTokenError(`key must be 2 characters long: ${raw}`)
  switch (raw[0]) {
    case 'f':
      return raw
    case 'i':
      if (!/^-?\d+$/.test(raw.slice(2))) throw new MalformedTokenError(`invalid index: ${raw}`)
      return `i:${Number(raw.slice(2))}`
    case 'k':
    case 'v':
      return canonicalJsonTokenCached(raw)
    default:
      return undefined
  }
}

// Every write reads the stored managedFields again: their k: and v: keys repeat, so each is made
// canonical once (bounded, like the decoded-token cache).
const canonicalCache = new Map<string, Token>()

function canonicalJsonTokenCached(raw: string): Token {
  let token = canonicalCache.get(raw)
  if (token === undefined) {
    token = canonicalJsonToken(raw)
    if (canonicalCache.size >= DECODED_LIMIT) canonicalCache.clear()
    canonicalCache.set(raw, token)
  }
  return token
}

function canonicalJsonToken(raw: string): Token {
  let value: unknown
  try {
    value = JSON.parse(raw.slice(2))
  } catch (error) {
    throw new MalformedTokenError(`${raw}: ${(error as Error).message}`)
  }
  if (raw[0] === 'k' && !isJsonObject(value)) throw new MalformedTokenError(`${raw}: a key must be an object`)
  return `${raw[0]}:${goJson(value)}`
}
