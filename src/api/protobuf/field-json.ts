import type { FieldSpec } from './message-table.js'

/** A field encoding/json leaves out (omitempty on a zero value). */
export const OMITTED: unique symbol = Symbol('omitted')

type DecodeChunks = (chunks: readonly Uint8Array[]) => unknown

/**
 * The JSON of one decoded field as encoding/json writes the Go field: a nil slice or map is null (or
 * left out with omitempty), a nil pointer likewise, a set pointer keeps its value even when zero, a
 * non-pointer zero scalar is left out under omitempty, a struct is never left out.
 */
export function fieldJson(field: FieldSpec, value: unknown, decodeChunks: DecodeChunks): unknown {
  if (field.isMap) return value === undefined ? nilJson(field) : mapJson(value as Map<string, unknown>)
  if (field.isRepeated) return value === undefined ? nilJson(field) : value
  if (!field.isScalar) {
    if (value === undefined && field.isPointer) return nilJson(field)
    return decodeChunks((value as Uint8Array[] | undefined) ?? [])
  }
  if (field.isPointer) return value === undefined ? nilJson(field) : value
  // A []byte absent from the wire stays nil (null); present, even empty, it is a slice.
  if (value === undefined && field.type === 'bytes') return nilJson(field)
  const json = value ?? zeroOf(field.type)
  return field.isOmitEmpty && isZero(json) ? OMITTED : json
}

const nilJson = (field: FieldSpec) => (field.isOmitEmpty ? OMITTED : null)

const zeroOf = (type: string) => (type === 'string' ? '' : type === 'bool' ? false : 0)

const isZero = (json: unknown) => json === '' || json === 0 || json === false

/** encoding/json writes map keys sorted; Object.fromEntries keeps a key named `__proto__` an own key. */
function mapJson(entries: Map<string, unknown>): Record<string, unknown> {
  const keys = [...entries.keys()].sort()
  return Object.fromEntries(keys.map((key) => [key, entries.get(key)]))
}
