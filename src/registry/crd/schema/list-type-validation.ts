import { isJsonObject } from '../../../api/json-object.js'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { goValue } from './go-format.js'
import { appendIndex, appendKey, fieldSchemaOf, itemsOf } from './structural.js'

/**
 * Duplicate items of `x-kubernetes-list-type: set` lists and duplicate keys of `map` lists, as
 * `Duplicate value` causes on the later item (k8s: apiextensions-apiserver
 * pkg/apiserver/schema/listtype/validation.go ValidateListSetsAndMaps).
 */
export function validateListSetsAndMaps(object: unknown, schema: JsonSchemaProps | undefined, path = ''): StatusCause[] {
  if (object === null || object === undefined || !schema) return []
  if (schema.type === 'object' && isJsonObject(object)) {
    return Object.keys(object).flatMap((k) => {
      const child = fieldSchemaOf(schema, k)
      return child ? validateListSetsAndMaps(object[k], child, appendKey(path, k)) : []
    })
  }
  if (schema.type !== 'array' || !Array.isArray(object)) return []
  const causes: StatusCause[] = []
  const listType = schema['x-kubernetes-list-type']
  if (listType === 'set') causes.push(...duplicates(object, path, (item) => item))
  if (listType === 'map') {
    const keys = schema['x-kubernetes-list-map-keys'] ?? []
    causes.push(...duplicates(object, path, (item) => (isJsonObject(item) ? Object.fromEntries(keys.map((k) => [k, item[k]])) : item)))
  }
  const items = itemsOf(schema)
  object.forEach((item, i) => causes.push(...validateListSetsAndMaps(item, items, appendIndex(path, i))))
  return causes
}

function duplicates(list: readonly unknown[], path: string, identity: (item: unknown) => unknown): StatusCause[] {
  const seen = new Set<string>()
  const causes: StatusCause[] = []
  list.forEach((item, i) => {
    const id = identity(item)
    const token = JSON.stringify(id)
    if (seen.has(token)) causes.push({ reason: 'FieldValueDuplicate', field: appendIndex(path, i), message: `Duplicate value: ${goValue(id)}` })
    seen.add(token)
  })
  return causes
}
