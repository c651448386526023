import { isJsonObject } from '../../../api/json-object.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { isSupportedFormat } from './kube-formats.js'

type AjvSchema = Record<string, unknown>

// The value validations kube-openapi's SchemaValidator checks, copied as they are.
const PLAIN_KEYWORDS = [
  'enum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf',
  'maxProperties', 'minProperties', 'required',
] as const

/**
 * A structural schema in the JSON Schema ajv validates, the way apiextensions turns it into
 * kube-openapi's spec.Schema (k8s: apiextensions-apiserver pkg/apiserver/validation/validation.go
 * ConvertJSONSchemaPropsWithPostProcess): `x-kubernetes-int-or-string` becomes `type: [integer,
 * string]`, formats kube does not support are dropped (StripUnsupportedFormatsPostProcess), OpenAPI
 * 3.0's boolean `exclusiveMaximum` becomes draft 7's number, and the `x-kubernetes-*` extensions,
 * which validate nothing here, are left out.
 */
export function toAjvSchema(node: JsonSchemaProps): AjvSchema {
  const out: AjvSchema = {}
  if (node['x-kubernetes-int-or-string'] === true) out['type'] = ['integer', 'string']
  else if (typeof node.type === 'string' && node.type !== '') out['type'] = node.type
  if (node.nullable === true && out['type'] !== undefined) out['nullable'] = true
  if (typeof node.format === 'string' && isSupportedFormat(node.format)) out['format'] = node.format
  for (const keyword of PLAIN_KEYWORDS) if (node[keyword] !== undefined) out[keyword] = node[keyword]
  copyBound(node, out, 'maximum', 'exclusiveMaximum')
  copyBound(node, out, 'minimum', 'exclusiveMinimum')
  if (isJsonObject(node.properties)) {
    out['properties'] = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, toAjvSchema(v)]))
  }
  if (typeof node.additionalProperties === 'boolean') out['additionalProperties'] = node.additionalProperties
  else if (isJsonObject(node.additionalProperties)) out['additionalProperties'] = toAjvSchema(node.additionalProperties)
  if (isJsonObject(node.items)) out['items'] = toAjvSchema(node.items as JsonSchemaProps)
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[junctor]
    if (Array.isArray(list) && list.length > 0) out[junctor] = list.map(toAjvSchema)
  }
  if (isJsonObject(node.not)) out['not'] = toAjvSchema(node.not)
  return out
}

function copyBound(node: JsonSchemaProps, out: AjvSchema, bound: 'maximum' | 'minimum', exclusive: 'exclusiveMaximum' | 'exclusiveMinimum'): void {
  const value = node[bound]
  if (typeof value !== 'number') return
  if (node[exclusive] === true) out[exclusive] = value
  else out[bound] = value
}
