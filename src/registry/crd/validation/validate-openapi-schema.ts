import { isJsonObject } from '../../../api/json-object.js'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { child, index, key } from '../field-path.js'
import { forbidden, invalid, notSupported, required } from './causes.js'

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string']
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion'])

/** The walk's context: specStandardValidatorV3's options. */
interface Context {
  allowDefaults: boolean
  disallowDefaultsReason?: string
  insideResourceMeta: boolean
}

/**
 * ValidateCustomResourceDefinitionOpenAPISchema with the v3 standard validator (k8s:
 * apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go): the keywords CRDs
 * refuse, properties/additionalProperties exclusivity, defaults where they may not be, and the
 * x-kubernetes list and map extensions. `x-kubernetes-validations` are CEL's (cel/validation-rules.ts).
 */
export function validateOpenApiSchema(schema: JsonSchemaProps, path: string): StatusCause[] {
  return walk(schema, path, { allowDefaults: true, insideResourceMeta: false }, true)
}

function walk(s: JsonSchemaProps | undefined, path: string, ctx: Context, isRoot: boolean): StatusCause[] {
  if (!isJsonObject(s)) return []
  const causes = standardCauses(s, path, ctx)
  if (s.uniqueItems === true) causes.push(forbidden(child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'))
  const additional = s.additionalProperties
  if (additional !== undefined) {
    const hasProperties = isJsonObject(s.properties) && Object.keys(s.properties).length > 0
    if (hasProperties && (additional === false || isJsonObject(additional))) {
      causes.push(forbidden(child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'))
    }
    const sub = ctx.insideResourceMeta ? { ...ctx, allowDefaults: false, disallowDefaultsReason: 'inside additionalProperties applying to object metadata' } : ctx
    if (isJsonObject(additional)) causes.push(...walk(additional as JsonSchemaProps, child(path, 'additionalProperties'), sub, false))
  }
  for (const [name, property] of Object.entries(isJsonObject(s.properties) ? s.properties : {})) {
    let sub = ctx
    if ((isRoot || s['x-kubernetes-embedded-resource'] === true) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true }
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${name}` }
    }
    causes.push(...walk(property, key(child(path, 'properties'), name), sub, false))
  }
  causes.push(...walk(s.not, child(path, 'not'), ctx, false))
  for (const junctor of ['allOf', 'oneOf', 'anyOf'] as const) {
    ;(Array.isArray(s[junctor]) ? s[junctor] : []).forEach((sub, i) => causes.push(...walk(sub, index(child(path, junctor), i), ctx, false)))
  }
  if (isJsonObject(s.items)) causes.push(...walk(s.items as JsonSchemaProps, child(path, 'items'), ctx, false))
  causes.push(...extensionCauses(s, path))
  return causes
}

function standardCauses(s: JsonSchemaProps, path: string, ctx: Context): StatusCause[] {
  const causes: StatusCause[] = []
  if (typeof s.type === 'string' && s.type !== '' && !OPENAPI_V3_TYPES.includes(s.type)) causes.push(notSupported(child(path, 'type'), s.type, OPENAPI_V3_TYPES))
  if (s.default !== undefined && !ctx.allowDefaults) {
    causes.push(forbidden(child(path, 'default'), `must not be set${ctx.disallowDefaultsReason ? ` ${ctx.disallowDefaultsReason}` : ''}`))
  }
  const unsupported: [string, string][] = [
    ['id', 'id is not supported'], ['additionalItems', 'additionalItems is not supported'],
    ['patternProperties', 'patternProperties is not supported'], ['definitions', 'definitions is not supported'],
    ['dependencies', 'dependencies is not supported'], ['$ref', '$ref is not supported'],
  ]
  for (const [keyword, detail] of unsupported) if (s[keyword] !== undefined && s[keyword] !== '') causes.push(forbidden(child(path, keyword), detail))
  if (s.type === 'null') causes.push(forbidden(child(path, 'type'), 'type cannot be set to null, use nullable as an alternative'))
  if (Array.isArray(s.items)) causes.push(forbidden(child(path, 'items'), 'items must be a schema object and not an array'))
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource'] === true) {
    causes.push(forbidden(child(path, 'x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'))
  }
  return causes
}

function extensionCauses(s: JsonSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  if (s['x-kubernetes-preserve-unknown-fields'] === false) causes.push(invalid(child(path, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'))
  const mapType = s['x-kubernetes-map-type']
  if (mapType !== undefined && s.type !== 'object') causes.push(typeMust(s, path, 'must be object if x-kubernetes-map-type is specified'))
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') causes.push(notSupported(child(path, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']))
  const listType = s['x-kubernetes-list-type']
  const items = isJsonObject(s.items) ? (s.items as JsonSchemaProps) : undefined
  if (listType !== undefined && s.type !== 'array') causes.push(typeMust(s, path, 'must be array if x-kubernetes-list-type is specified'))
  else if (listType === 'set' && items) causes.push(...atomicSetItemCauses(items, path))
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) causes.push(notSupported(child(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']))
  const keys = s['x-kubernetes-list-map-keys'] ?? []
  if (keys.length > 0 && listType === undefined) causes.push(required(child(path, 'x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'))
  else if (keys.length > 0 && listType !== 'map') causes.push(invalid(child(path, 'x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty'))
  if (listType === 'map') causes.push(...mapListCauses(s, path, items))
  if (items && (listType === 'set' || listType === 'map') && items.nullable === true) {
    causes.push(forbidden(child(path, 'items', 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`))
  }
  return causes
}

function typeMust(s: JsonSchemaProps, path: string, detail: string): StatusCause {
  return s.type ? invalid(child(path, 'type'), s.type, detail) : required(child(path, 'type'), detail)
}

function atomicSetItemCauses(items: JsonSchemaProps, path: string): StatusCause[] {
  const detail = 'must be atomic as item of a list with x-kubernetes-list-type=set'
  const itemListType = items['x-kubernetes-list-type']
  if (items.type === 'array' && itemListType !== undefined && itemListType !== 'atomic') {
    return [invalid(child(path, 'items', 'x-kubernetes-list-type'), itemListType, detail)]
  }
  if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
    return [invalid(child(path, 'items', 'x-kubernetes-map-type'), itemListType ?? null, detail)]
  }
  return []
}

function mapListCauses(s: JsonSchemaProps, path: string, items: JsonSchemaProps | undefined): StatusCause[] {
  const causes: StatusCause[] = []
  const keys = s['x-kubernetes-list-map-keys'] ?? []
  const goKeys = `[]string{${keys.map((k) => JSON.stringify(k)).join(', ')}}`
  if (keys.length === 0) causes.push(required(child(path, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'))
  if (s.items === undefined) causes.push(required(child(path, 'items'), 'must have a schema if x-kubernetes-list-type is map'))
  if (!items) return causes
  if (items.type !== 'object') return [...causes, invalid(child(path, 'items', 'type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map")]
  const seen = new Set<string>()
  const requiredKeys = new Set(items.required ?? [])
  for (const k of keys) {
    const property = items.properties?.[k]
    if (!property) causes.push(invalid(child(path, 'x-kubernetes-list-map-keys'), keys, 'entries must all be names of item properties', goKeys))
    else {
      if (property.type === 'array' || property.type === 'object') {
        causes.push(invalid(child(key(child(path, 'items', 'properties'), k), 'type'), items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"))
      }
      if (!requiredKeys.has(k) && property.default === undefined) {
        causes.push(required(child(key(child(path, 'items', 'properties'), k), 'default'), 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'))
      }
      if (property.nullable === true) causes.push(forbidden(child(key(child(path, 'items', 'properties'), k), 'nullable'), 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'))
    }
    if (seen.has(k)) causes.push(invalid(child(path, 'x-kubernetes-list-map-keys'), keys, 'must not contain duplicate entries', goKeys))
    seen.add(k)
  }
  return causes
}
