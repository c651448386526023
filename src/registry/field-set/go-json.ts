/**
 * JSON text as Go writes it, where watchplane must match kube byte for byte: managedFields keys
 * (`k:{"name":"web"}`, written by sigs.k8s.io/structured-merge-diff through json-iterator's
 * ConfigCompatibleWithStandardLibrary) and the last-applied annotation kube-apiserver writes
 * (encoding/json). Both sort map keys, escape `<`, `>`, `&`, U+2028 and U+2029, and write other
 * control characters as `\u00XX`; encoding/json (Go ≥ 1.22) alone writes `\b` and `\f` short.
 */
export interface GoJsonOptions {
  /** encoding/json's `\b` and `\f`; json-iterator writes `\u0008` and `\u000c` */
  isEncodingJson?: boolean
}

// One regex test keeps the common case (plain ASCII) to a single JSON.stringify.
const NEEDS_GO_ESCAPES = /[\u0000-\u001f<>&\u2028\u2029]/

export function goJsonString(text: string, options: GoJsonOptions = {}): string {
  const json = JSON.stringify(text)
  if (!NEEDS_GO_ESCAPES.test(text)) return json
  return json.replace(/\\[bf]|[<>&\u2028\u2029]/g, (match) => {
    if (match === '\\b') return options.isEncodingJson ? match : '\\u0008'
    if (match === '\\f') return options.isEncodingJson ? match : '\\u000c'
    return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** Any JSON value, maps with their keys sorted as Go sorts them (by UTF-8 bytes). */
export function goJson(value: unknown, options: GoJsonOptions = {}): string {
  if (typeof value === 'string') return goJsonString(value, options)
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((item) => goJson(item, options)).join(',')}]`
  const keys = Object.keys(value).sort(compareCodePoints)
  const fields = keys.map((key) => `${goJsonString(key, options)}:${goJson((value as Record<string, unknown>)[key], options)}`)
  return `{${fields.join(',')}}`
}

/**
 * Go compares strings byte by byte, which for UTF-8 is code point order; JavaScript compares
 * UTF-16 units, which differs only where a surrogate meets a unit at or above U+E000.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000
    }
    return x < y ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

const GO_SHORT_ESCAPES: Record<string, string> = {
  '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u000b': '\\v', '"': '\\"', '\\': '\\\\',
}

/** Go's `%q` (strconv.Quote) for the text kube puts in conflict paths: `"web"`. */
export function goQuote(text: string): string {
  const body = text.replace(/[\u0000-\u001f"\\\u007f]/g, (c) =>
    GO_SHORT_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  return `"${body}"`
}
