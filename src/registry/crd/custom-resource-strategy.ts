import { isDeepStrictEqual } from 'node:util'
import { badRequest, methodNotAllowed } from '../../api/errors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import type { Subresources } from '../resource-definition.js'
import type { DecodedObjectCheck, Strategy } from '../strategy.js'
import type { Shape } from '../validation/schema-shape.js'
import type { CompiledRules } from './cel/validation-rules.js'
import { compileLoadedValidationRules, hasValidationRules, loadValidationRules } from './cel/validation-rules-loader.js'
import type { JsonSchemaProps } from './crd-types.js'
import { checkMetadata, dropUnknownMetadata, validateEmbeddedResources } from './resource-metadata.js'
import { validateScalePaths } from './scale-validation.js'
import { applySchemaDefaults, pruneNonNullableNulls } from './schema/defaulting.js'
import { validateListSetsAndMaps } from './schema/list-type-validation.js'
import { pruneUnknownFields } from './schema/pruning.js'
import { compileSchemaValidator, loadSchemaValidator } from './schema/schema-validator.js'

/** One served version of a custom resource, as its strategy needs it. */
export interface CustomResourceVersion {
  kind: string
  version: string
  /** the version's structural schema */
  schema: JsonSchemaProps | undefined
  subresources: Subresources
  /** ObjectMeta's shape, for reading metadata as kube's decoder does */
  objectMeta: () => Shape
  /** its CRD is being deleted: creates are refused (customresource_handler.go serveResource) */
  isTerminating: boolean
}

// Errors after which CEL rules are not run (k8s: customresource/strategy.go hasBlockingErr).
const BLOCKING = new Set(['FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid'])
const RULES_NOT_CHECKED: StatusCause = {
  reason: 'FieldValueInvalid',
  field: '<nil>',
  message: 'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
}

/**
 * What a custom resource does differently from the generic store (k8s: apiextensions-apiserver
 * pkg/registry/customresource/strategy.go, validator.go, and the decoding of
 * pkg/apiserver/customresource_handler.go): bodies are pruned to the schema, nulls dropped and
 * defaults filled in; validation is the schema's, the scale paths', embedded resources', list sets
 * and maps', then the CEL rules'.
 */
export function customResourceStrategy(v: CustomResourceVersion): Strategy {
  const schemaValidator = v.schema ? compileSchemaValidator(v.schema) : undefined
  // The CEL rules are compiled by the first write validated, once prepareWrite loaded CEL.
  let rules: CompiledRules | undefined
  const compiledRules = () => (rules ??= compileLoadedValidationRules((v.schema ?? {}) as Record<string, unknown>))
  const hasStatus = v.subresources.status !== undefined
  return {
    prepareWrite: () => {
      if (schemaValidator) loadSchemaValidator()
      return hasValidationRules(v.schema) ? loadValidationRules() : undefined
    },
    checkDecoded: (check) => checkDecoded(v, check),
    applyDefaults(object) {
      pruneUnknownFields(object, v.schema)
      dropUnknownMetadata(object, v.schema, v.objectMeta())
      pruneNonNullableNulls(object, v.schema)
      applySchemaDefaults(object, v.schema)
    },
    prepareForCreate(object) {
      if (v.isTerminating) throw methodNotAllowed('create not allowed while custom resource definition is terminating')
      if (hasStatus) delete object['status']
    },
    prepareForUpdate(current, next) {
      // Any change outside metadata bumps the generation, status included when it has no subresource.
      if (!hasStatus && !isDeepStrictEqual(current['status'], next['status']) && next.metadata.generation === current.metadata.generation) {
        next.metadata.generation = (current.metadata.generation ?? 0) + 1
      }
    },
    validate(object, current) {
      const causes: StatusCause[] = [
        ...(schemaValidator?.validate(object, current ? { old: current } : {}) ?? []),
        ...(v.subresources.scale ? validateScalePaths(object, v.subresources.scale) : []),
        ...validateEmbeddedResources(object, v.schema),
        ...listCauses(object, v.schema, current),
      ]
      if (compiledRules().isEmpty) return causes
      if (causes.some((c) => BLOCKING.has(c.reason ?? ''))) return [...causes, RULES_NOT_CHECKED]
      return [...causes, ...compiledRules().validate(object, current)]
    },
  }
}

/** On update, list invariants are checked only when the old object kept them (ratcheting, strategy.go). */
function listCauses(object: KubeObject, schema: JsonSchemaProps | undefined, current?: KubeObject): StatusCause[] {
  if (current && validateListSetsAndMaps(current, schema).length > 0) return []
  return validateListSetsAndMaps(object, schema)
}

/**
 * The checks of kube's custom resource decoder: metadata read into ObjectMeta (a wrongly typed
 * field is a 400), and the fields pruning would remove, reported under `fieldValidation`.
 */
function checkDecoded(v: CustomResourceVersion, { object, mode, warnings }: DecodedObjectCheck): void {
  const cannotHandle = `${v.kind} in version ${JSON.stringify(v.version)} cannot be handled as a ${v.kind}`
  const metadata = checkMetadata(object, v.schema, v.objectMeta())
  if (metadata.typeError) throw badRequest(`${cannotHandle}: ${metadata.typeError}`)
  if (mode === 'Ignore') return
  const unknown = [...pruneUnknownFields(object, v.schema, { isDryRun: true }), ...metadata.unknownFields]
  if (unknown.length === 0) return
  const messages = unknown.map((path) => `unknown field ${JSON.stringify(path)}`)
  if (mode === 'Warn') warnings.push(...messages)
  else throw badRequest(`${cannotHandle}: strict decoding error: ${messages.join(', ')}`)
}
