import type { parse } from '@bufbuild/cel'

/** A parsed CEL expression as @bufbuild/cel's parser gives it (the cel.expr.Expr message). */
export type ParsedRule = ReturnType<typeof parse>
export type Expr = ParsedRule['expr']
type ExprKind = Expr['exprKind']
/** The payload of one kind of expression node: ExprOf<'callExpr'> is the Call message. */
export type ExprOf<C extends NonNullable<ExprKind['case']>> = Extract<ExprKind, { case: C }>['value']

/** `a.b.c` as the qualified name `a.b.c` when the expression is only identifiers and selects. */
export function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind
  if (kind.case === 'identExpr') return kind.value.name
  if (kind.case !== 'selectExpr' || kind.value.testOnly || !kind.value.operand) return undefined
  const operand = qualifiedName(kind.value.operand)
  return operand === undefined ? undefined : `${operand}.${kind.value.field}`
}
