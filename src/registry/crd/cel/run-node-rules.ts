import { isCelError, type CelInput, type CelResult } from '@bufbuild/cel'
import { invalidField, goValue } from '../../../api/field-errors.js'
import type { StatusCause } from '../../../api/types.js'
import type { CompiledRule } from './compile-node-rules.js'
import type { Program } from './compile-expression.js'
import { CostMeter, PER_CALL_LIMIT, runMetered } from './cost-meter.js'
import { optionalOf } from './library/optional-type.js'
import { childPath, ruleErrorString, ruleFailure, ruleMessageOrDefault, shownPath } from './rule-causes.js'
import type { RuleNode } from './rule-tree.js'
import { toCelValue } from './schema-values.js'

export interface RunState {
  readonly causes: StatusCause[]
  remainingBudget: number
  /** when the object's rules must have finished (RUNTIME_DEADLINE_MS after the first) */
  readonly deadlineMs: number
  /** set when a rule or the object ran out of cost: nothing more is evaluated */
  isStopped: boolean
}

interface NodeVisit {
  readonly path: string
  readonly value: unknown
  readonly old: unknown
  readonly isUnchanged: () => boolean
}

/** kube's evaluated messages are at most this long (apiserver/pkg/apis/cel/config.go). */
const MAX_MESSAGE_BYTES = 5 * 1024
const OUT_OF_BUDGET = 'validation failed due to running out of cost budget, no further validation rules will be run'

/** Runs the rules of one node with kube's errors (schema/cel/validation.go validateExpressions). */
export function runNodeRules(node: RuleNode, visit: NodeVisit, state: RunState): void {
  const type = node.schema.type
  const at = shownPath(visit.path)
  if (state.remainingBudget <= 0) return stop(state, invalidField(at, goValue(type), OUT_OF_BUDGET))
  const hasOld = visit.old !== undefined && visit.old !== null
  const self = toCelValue(visit.value, node.schema)
  const oldSelf = hasOld ? toCelValue(visit.old, node.schema) : undefined
  for (const rule of node.rules) {
    if (state.isStopped) return
    if (rule.compileError) {
      state.causes.push(invalidField(at, goValue(type), `rule compile error: ${rule.compileError}`))
      continue
    }
    if (!rule.program || (rule.usesOldSelf && !hasOld && rule.rule.optionalOldSelf !== true)) continue
    const oldBinding = rule.rule.optionalOldSelf === true ? optionalOf(oldSelf) : oldSelf
    const bindings: Record<string, CelInput> = { self, ...(oldBinding !== undefined ? { oldSelf: oldBinding as CelInput } : {}) }
    const result = runWithBudget(rule.program, bindings, state)
    if (result === undefined) return stop(state, invalidField(at, goValue(type), costExceeded(rule)))
    if (state.remainingBudget < 0) return stop(state, invalidField(at, goValue(type), OUT_OF_BUDGET))
    if (isCelError(result)) {
      state.causes.push(invalidField(at, goValue(type), evaluationError(result.message, rule)))
      continue
    }
    if (result !== true) reportFailure(rule, { node, visit, self, oldSelf }, state)
  }
}

/** The result, or undefined when the rule went past the per-call limit; charges the object's budget. */
function runWithBudget(program: Program, bindings: Record<string, CelInput>, state: RunState): CelResult | undefined {
  const meter = new CostMeter(PER_CALL_LIMIT, state.deadlineMs)
  const result = runMetered(meter, () => program(bindings))
  state.remainingBudget -= meter.spent
  return meter.isExceeded ? undefined : result
}

function reportFailure(
  rule: CompiledRule,
  run: { node: RuleNode; visit: NodeVisit; self: CelInput; oldSelf: CelInput | undefined },
  state: RunState,
): void {
  const type = run.node.schema.type
  const at = shownPath(rule.fieldPath ? childPath(run.visit.path, rule.fieldPath) : run.visit.path)
  let detail = ruleMessageOrDefault(rule.rule)
  if (rule.messageProgram) {
    const bindings = { self: run.self, ...(run.oldSelf !== undefined ? { oldSelf: run.oldSelf } : {}) }
    const result = runWithBudget(rule.messageProgram, bindings, state)
    const source = JSON.stringify(rule.rule.messageExpression)
    if (result === undefined) return stop(state, invalidField(at, goValue(type), `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${source}`))
    if (state.remainingBudget < 0) return stop(state, invalidField(at, goValue(type), 'messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run'))
    detail = evaluatedMessage(result) ?? detail
  }
  // transition rules never ratchet; others do when the value is unchanged (CRDValidationRatcheting, on in 1.32)
  if (!rule.usesOldSelf && run.visit.isUnchanged()) return
  state.causes.push(ruleFailure(at, type, detail, rule.rule.reason))
}

/** A messageExpression's message, or undefined when kube falls back to the rule's message. */
function evaluatedMessage(result: CelResult): string | undefined {
  if (typeof result !== 'string') return undefined
  const message = result.trim()
  const isUsable = message !== '' && !message.includes('\n') && Buffer.byteLength(message) <= MAX_MESSAGE_BYTES
  return isUsable ? message : undefined
}

function costExceeded(rule: CompiledRule): string {
  return `'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(rule.rule)}`
}

function evaluationError(message: string, rule: CompiledRule): string {
  const text = celGoErrorText(message)
  if (text.startsWith('no such overload')) {
    return `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule.rule)}`
  }
  return `${text} evaluating rule: ${ruleErrorString(rule.rule)}`
}

/** @bufbuild/cel's runtime error texts as cel-go words them (common/types/err.go, map.go, list.go). */
export function celGoErrorText(message: string): string {
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^field not found: (.*)$/s, (m) => `no such key: ${m[1]}`],
    [/^index (-?\d+) out of bounds/, (m) => `index out of bounds: ${m[1]}`],
    [/^int overflow/, () => 'integer overflow'],
    [/^uint overflow/, () => 'unsigned integer overflow'],
    [/divide by zero/, () => 'division by zero'],
    [/modulus by zero/, () => 'modulus by zero'],
    [/^(found no matching overload|unbound function)/, () => 'no such overload'],
  ]
  for (const [pattern, rewrite] of rules) {
    const m = pattern.exec(message)
    if (m) return rewrite(m)
  }
  return message
}

function stop(state: RunState, cause: StatusCause): void {
  state.causes.push(cause)
  state.isStopped = true
}
