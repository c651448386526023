import { Ajv, type ValidateFunction } from 'ajv'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { addKubeFormats } from './kube-formats.js'
import { kubeOpenApiCauses } from './kube-openapi-errors.js'
import { toAjvSchema } from './to-ajv-schema.js'

let shared: Ajv | undefined

/** One ajv for every schema: formats registered once, nothing strict about kube's extensions. */
function ajv(): Ajv {
  if (!shared) {
    shared = new Ajv({ allErrors: true, strict: false, validateFormats: true, unicodeRegExp: false, addUsedSchema: false })
    addKubeFormats(shared)
  }
  return shared
}

/** A compiled structural schema: the causes kube-apiserver gives for a value that breaks it. */
export interface SchemaValidator {
  /** `fieldPath` prefixes the causes' fields (a default's `…default`); omitted for a custom resource */
  validate(value: unknown, fieldPath?: string): StatusCause[]
}

/** Compiles once (ajv generates code per schema); compiling a CRD's schema costs a few milliseconds. */
export function compileSchemaValidator(schema: JsonSchemaProps): SchemaValidator {
  let compiled: ValidateFunction | undefined
  return {
    validate(value, fieldPath) {
      compiled ??= ajv().compile(toAjvSchema(schema))
      if (compiled(value)) return []
      return kubeOpenApiCauses(compiled.errors ?? [], { value, ...(fieldPath !== undefined ? { fieldPath } : {}) })
    },
  }
}
