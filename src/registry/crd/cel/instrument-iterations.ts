import { ITERATION_FUNCTION, RANGE_FUNCTION } from './cel-environment.js'
import type { Expr } from './expr-ast.js'
import { children } from './issue-text.js'

/**
 * Puts a call of the iteration function around the loop condition of every comprehension
 * (all, exists, exists_one, map, filter), so that each iteration is charged to the rule's cost
 * meter, weighted by what the iteration reads: a nest of loops over a long list stops at the cost limit instead of running for hours.
 * Mutates the parsed expression, which is planned right after.
 */
export function instrumentIterations(expr: Expr): void {
  const kind = expr.exprKind
  if (kind.case === 'comprehensionExpr' && kind.value.loopCondition && kind.value.loopStep) {
    const condition = kind.value.loopCondition
    const weight = 1 + accessCount(condition) + accessCount(kind.value.loopStep)
    kind.value.loopCondition = call(condition, ITERATION_FUNCTION, [condition, intConstant(condition, weight)])
    // @bufbuild/cel converts the whole range when a loop starts, even one that exits at once
    if (kind.value.iterRange) kind.value.iterRange = call(kind.value.iterRange, RANGE_FUNCTION, [kind.value.iterRange])
  }
  for (const child of children(expr)) instrumentIterations(child)
}

/**
 * The identifiers and field selections one iteration evaluates, which cel-go charges 1 each
 * (interpreter/runtimecost.go): calls are charged as they run. A nested comprehension's own
 * iterations are charged by its own condition.
 */
function accessCount(expr: Expr): number {
  const kind = expr.exprKind
  if (kind.case === 'identExpr') return 1
  if (kind.case === 'comprehensionExpr') {
    return [kind.value.iterRange, kind.value.accuInit].reduce((n, e) => n + (e ? accessCount(e) : 0), 0)
  }
  const own = kind.case === 'selectExpr' ? 1 : 0
  return children(expr).reduce((n, child) => n + accessCount(child), own)
}

// Nodes in the shape of the cel.expr.Expr messages @bufbuild/cel's planner reads.
function call(like: Expr, name: string, args: Expr[]): Expr {
  const value = { $typeName: 'cel.expr.Expr.Call', target: undefined, function: name, args }
  return { ...like, exprKind: { case: 'callExpr', value } } as Expr
}

function intConstant(like: Expr, value: number): Expr {
  const constant = { $typeName: 'cel.expr.Constant', constantKind: { case: 'int64Value', value: BigInt(value) } }
  return { ...like, exprKind: { case: 'constExpr', value: constant } } as Expr
}
