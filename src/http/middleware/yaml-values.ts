/**
 * A reviver for the yaml package: the values YAML has and JSON lacks become what sigs.k8s.io/yaml's
 * YAML-to-JSON conversion makes of them (`!!binary` base64 text, a timestamp its RFC 3339 text, a
 * `!!set` or a map with non-string keys an object with string keys), so a YAML body decodes into
 * the same plain JSON object a JSON body would.
 */
export function jsonValueOf(_key: unknown, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]))
  if (value instanceof Set) return Object.fromEntries([...value].map((k) => [String(k), null]))
  if (typeof value === 'bigint') return Number(value)
  return value
}
