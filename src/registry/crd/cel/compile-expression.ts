import { parse, plan, type CelInput, type CelResult } from '@bufbuild/cel'
import { BOOL, STRING, isSameType, type CheckType } from './check-types.js'
import { FUNCTION_SIGNATURES, RULE_ENVIRONMENT } from './cel-environment.js'
import type { ParsedRule } from './expr-ast.js'
import { instrumentIterations } from './instrument-iterations.js'
import { formatIssues, issueOffset } from './issue-text.js'
import { checkExpression } from './type-checker.js'

/** A compiled expression, run with its variables bound. */
export type Program = (bindings: Record<string, CelInput>) => CelResult

export type Compilation =
  | { readonly program: Program; readonly usesOldSelf: boolean; readonly type: CheckType }
  | { readonly error: string }

/**
 * Parses, checks and plans one expression, with the result cel-go's `env.Compile` would give:
 * `ERROR: <input>:1:6: …` issues for syntax errors, undeclared references, unknown fields and
 * calls no overload accepts.
 */
export function compileExpression(source: string, variables: ReadonlyMap<string, CheckType>): Compilation {
  let parsed: ParsedRule
  try {
    parsed = parse(source)
  } catch (e) {
    return { error: syntaxError(source, (e as Error).message) }
  }
  const checked = checkExpression(parsed.expr, { variables, functions: FUNCTION_SIGNATURES })
  if (checked.issues.length > 0) {
    const issues = checked.issues.map((i) => ({ offset: issueOffset(parsed, source, i.exprId), message: i.message }))
    return { error: formatIssues(source, issues) }
  }
  instrumentIterations(parsed.expr)
  const program = plan(RULE_ENVIRONMENT, parsed) as Program
  return { program, usesOldSelf: checked.referencesOldSelf, type: checked.type }
}

/** @bufbuild/cel's `<input>:1:8: found + but …` as cel-go prints a syntax error. */
function syntaxError(source: string, message: string): string {
  const m = /^<input>:(\d+):(\d+): (.*)$/s.exec(message)
  if (!m) return formatIssues(source, [{ offset: 0, message: `Syntax error: ${message}` }])
  const lines = source.split('\n')
  const lineStart = lines.slice(0, Number(m[1]) - 1).reduce((sum, line) => sum + line.length + 1, 0)
  return formatIssues(source, [{ offset: lineStart + Number(m[2]) - 1, message: `Syntax error: ${m[3]}` }])
}

/** The result type is what the rule kind needs; our checker's `unknown` is given the benefit of the doubt. */
export const isBoolResult = (type: CheckType) => type.kind === 'unknown' || isSameType(type, BOOL)
export const isStringResult = (type: CheckType) => type.kind === 'unknown' || isSameType(type, STRING)
