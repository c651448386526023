import { createRequire } from 'node:module'
import type { Ajv, ValidateFunction } from 'ajv'
import type { StatusCause } from '../../../api/types.js'
import type { JsonSchemaProps } from '../crd-types.js'
import { addKubeFormats } from './kube-formats.js'
import { kubeOpenApiCauses } from './kube-openapi-errors.js'
import { toAjvSchema } from './to-ajv-schema.js'
import { isUnchangedAt } from '../ratcheting.js'

// ajv (about sixty modules) is loaded by the first schema compiled, not at start: a server that
// writes no custom resource and no CRD with defaults never loads it. It is CommonJS, so it loads
// synchronously; the kinds that need it load it in Strategy.prepareWrite, outside the write's transaction.
const require = createRequire(import.meta.url)
let shared: Ajv | undefined

/** loads ajv now (a write of a custom resource or CRD is about to be validated); nothing to wait for */
export function loadSchemaValidator(): undefined {
  ajv()
  return undefined
}

/** One ajv for every schema: formats registered once, nothing strict about kube's extensions. */
function ajv(): Ajv {
  if (!shared) {
    const { Ajv } = require('ajv') as typeof import('ajv')
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
