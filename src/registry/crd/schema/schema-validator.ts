import { Ajv, type ValidateFunction } from 'ajv'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { addKubeFormats } from './kube-formats.js'
import { kubeOpenApiCauses } from './kube-openapi-errors.js'
import { toAjvSchema } from './to-ajv-schema.js'
import { isUnchangedAt } from '../ratcheting.js'

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
  validate(value: unknown, options?: ValidateOptions): StatusCause[]
}

export interface ValidateOptions {
  /** prefixes the causes' fields (a default's `…default`); omitted for a custom resource */
  fieldPath?: string
  /** on update, the old value: errors of values that did not change are ratcheted away */
  old?: unknown
}

/** Compiles once (ajv generates code per schema); compiling a CRD's schema costs a few milliseconds. */
export function compileSchemaValidator(schema: JsonSchemaProps): SchemaValidator {
  let compiled: ValidateFunction | undefined
  return {
    validate(value, options = {}) {
      compiled ??= ajv().compile(toAjvSchema(schema))
      if (compiled(value)) return []
      let errors = compiled.errors ?? []
      if (options.old !== undefined) errors = errors.filter((e) => !isUnchangedAt(e.instancePath, value, options.old))
      return kubeOpenApiCauses(errors, { value, ...(options.fieldPath !== undefined ? { fieldPath: options.fieldPath } : {}) })
    },
  }
}
