import type { CompiledRules, CompileOptions, JsonSchemaProps } from './validation-rules.js'

// CEL (@bufbuild/cel with protobuf and re2: over a hundred modules) is loaded by the first write that
// may need it, not at start: a server whose CRDs have no x-kubernetes-validations never loads it.
// Compiling stays synchronous (validation runs inside the write), so such writes first await
// loadValidationRules() through their kind's Strategy.prepareWrite.
let compile: ((schema: JsonSchemaProps, options?: CompileOptions) => CompiledRules) | undefined
let loading: Promise<void> | undefined

const NO_RULES: CompiledRules = Object.freeze({ compileErrors: [], isEmpty: true, validate: () => [] })

/** whether `schema` holds any x-kubernetes-validations (anywhere: a false alarm only loads CEL) */
export function hasValidationRules(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasValidationRules)
  if (typeof schema !== 'object' || schema === null) return false
  return Object.entries(schema).some(([key, value]) => key === 'x-kubernetes-validations' || hasValidationRules(value))
}

/** loads the CEL compiler once; undefined when it is loaded already (nothing to wait for) */
export function loadValidationRules(): Promise<void> | undefined {
  if (compile) return undefined
  return (loading ??= import('./validation-rules.js').then((rules) => void (compile = rules.compileValidationRules)))
}

/** compileValidationRules (validation-rules.ts) for a schema with rules once loadValidationRules() resolved; no CEL for one without */
export function compileLoadedValidationRules(schema: JsonSchemaProps, options: CompileOptions = {}): CompiledRules {
  if (!hasValidationRules(schema)) return NO_RULES
  if (!compile) throw new Error('x-kubernetes-validations were compiled before loadValidationRules() resolved')
  return compile(schema, options)
}
