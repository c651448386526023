import type { StatusCause } from '../../../api/types.js'
import { evaluateRuleTree } from './evaluate-rule-tree.js'
import { buildRuleTree } from './rule-tree.js'
import { toSchemaNode } from './schema-node.js'

/** One CRD version's openAPIV3Schema (apiextensions JSONSchemaProps, plain JSON) */
export type JsonSchemaProps = Record<string, unknown>

export interface CompiledRules {
  /** kube's CRD validation errors for rules that do not compile or exceed cost limits (field paths like spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule) — empty when all compile */
  compileErrors: StatusCause[]
  /** true when the schema has no rules at all (the caller skips evaluation) */
  isEmpty: boolean
  /** evaluates every rule against a (defaulted, pruned) object; oldObject for updates (transition rules with oldSelf run only when the old value exists, as kube does); returns kube's causes */
  validate(object: unknown, oldObject?: unknown): StatusCause[]
}

export interface CompileOptions {
  /**
   * The CRD field path of the schema, prefixed to compile errors. Kube reports
   * `spec.validation.openAPIV3Schema` (the default) when all versions share one schema, as its
   * internal version hoists it, and `spec.versions[i].schema.openAPIV3Schema` otherwise.
   */
  fieldPathPrefix?: string
}

/**
 * Compiles the x-kubernetes-validations rules of a CRD version's schema, once, for evaluation on
 * every write of a custom resource (apiextensions-apiserver/pkg/apiserver/schema/cel: compilation.go
 * for the compile, validation.go for the evaluation and its errors).
 */
export function compileValidationRules(schema: JsonSchemaProps, options: CompileOptions = {}): CompiledRules {
  const causes: StatusCause[] = []
  const tree = buildRuleTree(toSchemaNode(schema), {
    schemaPath: options.fieldPathPrefix ?? 'spec.validation.openAPIV3Schema',
    typeName: nextSelfTypeName(),
    isResourceRoot: true,
    causes,
  })
  return {
    compileErrors: causes,
    isEmpty: tree === undefined,
    validate: (object, oldObject) => (tree ? evaluateRuleTree(tree, object, oldObject) : []),
  }
}

let compilations = 0
/** kube names `self`'s type selfType<nanos> so that rules cannot depend on it (compilation.go generateUniqueSelfTypeName). */
function nextSelfTypeName(): string {
  compilations = (compilations + 1) % 1_000_000_000
  return `selfType${compilations}`
}
