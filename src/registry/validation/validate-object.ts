import { badRequest } from '../../api/errors.js'
import type { StatusCause } from '../../api/types.js'
import type { ResourceDefinition } from '../resource-definition.js'
import { findDuplicateFields } from './duplicate-fields.js'
import type { FieldValidation } from './field-validation.js'
import { findFieldIssues, type FieldTypeError } from './field-walker.js'
import { namedShape, type Shape } from './schema-shape.js'
import { zeroNullItems } from './null-items.js'

export interface ValidateObjectRequest {
  /** the kind the body must decode as: named in messages, its schema looked up by `schemaName` */
  resource: Pick<ResourceDefinition, 'kind' | 'version' | 'schemaName'>
  /** the decoded body */
  object: unknown
  /** the body's JSON text, to find duplicate fields; omit when the body was not JSON */
  json?: string
  fieldValidation: FieldValidation
}

export interface ValidationResult {
  /**
   * under Warn, each unknown field (in body order), then each duplicate field, as kube words them:
   * `unknown field "spec.x"`; kube interleaves the two kinds in body order
   */
  warnings: readonly string[]
}

const NO_WARNINGS: ValidationResult = Object.freeze({ warnings: Object.freeze([]) })

/**
 * Decodes a create or update body the way kube-apiserver's JSON decoder judges it: a value of the
 * wrong JSON type is always a 400 (the decoder's first error); unknown and duplicate fields are a 400
 * under Strict, warnings under Warn, and nothing under Ignore (k8s: apimachinery
 * pkg/runtime/serializer/json/json.go, sigs.k8s.io/json). Kinds without a schema pass unchecked.
 * `null` list items and map values become their types' zero values, in the body, as decoding does.
 */
export function validateObject(
  schemas: Readonly<Record<string, unknown>>,
  request: ValidateObjectRequest,
): ValidationResult {
  const shape = namedShape(schemas, request.resource.schemaName)
  if (shape === undefined) return NO_WARNINGS
  const collectsStrictErrors = request.fieldValidation !== 'Ignore'
  const issues = findFieldIssues(request.object, shape, collectsStrictErrors)
  if (issues.typeErrors.length > 0) throw typeError(request.resource, issues.typeErrors)
  zeroNullItems(request.object, shape)
  if (!collectsStrictErrors) return NO_WARNINGS
  const strictErrors = issues.unknownFields.map((path) => `unknown field ${JSON.stringify(path)}`)
  if (request.json !== undefined && request.json.length > 0) {
    for (const path of duplicatePaths(request.json, shape)) strictErrors.push(`duplicate field ${JSON.stringify(path)}`)
  }
  if (strictErrors.length === 0) return NO_WARNINGS
  const unique = [...new Set(strictErrors)]
  if (request.fieldValidation === 'Warn') return { warnings: unique }
  throw badRequest(`${cannotHandle(request.resource)}: strict decoding error: ${unique.join(', ')}`)
}


const cannotHandle = (r: Pick<ResourceDefinition, 'kind' | 'version'>) =>
  `${r.kind} in version ${JSON.stringify(r.version)} cannot be handled as a ${r.kind}`

/**
 * kube reports only the decoder's error: a custom unmarshaler's (it stops decoding) or else the
 * first type mismatch. Every mismatch rides along as a cause for clients that read them.
 */
function typeError(resource: Pick<ResourceDefinition, 'kind' | 'version'>, errors: readonly FieldTypeError[]) {
  const reported = errors.find((e) => e.isFatal) ?? errors[0]!
  const causes: StatusCause[] = errors.map((e) => ({ reason: 'FieldValueInvalid', field: e.field, message: e.message }))
  return badRequest(`${cannotHandle(resource)}: ${reported.message}`, causes)
}

/**
 * Kube's paths of the duplicated keys its decoder would see: keys inside unknown fields, open types
 * (FieldsV1, RawExtension) or wrongly typed values are skipped by the decoder, so not reported; a
 * repeated unknown key is an unknown field, reported once.
 */
function duplicatePaths(json: string, root: Shape): string[] {
  const paths: string[] = []
  for (const { parent, key } of findDuplicateFields(json)) {
    let shape: Shape | undefined = root
    let path = ''
    for (const step of parent) {
      shape = shape && childShape(shape, step)
      path = typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step
    }
    const isField = shape?.kind === 'map' || (shape?.kind === 'struct' && shape.field(key) !== undefined)
    if (isField) paths.push(path ? `${path}.${key}` : key)
  }
  return paths
}

function childShape(shape: Shape, step: string | number): Shape | undefined {
  if (shape.kind === 'struct' && typeof step === 'string') return shape.field(step)
  if (shape.kind === 'map' && typeof step === 'string') return shape.values
  if (shape.kind === 'list' && typeof step === 'number') return shape.items
  return undefined
}
