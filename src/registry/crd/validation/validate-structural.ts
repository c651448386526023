import { isJsonObject } from '../../../api/json-object.js'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { child, index, key } from '../field-path.js'
import { forbidden, invalid, required } from './causes.js'

type Level = 'root' | 'item' | 'field'

const isIntOrStringPair = (list: unknown) =>
  Array.isArray(list) && list.length === 2 && isJsonObject(list[0]) && isJsonObject(list[1]) &&
  Object.keys(list[0]).join() === 'type' && list[0]['type'] === 'integer' &&
  Object.keys(list[1]).join() === 'type' && list[1]['type'] === 'string'

/**
 * ValidateStructural (k8s: apiextensions-apiserver pkg/apiserver/schema/validation.go and
 * complete.go): types everywhere but under value validations, items for arrays, metadata at the
 * root restricted to name and generateName, nothing structural inside allOf/anyOf/oneOf/not, and
 * what a value validation names specified outside it. Sorted as kube sorts them.
 */
export function validateStructural(schema: JsonSchemaProps, path: string): StatusCause[] {
  const causes = [...invariants(schema, 'root', path), ...completeness(schema, path)]
  const text = (c: StatusCause) => `${c.field}: ${c.message}`
  return causes.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0))
}

function invariants(s: JsonSchemaProps | undefined, level: Level, path: string): StatusCause[] {
  if (!isJsonObject(s)) return []
  const causes: StatusCause[] = []
  const items = isJsonObject(s.items) ? (s.items as JsonSchemaProps) : undefined
  if (s.type === 'array' && !items) causes.push(required(child(path, 'items'), 'must be specified'))
  causes.push(...invariants(items, 'item', child(path, 'items')))
  for (const [k, v] of Object.entries(isJsonObject(s.properties) ? s.properties : {})) causes.push(...invariants(v, 'field', key(child(path, 'properties'), k)))
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    if (level === 'root') causes.push(forbidden(child(path, 'additionalProperties'), 'must not be used at the root'))
    if (isJsonObject(s.additionalProperties)) causes.push(...invariants(s.additionalProperties as JsonSchemaProps, 'field', child(path, 'additionalProperties')))
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true
  const embedded = s['x-kubernetes-embedded-resource'] === true
  if (intOrString && preserve) causes.push(invalid(child(path, 'x-kubernetes-preserve-unknown-fields'), true, 'must be false if x-kubernetes-int-or-string is true'))
  if (intOrString && embedded) causes.push(invalid(child(path, 'x-kubernetes-embedded-resource'), true, 'must be false if x-kubernetes-int-or-string is true'))
  causes.push(...valueValidation(s, path, level))
  if (embedded && s.type !== 'object') {
    causes.push(s.type ? invalid(child(path, 'type'), s.type, 'must be object if x-kubernetes-embedded-resource is true') : required(child(path, 'type'), 'must be object if x-kubernetes-embedded-resource is true'))
  } else if (!s.type && !intOrString && !preserve) {
    const where = { root: 'must not be empty at the root', item: 'must not be empty for specified array items', field: 'must not be empty for specified object fields' }[level]
    causes.push(required(child(path, 'type'), where))
  }
  if (embedded && s.additionalProperties !== undefined && s.additionalProperties !== false) causes.push(forbidden(child(path, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'))
  if (level === 'root' && s.type && s.type !== 'object') causes.push(invalid(child(path, 'type'), s.type, 'must be object at the root'))
  causes.push(...metadataCauses(s, level, path, level === 'root' || embedded))
  if (embedded && !preserve && Object.keys(s.properties ?? {}).length === 0) {
    causes.push(required(child(path, 'properties'), 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'))
  }
  return causes
}

function metadataCauses(s: JsonSchemaProps, level: Level, path: string, checkMetadata: boolean): StatusCause[] {
  const causes: StatusCause[] = []
  const properties = s.properties ?? {}
  for (const field of ['kind', 'apiVersion'] as const) {
    const p = properties[field]
    if (p && checkMetadata && p.type !== 'string') causes.push(invalid(child(key(child(path, 'properties'), field), 'type'), p.type ?? '', 'must be string'))
  }
  const metadata = properties['metadata']
  if (!metadata) return causes
  const metadataPath = key(child(path, 'properties'), 'metadata')
  if (checkMetadata && metadata.type !== 'object') causes.push(invalid(child(metadataPath, 'type'), metadata.type ?? '', 'must be object'))
  if (level === 'root') {
    const rest = Object.keys(metadata).filter((k) => !['type', 'default', 'properties'].includes(k))
    const names = Object.keys(metadata.properties ?? {})
    const onlyNames = names.every((n) => n === 'name' || n === 'generateName')
    if (rest.length > 0 || !onlyNames) {
      causes.push(forbidden(metadataPath, 'must not specify anything other than name and generateName, but metadata is implicitly specified'))
    }
  }
  return causes
}

const NESTED_FORBIDDEN: [string, string][] = [
  ['type', 'must be empty to be structural'], ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'], ['description', 'must be empty to be structural'],
  ['externalDocs', 'must be undefined to be structural'], ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'], ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
]
const NESTED_FALSE: [string, string][] = [
  ['nullable', 'must be false to be structural'], ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'], ['x-kubernetes-int-or-string', 'must be false to be structural'],
]

/** The allOf/anyOf/oneOf/not of a node: value validations only (validateValueValidation). */
function valueValidation(s: JsonSchemaProps, path: string, level: Level): StatusCause[] {
  const causes: StatusCause[] = []
  const skipAnyOf = isIntOrStringPair(s.anyOf)
  const skipFirstAllOfAnyOf = Array.isArray(s.allOf) && isJsonObject(s.allOf[0]) && isIntOrStringPair(s.allOf[0].anyOf)
  if (!skipAnyOf) (s.anyOf ?? []).forEach((n, i) => causes.push(...nested(n, index(child(path, 'anyOf'), i), level, false)))
  ;(s.allOf ?? []).forEach((n, i) => causes.push(...nested(n, index(child(path, 'allOf'), i), level, skipFirstAllOfAnyOf && i === 0)))
  ;(s.oneOf ?? []).forEach((n, i) => causes.push(...nested(n, index(child(path, 'oneOf'), i), level, false)))
  if (isJsonObject(s.not)) causes.push(...nested(s.not, child(path, 'not'), level, false))
  if (typeof s.pattern === 'string') {
    try {
      new RegExp(s.pattern)
    } catch (error) {
      causes.push(invalid(child(path, 'pattern'), s.pattern, `must be a valid regular expression, but isn't: ${(error as Error).message}`))
    }
  }
  return causes
}

function nested(n: JsonSchemaProps, path: string, level: Level, skipAnyOf: boolean): StatusCause[] {
  if (!isJsonObject(n)) return []
  const causes = valueValidation(skipAnyOf ? { ...n, anyOf: [] } : n, path, level)
  if (isJsonObject(n.items)) causes.push(...nested(n.items as JsonSchemaProps, child(path, 'items'), level, false))
  for (const [k, v] of Object.entries(isJsonObject(n.properties) ? n.properties : {})) causes.push(...nested(v, key(child(path, 'properties'), k), 'field', false))
  for (const [keyword, detail] of NESTED_FORBIDDEN) if (n[keyword] !== undefined && n[keyword] !== '') causes.push(forbidden(child(path, keyword), detail))
  for (const [keyword, detail] of NESTED_FALSE) if (n[keyword] === true) causes.push(forbidden(child(path, keyword), detail))
  if (n.additionalProperties !== undefined) causes.push(forbidden(child(path, 'additionalProperties'), 'must be undefined to be structural'))
  if (n.properties?.['metadata']) causes.push(forbidden(key(child(path, 'properties'), 'metadata'), 'must not be specified in a nested context'))
  return causes
}

/** Fields and items a root value validation names must be specified outside it (complete.go). */
function completeness(s: JsonSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  const check = (v: JsonSchemaProps | undefined, spec: JsonSchemaProps | undefined, sPath: string, vPath: string): void => {
    if (!isJsonObject(v)) return
    if (!isJsonObject(spec)) return void causes.push(required(sPath, `because it is defined in ${vPath}`))
    for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) (v[junctor] ?? []).forEach((n, i) => check(n, spec, sPath, index(child(vPath, junctor), i)))
    check(v.not, spec, sPath, child(vPath, 'not'))
    if (isJsonObject(v.items)) check(v.items as JsonSchemaProps, isJsonObject(spec.items) ? (spec.items as JsonSchemaProps) : undefined, child(sPath, 'items'), child(vPath, 'items'))
    for (const [k, vField] of Object.entries(isJsonObject(v.properties) ? v.properties : {})) {
      check(vField, spec.properties?.[k], key(child(sPath, 'properties'), k), key(child(vPath, 'properties'), k))
    }
  }
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) (s[junctor] ?? []).forEach((n, i) => check(n, s, path, index(child(path, junctor), i)))
  check(s.not, s, path, child(path, 'not'))
  return causes
}
