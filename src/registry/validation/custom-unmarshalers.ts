/**
 * The apimachinery types with their own UnmarshalJSON. kube's decoder returns their errors as they are
 * (no "Go struct field" context) and stops decoding there. Messages follow k8s: apimachinery
 * pkg/util/intstr/intstr.go, pkg/api/resource/quantity.go and pkg/apis/meta/v1/time.go.
 */

/** How encoding/json names a JSON value in "cannot unmarshal <value>": `number 1.5` only for a bad number. */
export function jsonValueKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'string':
      return 'string'
    case 'boolean':
      return 'bool'
    case 'number':
      return 'number'
    default:
      return 'object'
  }
}

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1

export const fitsInt32 = (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX
export const fitsInt64 = (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63

/** IntOrString: a string, or else whatever json.Unmarshal into an int32 accepts. */
export function intOrStringError(value: unknown): string | undefined {
  if (typeof value === 'string') return undefined
  if (typeof value === 'number') {
    return fitsInt32(value) ? undefined : `json: cannot unmarshal number ${value} into Go value of type int32`
  }
  return `json: cannot unmarshal ${jsonValueKind(value)} into Go value of type int32`
}

const SPLIT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
const SPLIT_RE = new RegExp(SPLIT)
const SUFFIX_RE = /^(?:|[KMGTPE]i|[numkMGTPE]|[eE][-+]?[0-9]+)$/
const FORMAT_WRONG = `quantities must match the regular expression '${SPLIT}'`

/** Quantity: the text of a string or number must parse as a quantity (ParseQuantity). */
export function quantityError(value: unknown): string | undefined {
  if (typeof value === 'number') return undefined
  if (typeof value !== 'string') return FORMAT_WRONG
  const parts = SPLIT_RE.exec(value.trim())
  if (!parts) return FORMAT_WRONG
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(parts[1]!)) return 'unable to parse numeric part of quantity'
  return SUFFIX_RE.test(parts[2]!) ? undefined : "unable to parse quantity's suffix"
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

/** Time and MicroTime: a JSON string holding an RFC 3339 time. */
export function timeError(value: unknown): string | undefined {
  if (typeof value !== 'string') return `json: cannot unmarshal ${jsonValueKind(value)} into Go value of type string`
  if (RFC3339.test(value)) return undefined
  // Go names the first layout element that failed to parse; this names the first, the year, always.
  const quoted = JSON.stringify(value)
  return `parsing time ${quoted} as "2006-01-02T15:04:05Z07:00": cannot parse ${quoted} as "2006"`
}
