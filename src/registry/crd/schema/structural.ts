import { isJsonObject } from '../../../api/json-object.js'
import type { JsonSchemaProps } from '../crd-types.js'

// Navigation of a structural schema, as apiextensions' Structural type reads it
// (k8s: apiextensions-apiserver pkg/apiserver/schema/structural.go).

export const propertyOf = (s: JsonSchemaProps | undefined, name: string): JsonSchemaProps | undefined =>
  s?.properties && Object.hasOwn(s.properties, name) ? s.properties[name] : undefined

/** `additionalProperties` as Structural holds it: present (a schema, or `true` with none), or absent. */
export function additionalOf(s: JsonSchemaProps | undefined): { schema: JsonSchemaProps | undefined } | undefined {
  const additional = s?.additionalProperties
  if (additional === undefined || additional === false) return undefined
  return { schema: isJsonObject(additional) ? (additional as JsonSchemaProps) : undefined }
}

/** The schema of one key of an object: its property, else additionalProperties' schema. */
export const fieldSchemaOf = (s: JsonSchemaProps | undefined, name: string): JsonSchemaProps | undefined =>
  propertyOf(s, name) ?? additionalOf(s)?.schema

export const itemsOf = (s: JsonSchemaProps | undefined): JsonSchemaProps | undefined =>
  isJsonObject(s?.items) ? (s!.items as JsonSchemaProps) : undefined

export const preservesUnknown = (s: JsonSchemaProps | undefined) => s?.['x-kubernetes-preserve-unknown-fields'] === true
export const isEmbedded = (s: JsonSchemaProps | undefined) => s?.['x-kubernetes-embedded-resource'] === true

/** apiVersion, kind and metadata: never pruned in a resource root or an embedded resource. */
export const META_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata'])

/** The resource root is treated as an embedded resource (pruning.go, coerce.go: isResourceRoot). */
export function asResourceRoot(s: JsonSchemaProps | undefined): JsonSchemaProps {
  if (s === undefined) return EMPTY_RESOURCE_ROOT
  if (isEmbedded(s)) return s
  // Every write of a custom resource asks, twice (pruning, metadata): a CRD's schemas are never
  // changed in place (a changed CRD brings new ones), so each root's copy is made once.
  let root = resourceRoots.get(s)
  if (root === undefined) {
    root = { ...s, 'x-kubernetes-embedded-resource': true }
    resourceRoots.set(s, root)
  }
  return root
}

const EMPTY_RESOURCE_ROOT: JsonSchemaProps = Object.freeze({ 'x-kubernetes-embedded-resource': true })
const resourceRoots = new WeakMap<JsonSchemaProps, JsonSchemaProps>()

/** A JSON path as apiextensions records it for unknown fields: `spec.x`, `spec.items[0].y`. */
export const appendKey = (path: string, key: string) => (path ? `${path}.${key}` : key)
export const appendIndex = (path: string, i: number) => `${path}[${i}]`
