import type { FieldSpec } from './message-table.js'

/** A field encoding/json leaves out (omitempty on a zero value). */
export const OMITTED: unique symbol = Symbol('omitted')

/** An absent struct field: never left out, it is the JSON of the empty struct (decoded from no bytes). */
export const EMPTY_STRUCT: unique symbol = Symbol('empty struct')

/**
 * The JSON of a field the wire did not carry, as encoding/json writes the Go field gogo left at its
 * zero value: a nil slice, map or pointer is null (or left out with omitempty), a []byte too (nil,
 * not empty), a zero scalar is its zero (or left out with omitempty), a struct is never left out.
 * It depends on the field alone, so the decoder asks once per field.
 */
export function absentJson(field: FieldSpec): unknown {
  if (field.isMap || field.isRepeated || field.isPointer || field.type === 'bytes') return nilJson(field)
  if (!field.isScalar) return EMPTY_STRUCT
  return field.isOmitEmpty ? OMITTED : zeroOf(field.type)
}

/**
 * The JSON of a scalar, repeated or map field the wire carried: a set pointer keeps its value even
 * when zero, a non-pointer zero scalar is left out under omitempty. (A singular message is the
 * decoder's: it decodes the struct.)
 */
export function presentJson(field: FieldSpec, value: unknown): unknown {
  if (field.isMap) return mapJson(value as unknown[])
  if (field.isRepeated || field.isPointer) return value
  return field.isOmitEmpty && isZero(value) ? OMITTED : value
}

/** A nil slice, map or pointer: null, or left out under omitempty. */
const nilJson = (field: FieldSpec) => (field.isOmitEmpty ? OMITTED : null)

/** Go's zero value of a scalar, as JSON. */
export const zeroOf = (type: string) => (type === 'string' || type === 'bytes' ? '' : type === 'bool' ? false : 0)

const isZero = (json: unknown) => json === '' || json === 0 || json === false

/**
 * A map's entries (key, value, key, value… in wire order) as encoding/json writes the Go map: keys
 * sorted, a repeated key holding its last value (gogo sets the key again). Object.defineProperty
 * keeps a key named `__proto__` an own key.
 */
function mapJson(entries: readonly unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  if (entries.length === 2) {
    setKey(object, entries[0] as string, entries[1])
    return object
  }
  const order = Array.from({ length: entries.length / 2 }, (_, i) => 2 * i)
  // Stable: of a repeated key, the last entry is set last.
  order.sort((a, b) => compareKeys(entries[a] as string, entries[b] as string))
  for (const i of order) setKey(object, entries[i] as string, entries[i + 1])
  return object
}

/** Array.prototype.sort's default order: by UTF-16 code units. */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
  else object[key] = value
}
