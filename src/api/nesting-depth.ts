import { badRequest } from './errors.js'

/**
 * How deep a decoded body may nest objects and arrays. kube's JSON decoder stops at 10000 levels
 * (Go encoding/json maxNestingDepth, "exceeded max depth"); our own walks over an object (patches,
 * managed fields, validation) recurse on a JavaScript stack that overflows near 2000, so the limit
 * is lower, and still far beyond any real object.
 */
export const MAX_NESTING_DEPTH = 500

/** Whether `value` nests deeper than `maxDepth`; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: Array<{ value: object; depth: number }> = []
  if (value !== null && typeof value === 'object') stack.push({ value, depth: 1 })
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.depth > maxDepth) return true
    for (const child of Object.values(next.value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child as object, depth: next.depth + 1 })
    }
  }
  return false
}

/** Refuses a decoded body that nests deeper than MAX_NESTING_DEPTH with a 400; returns it otherwise. */
export function checkNestingDepth<T>(decoded: T): T {
  if (nestsDeeperThan(decoded, MAX_NESTING_DEPTH)) throw badRequest(`json: exceeded max depth: the body nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep`)
  return decoded
}
