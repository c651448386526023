import { isJsonObject } from '../../../api/json-object.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { additionalOf, fieldSchemaOf, itemsOf } from './structural.js'

const isNonNullableNull = (x: unknown, s: JsonSchemaProps | undefined) => x === null && s !== undefined && s.nullable !== true

/**
 * Drops `null` where the schema neither allows it nor has a default for it (k8s:
 * apiextensions-apiserver pkg/apiserver/schema/defaulting/prunenulls.go): what Go's decoder does
 * to a null in a non-pointer field.
 */
export function pruneNonNullableNulls(x: unknown, s: JsonSchemaProps | undefined): void {
  if (Array.isArray(x)) {
    for (const v of x) pruneNonNullableNulls(v, itemsOf(s))
    return
  }
  if (!isJsonObject(x)) return
  for (const k of Object.keys(x)) {
    const schema = fieldSchemaOf(s, k)
    if (isNonNullableNull(x[k], schema) && schema!.default === undefined) delete x[k]
    else pruneNonNullableNulls(x[k], schema)
  }
}

/**
 * Fills in `default`s where a field is absent or a non-nullable null, then descends (k8s:
 * apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go). Defaults are copied.
 */
export function applySchemaDefaults(x: unknown, s: JsonSchemaProps | undefined): void {
  if (!s) return
  if (Array.isArray(x)) {
    const items = itemsOf(s)
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], items) && items!.default !== undefined) x[i] = structuredClone(items!.default)
      applySchemaDefaults(x[i], items)
    }
    return
  }
  if (!isJsonObject(x)) return
  for (const [k, property] of Object.entries(s.properties ?? {})) {
    if (property.default === undefined) continue
    if (!Object.hasOwn(x, k) || isNonNullableNull(x[k], property)) x[k] = structuredClone(property.default)
  }
  const additional = additionalOf(s)?.schema
  for (const k of Object.keys(x)) {
    const property = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined
    if (property) applySchemaDefaults(x[k], property)
    else if (additional) {
      if (isNonNullableNull(x[k], additional) && additional.default !== undefined) x[k] = structuredClone(additional.default)
      applySchemaDefaults(x[k], additional)
    }
  }
}

/** Whether any node of the schema carries a default. */
export function schemaHasDefaults(s: JsonSchemaProps | undefined): boolean {
  if (!s) return false
  if (s.default !== undefined) return true
  if (Object.values(s.properties ?? {}).some(schemaHasDefaults)) return true
  return schemaHasDefaults(additionalOf(s)?.schema) || schemaHasDefaults(itemsOf(s))
}
