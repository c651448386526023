import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import type { ScaleSubresource } from '../resource-definition.js'
import { goValue } from './schema/go-format.js'

const MAX_INT32 = 2 ** 31 - 1

/** Go's %T of a decoded JSON value. */
function goTypeOf(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (Array.isArray(value)) return '[]interface {}'
  return isJsonObject(value) ? 'map[string]interface {}' : '<nil>'
}

/** unstructured.NestedFieldNoCopy on a simple JSON path, with its accessor error for a non-map on the way. */
function nestedValue(object: KubeObject, path: string): { value?: unknown; error?: string } {
  const fields = path.replace(/^\./, '').split('.')
  let at: unknown = object
  for (let i = 0; i < fields.length; i++) {
    if (at === undefined || at === null) return {}
    if (!isJsonObject(at)) {
      return { error: `.${fields.slice(0, i).join('.')} accessor error: ${goValue(at)} is of the type ${goTypeOf(at)}, expected map[string]interface{}` }
    }
    at = at[fields[i]!]
  }
  return { value: at }
}

function replicasCauses(object: KubeObject, path: string): StatusCause[] {
  const { value, error } = nestedValue(object, path)
  const fail = (rendered: string, detail: string): StatusCause[] => [{ reason: 'FieldValueInvalid', field: path, message: `Invalid value: ${rendered}: ${detail}` }]
  if (error) return fail('0', error)
  if (value === undefined || value === null) return []
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fail('0', `${path} accessor error: ${goValue(value)} is of the type ${goTypeOf(value)}, expected int64`)
  }
  if (value < 0) return fail(String(value), 'should be a non-negative integer')
  if (value > MAX_INT32) return fail(String(value), `should be less than or equal to ${MAX_INT32}`)
  return []
}

/**
 * The scale subresource's paths must hold what a Scale carries: non-negative int32 replicas and a
 * string selector (k8s: apiextensions-apiserver pkg/registry/customresource/validator.go
 * ValidateScaleSpec, ValidateScaleStatus). Field paths are the JSON paths themselves.
 */
export function validateScalePaths(object: KubeObject, scale: ScaleSubresource): StatusCause[] {
  const causes = [...replicasCauses(object, scale.specReplicasPath), ...replicasCauses(object, scale.statusReplicasPath)]
  if (scale.labelSelectorPath) {
    const { value, error } = nestedValue(object, scale.labelSelectorPath)
    const detail = error ?? (value !== undefined && value !== null && typeof value !== 'string'
      ? `${scale.labelSelectorPath} accessor error: ${goValue(value)} is of the type ${goTypeOf(value)}, expected string`
      : undefined)
    if (detail) causes.push({ reason: 'FieldValueInvalid', field: scale.labelSelectorPath, message: `Invalid value: "": ${detail}` })
  }
  return causes
}
