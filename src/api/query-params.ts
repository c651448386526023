import { badRequest } from './errors.js'

// Query parameters read the way kube-apiserver reads them. Its generated conversions
// (k8s: apimachinery pkg/apis/meta/v1/zz_generated.conversion.go, Convert_url_Values_To_v1_*) use a
// parameter only when it is present with a value, and then only its first value, through the
// converters of apimachinery pkg/runtime/conversion.go mirrored here. Every handler reads its
// parameters through these functions, so `watch=True` (the python client) means the same everywhere.

/** The parameter's first value (Convert_Slice_string_To_string); undefined when absent. */
export function queryString(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) ?? undefined
}

/** Every value of a repeated parameter (dryRun), in order; [] when absent. */
export function queryStrings(query: URLSearchParams, name: string): string[] {
  return query.getAll(name)
}

/**
 * Convert_Slice_string_To_Pointer_bool as the generated code calls it: undefined when absent
 * (a nil pointer); "0" and "false" in any case are false; anything else, "" and "True"
 * included, is true. (requestinfo.go decides watch vs list with the same rule, lowercasing.)
 */
export function queryOptionalBool(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  return !(raw === '0' || raw.toLowerCase() === 'false')
}

/** Convert_Slice_string_To_bool: as queryOptionalBool, and absent is false. */
export function queryBool(query: URLSearchParams, name: string): boolean {
  return queryOptionalBool(query, name) ?? false
}

/**
 * Convert_Slice_string_To_Pointer_int64 (and Convert_Slice_string_To_int64, whose callers default
 * an absent value to 0): undefined when absent, else strconv.ParseInt(value, 10, 64), whose error
 * kube answers verbatim as a 400. Precision past 2^53 is lost, which no caller can tell apart.
 */
export function queryInt64(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name)
  return raw === null ? undefined : parseInt64(raw)
}

const UINT64_MAX = 2n ** 64n - 1n
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/**
 * Go's strconv.ParseInt(s, 10, 64): an optional sign, then decimal digits only (no spaces, no
 * underscores in base 10). Digits that overflow before a bad character make a range error, as
 * ParseUint's left-to-right scan finds the overflow first.
 */
export function parseInt64(raw: string): number {
  const [, sign = '', digits = '', rest = ''] = /^([+-]?)(\d*)(.*)$/s.exec(raw) ?? []
  const fail = (why: string) => badRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: ${why}`)
  if (digits === '') throw fail('invalid syntax')
  const magnitude = BigInt(digits)
  if (magnitude > UINT64_MAX) throw fail('value out of range')
  if (rest !== '') throw fail('invalid syntax')
  const value = sign === '-' ? -magnitude : magnitude
  if (value < INT64_MIN || value > INT64_MAX) throw fail('value out of range')
  return Number(value)
}
