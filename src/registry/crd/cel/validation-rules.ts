import type { StatusCause } from '../../../api/types.js'

/** What compiling a schema's `x-kubernetes-validations` gives. */
export interface CompiledValidationRules {
  /** causes for rules that do not compile, at their schema field paths; the CRD write is a 422 then */
  compileErrors: StatusCause[]
  /** true when the schema has no rules: nothing to run per object */
  isEmpty: boolean
  /** causes for an object (and, on update, its old state) the rules reject */
  validate(object: unknown, oldObject?: unknown): StatusCause[]
}

/**
 * STUB, replaced by the `cel` branch (issue #8): the same signature, compiling nothing and
 * rejecting nothing, so the CRD machinery around it can be built and tested. Do not extend it here.
 */
export function compileValidationRules(
  _schema: Record<string, unknown>,
  _options?: { fieldPathPrefix?: string },
): CompiledValidationRules {
  return { compileErrors: [], isEmpty: true, validate: () => [] }
}
