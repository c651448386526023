import { isJsonObject, type JsonObject } from '../../api/json-object.js'

// kube's defaulters (k8s: pkg/apis/<group>/v1/defaults.go and the declarative `+default` markers
// of k8s.io/api, both run by zz_generated.defaults.go) fill a field only while it is unset in the
// Go sense: a pointer field while nil, a plain field while it holds its zero value. JSON's null
// decodes to either. These helpers say which one a table of defaults means.

const isNil = (value: unknown) => value === undefined || value === null
const isZero = (value: unknown) => isNil(value) || value === '' || value === 0

/** A copy of a JSON value (a default from a table): plain objects and arrays, far cheaper than structuredClone. */
function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(copyJson)
  const copy: JsonObject = {}
  for (const key in value) copy[key] = copyJson((value as JsonObject)[key])
  return copy
}

function fill(obj: JsonObject, values: Readonly<JsonObject>, isUnset: (value: unknown) => boolean): void {
  for (const field in values) {
    if (isUnset(obj[field])) obj[field] = copyJson(values[field])
  }
}

/** Fills the pointer fields (`*int32`, `*bool`, structs behind pointers) of `values` left nil. */
export const defaultNil = (obj: JsonObject, values: Readonly<JsonObject>): void => fill(obj, values, isNil)

/** Fills the plain fields (`string`, `int32`) of `values` still at their zero value ("" or 0). */
export const defaultZero = (obj: JsonObject, values: Readonly<JsonObject>): void => fill(obj, values, isZero)

/** The object at `field`, or undefined when the field is unset (or, against the schema, not an object). */
export function objectAt(obj: JsonObject | undefined, field: string): JsonObject | undefined {
  const value = obj?.[field]
  return isJsonObject(value) ? value : undefined
}

/**
 * The object at `field`, made `{}` when unset: a Go struct field (always there once decoded) or a
 * pointer the defaulter allocates.
 */
export function ensureObject(obj: JsonObject, field: string): JsonObject {
  const value = obj[field]
  if (isJsonObject(value)) return value
  const made: JsonObject = {}
  obj[field] = made
  return made
}

/** The objects of the array at `field` (a Go slice of structs); [] when unset. */
export function objectsIn(obj: JsonObject | undefined, field: string): JsonObject[] {
  const value = obj?.[field]
  return Array.isArray(value) ? value.filter(isJsonObject) : []
}

/** A Go map (labels, a ResourceList) is empty when nil or without keys; `len(m) == 0`. */
export const isEmptyMap = (value: unknown): boolean => !isJsonObject(value) || Object.keys(value).length === 0

/**
 * An ObjectMeta inside a spec (a pod template's, a claim template's) is a struct field: Go writes
 * it even when empty, and its zero creationTimestamp as null (1.32's metav1.Time has no omitzero).
 */
export function ensureEmbeddedMetadata(holder: JsonObject): JsonObject {
  const metadata = ensureObject(holder, 'metadata')
  if (metadata.creationTimestamp === undefined) metadata.creationTimestamp = null
  return metadata
}
