import { invalidField, requiredField, unsupportedField } from '../../../api/field-errors.js'
import type { StatusCause } from '../../../api/types.js'
import { optionalOf, type CheckType } from './check-types.js'
import { compileExpression, isBoolResult, isStringResult, type Program } from './compile-expression.js'
import { SUPPORTED_REASONS, ruleCompileError } from './rule-causes.js'
import { normalizeFieldPath } from './rule-field-path.js'
import type { RawValidationRule, SchemaNode } from './schema-node.js'

export interface CompiledRule {
  readonly rule: RawValidationRule
  /** undefined for an empty rule or one that does not compile (see compileError) */
  readonly program?: Program
  readonly compileError?: string
  /** refers to oldSelf: a transition rule, run only on updates (unless optionalOldSelf) */
  readonly usesOldSelf: boolean
  readonly messageProgram?: Program
  /** the rule's fieldPath, normalised; undefined when unset */
  readonly fieldPath?: string
}

export interface NodeRulesContext {
  readonly node: SchemaNode
  /** the CRD field path of the node: `spec.validation.openAPIV3Schema.properties[spec]` */
  readonly schemaPath: string
  /** the type of `self` at the node; undefined when CEL cannot see it */
  readonly selfType: CheckType | undefined
  /** the nearest list above whose items cannot be correlated with their old values */
  readonly uncorrelatablePath?: string
}

/**
 * Compiles the x-kubernetes-validations of one schema node, with the CRD validation errors kube
 * gives for them (apiextensions/validation/validation.go ValidateCustomResourceDefinitionOpenAPISchema
 * and schema/cel/compilation.go compileRule).
 */
export function compileNodeRules(context: NodeRulesContext): { rules: CompiledRule[]; causes: StatusCause[] } {
  const fieldOf = (i: number, name: string) => `${context.schemaPath}.x-kubernetes-validations[${i}].${name}`
  const causes = context.node.rules.flatMap((rule, i) => staticErrors(rule, (name) => fieldOf(i, name), context.node))
  if (causes.length > 0) return { rules: context.node.rules.map((rule) => ({ rule, usesOldSelf: false })), causes }
  const rules = context.node.rules.map((rule, i) => compileRule(rule, context, (name) => fieldOf(i, name), causes))
  return { rules, causes }
}

/** What kube checks of a rule before compiling any of the node's rules. */
function staticErrors(rule: RawValidationRule, field: (name: string) => string, node: SchemaNode): StatusCause[] {
  const causes: StatusCause[] = []
  const message = rule.message?.trim() ?? ''
  const hasNewline = (s: string) => /[\n\r]/.test(s)
  if (rule.rule.trim() === '') causes.push(requiredField(field('rule'), 'rule is not specified'))
  else if (rule.message !== undefined && rule.message !== '' && message === '') {
    causes.push(invalidField(field('message'), JSON.stringify(rule.message), 'message must be non-empty if specified'))
  } else if (hasNewline(message)) causes.push(invalidField(field('message'), JSON.stringify(rule.message), 'message must not contain line breaks'))
  else if (hasNewline(rule.rule.trim()) && message === '') causes.push(requiredField(field('message'), 'message must be specified if rule contains line breaks'))
  if (rule.messageExpression !== undefined && rule.messageExpression !== '' && rule.messageExpression.trim() === '') {
    causes.push(requiredField(field('messageExpression'), 'messageExpression must be non-empty if specified'))
  }
  if (rule.reason !== undefined && !SUPPORTED_REASONS.includes(rule.reason)) causes.push(unsupportedField(field('reason'), rule.reason, SUPPORTED_REASONS))
  if (rule.fieldPath !== undefined && rule.fieldPath !== '') causes.push(...fieldPathErrors(rule.fieldPath, field('fieldPath'), node))
  return causes
}

function fieldPathErrors(fieldPath: string, field: string, node: SchemaNode): StatusCause[] {
  const value = JSON.stringify(fieldPath)
  if (fieldPath.trim() === '') return [invalidField(field, value, 'fieldPath must be non-empty if specified')]
  const causes: StatusCause[] = []
  if (/[\n\r]/.test(fieldPath)) causes.push(invalidField(field, value, 'fieldPath must not contain line breaks'))
  if (normalizeFieldPath(fieldPath, node) === undefined) causes.push(invalidField(field, value, 'fieldPath must be a valid path'))
  return causes
}

function compileRule(rule: RawValidationRule, context: NodeRulesContext, field: (name: string) => string, causes: StatusCause[]): CompiledRule {
  if (!context.selfType) {
    const detail = `rule declared on schema that does not support validation rules type: '${context.node.type}' x-kubernetes-preserve-unknown-fields: '${context.node.preservesUnknownFields}'`
    causes.push(ruleCompileError(field('rule'), rule, detail))
    return { rule, usesOldSelf: false, compileError: detail }
  }
  const oldSelfType = rule.optionalOldSelf === true ? optionalOf(context.selfType) : context.selfType
  const variables = new Map([['self', context.selfType], ['oldSelf', oldSelfType]])
  const compiled = compileExpression(rule.rule, variables)
  const failed = (detail: string): CompiledRule => {
    causes.push(ruleCompileError(field('rule'), rule, detail))
    return { rule, usesOldSelf: false, compileError: detail }
  }
  if ('error' in compiled) return failed(`compilation failed: ${compiled.error}`)
  if (!isBoolResult(compiled.type)) return failed('cel expression must evaluate to a bool')
  causes.push(...oldSelfErrors(rule, compiled.usesOldSelf, context, field))
  const fieldPath = rule.fieldPath ? normalizeFieldPath(rule.fieldPath, context.node) : undefined
  return {
    rule,
    program: compiled.program,
    usesOldSelf: compiled.usesOldSelf,
    ...(fieldPath ? { fieldPath } : {}),
    ...compileMessageExpression(rule, variables, field, causes),
  }
}

function oldSelfErrors(rule: RawValidationRule, usesOldSelf: boolean, context: NodeRulesContext, field: (name: string) => string): StatusCause[] {
  if (usesOldSelf && context.uncorrelatablePath !== undefined) {
    const detail = `oldSelf cannot be used on the uncorrelatable portion of the schema within ${context.uncorrelatablePath}`
    return [invalidField(field('rule'), JSON.stringify(rule.rule), detail)]
  }
  if (!usesOldSelf && rule.optionalOldSelf !== undefined) {
    return [invalidField(field('optionalOldSelf'), String(rule.optionalOldSelf), 'may not be set if oldSelf is not used in rule')]
  }
  return []
}

function compileMessageExpression(
  rule: RawValidationRule,
  variables: ReadonlyMap<string, CheckType>,
  field: (name: string) => string,
  causes: StatusCause[],
): { messageProgram?: Program } {
  if (!rule.messageExpression) return {}
  const compiled = compileExpression(rule.messageExpression, variables)
  const failed = (detail: string) => {
    causes.push(ruleCompileError(field('messageExpression'), rule, detail))
    return {}
  }
  if ('error' in compiled) return failed(`messageExpression compilation failed: ${compiled.error}`)
  if (!isStringResult(compiled.type)) return failed('messageExpression must evaluate to a string')
  return { messageProgram: compiled.program }
}
