import { CelScalar, celFunc, celMethod, listType } from '@bufbuild/cel'
import { RE2JS } from 're2js'
import type { CelLibrary } from './cel-library.js'

// kube's regex library (apiserver/pkg/cel/library/regex.go): find and findAll with Go's RE2
// semantics, here through re2js (linear time, like Go's regexp). Also the global form of
// matches(string, string), which @bufbuild/cel only has as a member.

const { STRING, INT, BOOL } = CelScalar

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern)
  } catch (e) {
    throw new Error(`Illegal regex: ${(e as Error).message}`)
  }
}

/** Go's regexp.FindAllString: successive non-overlapping matches, skipping empty matches that abut the previous one. */
export function findAll(text: string, pattern: string, limit: number): string[] {
  const matcher = compile(pattern).matcher(text)
  const found: string[] = []
  let from = 0
  let previousEnd = -1
  while (from <= text.length && (limit < 0 || found.length < limit) && matcher.find(from)) {
    const start = matcher.start()
    const end = matcher.end()
    if (end > start || start !== previousEnd) found.push(text.slice(start, end))
    previousEnd = end
    from = end > start ? end : end + 1
  }
  return found
}

export const REGEX_LIBRARY: CelLibrary = {
  signatures: ['string.find(string) string', 'string.findAll(string) list(string)', 'string.findAll(string, int) list(string)'],
  funcs: [
    celMethod('find', STRING, [STRING], STRING, function (pattern) { return findAll(this, pattern, 1)[0] ?? '' }),
    celMethod('findAll', STRING, [STRING], listType(STRING), function (pattern) { return findAll(this, pattern, -1) }),
    celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (pattern, n) { return findAll(this, pattern, Number(n)) }),
    celFunc('matches', [STRING, STRING], BOOL, (text, pattern) => compile(pattern).test(text)),
  ],
}
