import type { Expr, ParsedRule } from './expr-ast.js'

/** A compile problem at a character offset of the rule's source. */
export interface SourceIssue {
  readonly offset: number
  readonly message: string
}

/**
 * Issues as cel-go prints them (common/error.go ToDisplayString, common/errors.go): sorted by
 * position, each `ERROR: <input>:line:column: message` followed by the source line and a caret
 * under the column, joined by newlines.
 */
export function formatIssues(source: string, issues: readonly SourceIssue[]): string {
  return [...issues].sort((a, b) => a.offset - b.offset).map((issue) => formatIssue(source, issue)).join('\n')
}

function formatIssue(source: string, issue: SourceIssue): string {
  const lineStart = source.lastIndexOf('\n', issue.offset - 1) + 1
  const line = source.slice(0, lineStart).split('\n').length
  const lineEnd = source.indexOf('\n', lineStart)
  const snippet = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replaceAll('\t', ' ')
  const column = [...source.slice(lineStart, issue.offset)].length
  const pointer = '.'.repeat(column) + '^'
  return `ERROR: <input>:${line}:${column + 1}: ${issue.message}\n | ${snippet}\n | ${pointer}`
}

/**
 * Where cel-go places an expression: @bufbuild/cel records a call at its name, cel-go at its
 * opening parenthesis (parser/parser.go VisitGlobalCall, VisitMemberCall, and the has() macro),
 * and an operator at its token.
 */
export function issueOffset(parsed: ParsedRule, source: string, expr: Expr | bigint): number {
  const id = typeof expr === 'bigint' ? expr : expr.id
  const offset = parsed.sourceInfo?.positions[String(id)] ?? 0
  const node = typeof expr === 'bigint' ? findExpr(parsed.expr, id) : expr
  if (node && isNamedCall(node, parsed)) {
    const paren = source.indexOf('(', offset)
    return paren === -1 ? offset : paren
  }
  // an operator's position is its token, which @bufbuild/cel records with the blank before it
  let at = offset
  while (node?.exprKind.case === 'callExpr' && /\s/.test(source[at] ?? '')) at++
  return at
}

function isNamedCall(node: Expr, parsed: ParsedRule): boolean {
  const kind = node.exprKind
  if (kind.case === 'callExpr') return /^[A-Za-z]/.test(kind.value.function)
  return kind.case === 'selectExpr' && kind.value.testOnly && String(node.id) in (parsed.sourceInfo?.macroCalls ?? {})
}

function findExpr(expr: Expr, id: bigint): Expr | undefined {
  if (expr.id === id) return expr
  for (const child of children(expr)) {
    const found = findExpr(child, id)
    if (found) return found
  }
  return undefined
}

/** The direct subexpressions of an expression. */
export function children(expr: Expr): Expr[] {
  const kind = expr.exprKind
  switch (kind.case) {
    case 'selectExpr':
      return kind.value.operand ? [kind.value.operand] : []
    case 'callExpr':
      return [...(kind.value.target ? [kind.value.target] : []), ...kind.value.args]
    case 'listExpr':
      return kind.value.elements
    case 'structExpr':
      return kind.value.entries.flatMap((e) => [
        ...(e.keyKind.case === 'mapKey' ? [e.keyKind.value] : []),
        ...(e.value ? [e.value] : []),
      ])
    case 'comprehensionExpr': {
      const c = kind.value
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter((e): e is Expr => e !== undefined)
    }
    default:
      return []
  }
}
