import type { StatusCause } from './types.js'

// Field errors as apimachinery/pkg/util/validation/field/errors.go words them in a 422's causes:
// `Required value[: detail]`, `Invalid value: <value>: detail`, `Unsupported value: …`,
// `Forbidden: detail`. A bad value is printed as Go prints it: %q for strings, %v for numbers and
// booleans, %#v for the rest (see goSlice, goStringMap).

export const requiredField = (field: string, detail = ''): StatusCause => ({
  reason: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
})

/** `rendered` is the value as Go prints it: goValue(), goSlice(), goStringMap() or a Go literal. */
export const invalidField = (field: string, rendered: string, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${rendered}: ${detail}`,
})

export const unsupportedField = (field: string, value: string, supported: readonly string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => goValue(s)).join(', ')}`,
})

export const forbiddenField = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` })

/** field.ValidateImmutableField's cause. */
export const immutableField = (field: string, rendered: string): StatusCause => invalidField(field, rendered, 'field is immutable')

/** A scalar as Go's field errors print it: %q for strings, %v for numbers and booleans, "null" when unset. */
export function goValue(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** %#v of a []string: `[]string{"a", "b"}`; `[]string(nil)` when unset. */
export function goSlice(values: readonly unknown[] | undefined, type = '[]string'): string {
  return values === undefined ? `${type}(nil)` : `${type}{${values.map((v) => goValue(v)).join(', ')}}`
}

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`. */
export function goStringMap(map: Record<string, unknown> | undefined): string {
  if (map === undefined) return 'map[string]string(nil)'
  const pairs = Object.keys(map).sort().map((k) => `${goValue(k)}:${goValue(map[k])}`)
  return `map[string]string{${pairs.join(', ')}}`
}
