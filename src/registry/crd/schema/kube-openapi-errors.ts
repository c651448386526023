import type { ErrorObject } from 'ajv'
import type { StatusCause } from '../../../api/types.js'
import { goFloat, goValue } from './go-format.js'

/** Where a validated value sits: kube-openapi's `name` in messages, and the field path of causes. */
interface Located {
  /** `spec.cronSpec`, `spec.ports[0]`; '' for the validated root */
  name: string
  value: unknown
  parent?: Located
}

/** What the validation ran on: its root value, and the field path prefix of causes (undefined: field.Path nil). */
export interface ValidationRoot {
  value: unknown
  fieldPath?: string
}

const IN = 'body'

/**
 * Turns ajv's errors into the causes kube-apiserver answers, worded by kube-openapi's validate
 * package (k8s: kube-openapi pkg/validation/errors/schema.go) and mapped to field errors as
 * apiextensions does it (apiextensions-apiserver pkg/apiserver/validation/validation.go
 * kubeOpenAPIResultToFieldErrors). Errors inside anyOf/oneOf/not branches are folded into the
 * junctor's own error, as kube reports only that.
 */
export function kubeOpenApiCauses(errors: readonly ErrorObject[], root: ValidationRoot): StatusCause[] {
  const causes: StatusCause[] = []
  const required: StatusCause[] = []
  for (const error of errors) {
    if (/\/(anyOf|oneOf|not)\//.test(error.schemaPath)) continue
    const at = locate(root.value, error.instancePath)
    const cause = causeOf(error, at, root.fieldPath)
    if (cause) (error.keyword === 'required' ? required : causes).push(cause)
  }
  // kube-openapi checks properties before required ones.
  return [...causes, ...required]
}

function locate(root: unknown, pointer: string): Located {
  let at: Located = { name: '', value: root }
  if (pointer === '') return at
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    const isIndex = Array.isArray(at.value)
    const name = isIndex ? `${at.name}[${segment}]` : at.name ? `${at.name}.${segment}` : segment
    const value = (at.value as Record<string, unknown> | undefined)?.[segment]
    at = { name, value, parent: at }
  }
  return at
}

const fieldOf = (prefix: string | undefined, name: string): string => {
  const trimmed = name.replace(/^\./, '')
  if (!trimmed) return prefix ?? '<nil>'
  return prefix ? `${prefix}.${trimmed}` : trimmed
}

const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid', field, message: `Invalid value: ${goValue(value)}: ${detail}`,
})

/** kube's name for a JSON value's type, as its unstructured decoding makes it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value === 'object' ? 'object' : typeof value
}

function causeOf(error: ErrorObject, at: Located, prefix: string | undefined): StatusCause | undefined {
  const params = error.params as Record<string, unknown>
  const field = fieldOf(prefix, at.name)
  const bound = (limit: unknown) => (Number.isInteger(at.value) && Number.isInteger(limit) ? String(limit) : goFloat(Number(limit)))
  switch (error.keyword) {
    case 'type': {
      const actual = jsonTypeOf(at.value)
      const message = `Invalid value: ${JSON.stringify(actual)}: ${at.name} in ${IN} must be of type ${String(params['type'])}: ${JSON.stringify(actual)}`
      return { reason: 'FieldValueTypeInvalid', field, message }
    }
    case 'format':
      return { reason: 'FieldValueTypeInvalid', field, message: `Invalid value: ${goValue(at.value)}: ${at.name} in ${IN} must be of type ${String(params['format'])}: ${JSON.stringify(at.value)}` }
    case 'required': {
      const missing = String(params['missingProperty'])
      return { reason: 'FieldValueRequired', field: fieldOf(prefix, `${at.name}.${missing}`), message: 'Required value' }
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v)))
      return { reason: 'FieldValueNotSupported', field, message: `Unsupported value: ${goValue(at.value)}: supported values: ${allowed.join(', ')}` }
    }
    case 'maxLength':
      return { reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${String(params['limit'])} bytes` }
    case 'minLength':
      return invalid(field, at.value, `${at.name} in ${IN} should be at least ${String(params['limit'])} chars long`)
    case 'pattern':
      return invalid(field, at.value, `${at.name} in ${IN} should match '${String(params['pattern'])}'`)
    case 'maximum':
      return invalid(field, at.value, `${at.name} in ${IN} should be less than or equal to ${bound(params['limit'])}`)
    case 'exclusiveMaximum':
      return invalid(field, at.value, `${at.name} in ${IN} should be less than ${bound(params['limit'])}`)
    case 'minimum':
      return invalid(field, at.value, `${at.name} in ${IN} should be greater than or equal to ${bound(params['limit'])}`)
    case 'exclusiveMinimum':
      return invalid(field, at.value, `${at.name} in ${IN} should be greater than ${bound(params['limit'])}`)
    case 'multipleOf':
      return invalid(field, at.value, `${at.name} in ${IN} should be a multiple of ${bound(params['multipleOf'])}`)
    case 'maxItems':
    case 'maxProperties': {
      const actual = Array.isArray(at.value) ? at.value.length : Object.keys(at.value as object).length
      return { reason: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${String(params['limit'])} items` }
    }
    case 'minItems':
      return invalid(field, (at.value as unknown[]).length, `${at.name} in ${IN} should have at least ${String(params['limit'])} items`)
    case 'minProperties':
      return invalid(field, Object.keys(at.value as object).length, `${at.name} in ${IN} should have at least ${String(params['limit'])} properties`)
    case 'uniqueItems':
      return invalid(field, '', `${at.name} in ${IN} shouldn't contain duplicates`)
    case 'additionalProperties': {
      const property = String(params['additionalProperty'])
      return invalid(field, property, `${at.name}.${property} in ${IN} is a forbidden property`)
    }
    case 'anyOf':
      return invalid(prefix ?? '<nil>', '', `${JSON.stringify(at.name)} must validate at least one schema (anyOf)`)
    case 'oneOf': {
      const passing = (params['passingSchemas'] as unknown[] | null)?.length ?? 0
      const found = passing === 0 ? 'Found none valid' : `Found ${passing} valid alternatives`
      return invalid(prefix ?? '<nil>', '', `${JSON.stringify(at.name)} must validate one and only one schema (oneOf). ${found}`)
    }
    case 'not':
      return invalid(prefix ?? '<nil>', '', `${JSON.stringify(at.name)} must not validate the schema (not)`)
    default:
      return undefined
  }
}
