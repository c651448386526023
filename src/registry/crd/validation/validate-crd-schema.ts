import { isJsonObject } from '../../../api/json-object.js'
import type { StatusCause } from '../../../api/types.js'
import { compileLoadedValidationRules } from '../cel/validation-rules-loader.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { child } from '../field-path.js'
import { forbidden, invalid } from './causes.js'
import { validateDefaults } from './validate-defaults.js'
import { validateOpenApiSchema } from './validate-openapi-schema.js'
import { validateStructural } from './validate-structural.js'

// Root fields kept when status is split off as properties[status] (validation.go allowedFieldsAtRootSchema).
const ALLOWED_AT_ROOT = [
  'description', 'type', 'format', 'title', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf', 'required', 'items', 'properties',
  'externalDocs', 'example', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
]
const ALLOWED_AT_ROOT_GO = '[Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations]'

/**
 * validateCustomResourceDefinitionValidation for one `{openAPIV3Schema}` at `path` (k8s:
 * apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go): the root rules of a
 * status subresource, structurality then defaults, the OpenAPI keywords, and last the CEL rules'
 * compilation, only when everything else passed.
 */
export function validateCrdSchema(validation: { openAPIV3Schema?: JsonSchemaProps } | undefined, statusEnabled: boolean, path: string): StatusCause[] {
  const schema = validation?.openAPIV3Schema
  if (!isJsonObject(schema)) return []
  const schemaPath = child(path, 'openAPIV3Schema')
  const causes: StatusCause[] = []
  if (statusEnabled) {
    if (schema.type !== undefined && schema.type !== 'object') {
      causes.push(invalid(child(path, 'openAPIV3Schema.type'), schema.type, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'))
    } else if (Object.keys(schema).some((k) => schema[k] !== undefined && !ALLOWED_AT_ROOT.includes(k))) {
      causes.push(invalid(schemaPath, schema, `only ${ALLOWED_AT_ROOT_GO} fields are allowed at the root of the schema if the status subresource is enabled`, 'apiextensions.JSONSchemaProps{...}'))
    }
  }
  if (schema.nullable === true) causes.push(forbidden(child(path, 'openAPIV3Schema.nullable'), 'nullable cannot be true at the root'))
  const structural = validateStructural(schema, schemaPath)
  causes.push(...(structural.length > 0 ? structural : validateDefaults(schema, schemaPath)))
  causes.push(...validateOpenApiSchema(schema, schemaPath))
  if (causes.length === 0) causes.push(...compileLoadedValidationRules(schema as Record<string, unknown>, { fieldPathPrefix: schemaPath }).compileErrors)
  return causes
}
