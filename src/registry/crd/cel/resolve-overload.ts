import { BOOL, DYN, UNKNOWN, formatType, isAssignable, isDynamic, isSameType, substitute, type CheckType } from './check-types.js'
import type { Overload } from './signature-table.js'

export interface CallShape {
  readonly name: string
  /** the receiver's type for member calls */
  readonly target?: CheckType
  readonly args: readonly CheckType[]
}

export type Resolution = { readonly type: CheckType } | { readonly error: string }

/**
 * The result type of a call, chosen among the function's overloads as cel-go's checker does
 * (checker/checker.go resolveOverload): every overload whose receiver and arguments accept the
 * argument types matches; one result type when they agree, dyn when they differ, and
 * "found no matching overload" when none matches.
 */
export function resolveOverload(call: CallShape, overloads: readonly Overload[]): Resolution {
  const results: CheckType[] = []
  for (const overload of overloads) {
    const result = matchOverload(call, overload)
    if (result) results.push(result)
  }
  const [first, ...rest] = results
  if (!first) return { error: noMatchingOverload(call) }
  if (rest.every((r) => isSameType(r, first))) return { type: first }
  // several overloads fit a dyn argument: cel-go types the call dyn; when the dyn is our own
  // uncertainty, say so, so that it is never reported as a wrong result type
  const inputs = call.target ? [call.target, ...call.args] : call.args
  return { type: inputs.some((t) => t.kind === 'unknown') ? UNKNOWN : DYN }
}

function matchOverload(call: CallShape, overload: Overload): CheckType | undefined {
  if ((call.target === undefined) !== (overload.target === undefined)) return undefined
  if (call.args.length !== overload.args.length) return undefined
  const bindings = new Map<string, CheckType>()
  if (call.target && overload.target && !isAssignable(overload.target, call.target, bindings)) return undefined
  for (let i = 0; i < call.args.length; i++) {
    if (!isAssignable(overload.args[i] as CheckType, call.args[i] as CheckType, bindings)) return undefined
  }
  return substitute(overload.result, bindings)
}

/** cel-go's message: `found no matching overload for '_+_' applied to '(int, string)'`. */
export function noMatchingOverload(call: CallShape): string {
  const target = call.target ? `${formatType(call.target)}.` : ''
  return `found no matching overload for '${call.name}' applied to '${target}(${call.args.map(formatType).join(', ')})'`
}

/** `_&&_` and `_||_` take booleans (or dyn) and give a boolean. */
export function resolveLogical(call: CallShape): Resolution {
  const isBoolish = (t: CheckType) => isDynamic(t) || isSameType(t, BOOL)
  return call.args.every(isBoolish) ? { type: BOOL } : { error: noMatchingOverload(call) }
}
