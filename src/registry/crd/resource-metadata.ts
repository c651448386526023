import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import type { StatusCause } from '../../api/types.js'
import { nameRuleErrors } from '../object-names.js'
import { findFieldIssues } from '../validation/field-walker.js'
import type { Shape } from '../validation/schema-shape.js'
import type { JsonSchemaProps } from './crd-types.js'
import { appendIndex, appendKey, asResourceRoot, fieldSchemaOf, isEmbedded, itemsOf } from './schema/structural.js'

/** One `metadata` of the object: at the root, or of an embedded resource (`spec.template.metadata`). */
interface MetadataAt {
  /** `metadata`, `spec.template.metadata` */
  path: string
  owner: JsonObject
}

/** Every metadata the schema makes ObjectMeta: the root's and each embedded resource's. */
function metadataOf(object: unknown, schema: JsonSchemaProps | undefined): MetadataAt[] {
  const found: MetadataAt[] = []
  const walk = (x: unknown, s: JsonSchemaProps | undefined, path: string) => {
    if (!s) return
    if (Array.isArray(x)) return x.forEach((v, i) => walk(v, itemsOf(s), appendIndex(path, i)))
    if (!isJsonObject(x)) return
    if (isEmbedded(s) && isJsonObject(x['metadata'])) found.push({ path: appendKey(path, 'metadata'), owner: x })
    for (const k of Object.keys(x)) if (!(isEmbedded(s) && k === 'metadata')) walk(x[k], fieldSchemaOf(s, k), appendKey(path, k))
  }
  walk(object, asResourceRoot(schema), '')
  return found
}

export interface MetadataIssues {
  /** fields ObjectMeta does not have, in strict decoding's path form: `metadata.foo` */
  unknownFields: string[]
  /** the decoder's error for a wrongly typed metadata field, as kube reports it (a 400) */
  typeError?: string
}

/**
 * How kube's decoding of a custom resource reads each ObjectMeta (k8s: apiextensions-apiserver
 * pkg/apiserver/schema/objectmeta/coerce.go GetObjectMetaWithOptions): into the Go type, so
 * unknown fields are dropped (and reported) and a wrongly typed one fails the request.
 */
export function checkMetadata(object: unknown, schema: JsonSchemaProps | undefined, objectMeta: Shape): MetadataIssues {
  const issues: MetadataIssues = { unknownFields: [] }
  for (const { path, owner } of metadataOf(object, schema)) {
    const found = findFieldIssues(owner['metadata'], objectMeta, true)
    issues.unknownFields.push(...found.unknownFields.map((p) => `${path}.${p}`))
    if (!issues.typeError && found.typeErrors[0]) issues.typeError = found.typeErrors[0].message
  }
  return issues
}

/** Drops what checkMetadata reports unknown: ObjectMeta keeps only its own fields. */
export function dropUnknownMetadata(object: unknown, schema: JsonSchemaProps | undefined, objectMeta: Shape): void {
  for (const { owner } of metadataOf(object, schema)) {
    for (const path of findFieldIssues(owner['metadata'], objectMeta, true).unknownFields) deleteAt(owner['metadata'], path)
  }
}

function deleteAt(root: unknown, path: string): void {
  const steps = path.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '')
  let at: unknown = root
  for (const step of steps.slice(0, -1)) at = (at as Record<string, unknown> | undefined)?.[step]
  if (isJsonObject(at)) delete at[steps.at(-1)!]
}

/**
 * An embedded resource must name its apiVersion and kind, and its metadata must be valid object
 * metadata (k8s: apiextensions-apiserver pkg/apiserver/schema/objectmeta/validation.go).
 */
export function validateEmbeddedResources(object: unknown, schema: JsonSchemaProps | undefined): StatusCause[] {
  const causes: StatusCause[] = []
  const walk = (x: unknown, s: JsonSchemaProps | undefined, path: string) => {
    if (!s) return
    if (Array.isArray(x)) return x.forEach((v, i) => walk(v, itemsOf(s), appendIndex(path, i)))
    if (!isJsonObject(x)) return
    if (isEmbedded(s)) causes.push(...embeddedResourceCauses(x, path))
    for (const k of Object.keys(x)) walk(x[k], fieldSchemaOf(s, k), appendKey(path, k))
  }
  for (const k of Object.keys(isJsonObject(object) ? object : {})) walk((object as JsonObject)[k], fieldSchemaOf(schema, k), k)
  return causes
}

function embeddedResourceCauses(x: JsonObject, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  for (const field of ['apiVersion', 'kind']) {
    const value = x[field]
    if (value === undefined) causes.push({ reason: 'FieldValueRequired', field: appendKey(path, field), message: 'Required value: must not be empty' })
    else if (typeof value !== 'string') causes.push({ reason: 'FieldValueInvalid', field: appendKey(path, field), message: `Invalid value: ${JSON.stringify(value)}: must be a string` })
    else if (value === '') causes.push({ reason: 'FieldValueInvalid', field: appendKey(path, field), message: 'Invalid value: "": must not be empty' })
  }
  const metadata = x['metadata']
  const name = isJsonObject(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : ''
  if (name) {
    for (const message of nameRuleErrors(name, 'pathSegment')) {
      causes.push({ reason: 'FieldValueInvalid', field: `${path}.metadata.name`, message: `Invalid value: ${JSON.stringify(name)}: ${message}` })
    }
  }
  return causes
}
