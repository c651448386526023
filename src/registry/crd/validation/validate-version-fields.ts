import type { StatusCause } from '../../../api/types.js'
import type { CustomResourceColumnDefinition, CustomResourceSubresources, JsonSchemaProps } from '../crd-types.js'
import { child, index } from '../field-path.js'
import { propertyOf } from '../schema/structural.js'
import { duplicate, invalid, required, tooMany } from './causes.js'

const PRINTER_TYPES = ['boolean', 'date', 'integer', 'number', 'string']
const PRINTER_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password']
const MAX_SELECTABLE_FIELDS = 8

function simpleJsonPath(value: string, path: string): StatusCause[] {
  if (value.length === 0) return [invalid(path, value, 'must not be empty')]
  if (!value.startsWith('.')) return [invalid(path, value, 'must be a simple json path starting with .')]
  return []
}

/** ValidateCustomResourceDefinitionSubresources (k8s: apiextensions validation.go). */
export function validateSubresources(subresources: CustomResourceSubresources | undefined, path: string): StatusCause[] {
  const scale = subresources?.scale
  if (!scale) return []
  const causes: StatusCause[] = []
  const under = (field: string, value: string | undefined, prefixes: string[], detail: string) => {
    const at = child(path, `scale.${field}`)
    if (!value) return void causes.push(required(at))
    const errors = simpleJsonPath(value, at)
    if (errors.length) causes.push(...errors)
    else if (!prefixes.some((p) => value.startsWith(p))) causes.push(invalid(at, value, detail))
  }
  under('specReplicasPath', scale.specReplicasPath, ['.spec.'], 'should be a json path under .spec')
  under('statusReplicasPath', scale.statusReplicasPath, ['.status.'], 'should be a json path under .status')
  if (scale.labelSelectorPath) under('labelSelectorPath', scale.labelSelectorPath, ['.spec.', '.status.'], 'should be a json path under either .spec or .status')
  return causes
}

/** ValidateCustomResourceColumnDefinition. */
export function validateColumn(column: CustomResourceColumnDefinition, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  if (!column.name) causes.push(required(child(path, 'name')))
  if (!column.type) causes.push(required(child(path, 'type'), `must be one of ${PRINTER_TYPES.join(',')}`))
  else if (!PRINTER_TYPES.includes(column.type)) causes.push(invalid(child(path, 'type'), column.type, `must be one of ${PRINTER_TYPES.join(',')}`))
  if (column.format && !PRINTER_FORMATS.includes(column.format)) causes.push(invalid(child(path, 'format'), column.format, `must be one of ${PRINTER_FORMATS.join(',')}`))
  if (!column.jsonPath) causes.push(required(child(path, 'JSONPath')))
  else causes.push(...simpleJsonPath(column.jsonPath, child(path, 'JSONPath')))
  return causes
}

/**
 * ValidateCustomResourceSelectableFields: each a path to a string, boolean or integer field outside
 * metadata, no duplicates, at most 8 (cel.ValidFieldPath without array notation).
 */
export function validateSelectableFields(fields: readonly { jsonPath: string }[], schema: JsonSchemaProps | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  const unique = new Set<string>()
  fields.forEach((f, i) => {
    const at = child(index(path, i), 'jsonPath')
    if (!f.jsonPath) return void causes.push(required(at))
    const steps = f.jsonPath.startsWith('.') ? f.jsonPath.slice(1).split('.') : undefined
    let node: JsonSchemaProps | undefined = schema
    for (const step of steps ?? []) node = step ? propertyOf(node, step) : undefined
    if (!steps || !node) return void causes.push(invalid(at, f.jsonPath, `is an invalid path: ${steps ? `does not refer to a valid field` : 'expected [ or . at position 0'}`))
    if (steps[0] === 'metadata') causes.push(invalid(at, f.jsonPath, 'must not point to fields in metadata'))
    if (!['string', 'boolean', 'integer'].includes(node.type ?? '')) {
      causes.push(invalid(at, f.jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'))
    }
    if (unique.has(f.jsonPath)) causes.push(duplicate(at, f.jsonPath))
    unique.add(f.jsonPath)
  })
  if (unique.size > MAX_SELECTABLE_FIELDS) causes.push(tooMany(path, unique.size, MAX_SELECTABLE_FIELDS))
  return causes
}
