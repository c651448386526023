import { badRequest } from './errors.js'

// Field selectors as apimachinery pkg/fields/selector.go parses them: comma-separated terms
// `field=value`, `field==value`, `field!=value`; in values `\,` `\=` `\\` are escapes and a bare
// `,` or `=` is an error. Fields are not checked here: that is per resource (selectors.ts).

export interface FieldRequirement {
  field: string
  /** `==` arrives as `=`: kube treats them alike */
  operator: '=' | '!='
  /** unescaped */
  value: string
}

export interface FieldSelector {
  /** true when the selector selects everything (absent or blank) */
  readonly isEmpty: boolean
  /** in kube's order: terms sorted as strings before parsing */
  readonly requirements: readonly FieldRequirement[]
  /** `valueOf` answers an object's value for a field path; undefined counts as "" like fields.Set.Get */
  matches(valueOf: (fieldPath: string) => string | undefined): boolean
}

/** Parses `?fieldSelector=`; a syntax error is a 400 with kube's message. */
export function parseFieldSelector(raw?: string): FieldSelector {
  const requirements = raw ? splitTerms(raw).sort().filter((t) => t !== '').map((t) => toRequirement(raw, t)) : []
  return {
    isEmpty: requirements.length === 0,
    requirements,
    matches: (valueOf) =>
      requirements.every((r) => ((valueOf(r.field) ?? '') === r.value) === (r.operator === '=')),
  }
}

function toRequirement(raw: string, term: string): FieldRequirement {
  const split = splitTerm(term)
  if (!split) throw badRequest(`invalid selector: '${raw}'; can't understand '${term}'`)
  const [field, operator, escapedValue] = split
  return { field, operator: operator === '!=' ? '!=' : '=', value: unescapeValue(escapedValue) }
}

/** Splits on commas not preceded by a backslash; the backslash stays for unescapeValue. */
function splitTerms(selector: string): string[] {
  const terms: string[] = []
  let start = 0
  let isEscaped = false
  for (let i = 0; i < selector.length; i++) {
    const c = selector.charAt(i)
    if (isEscaped) isEscaped = false
    else if (c === '\\') isEscaped = true
    else if (c === ',') {
      terms.push(selector.slice(start, i))
      start = i + 1
    }
  }
  return [...terms, selector.slice(start)]
}

// `!=` and `==` are tried before `=` at each position so "a==b" does not leave "=b" as the value.
const TERM_OPERATORS = ['!=', '==', '='] as const

/** The leftmost operator splits the term; field names have no escapes. */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    const op = TERM_OPERATORS.find((o) => term.startsWith(o, i))
    if (op) return [term.slice(0, i), op, term.slice(i + op.length)]
  }
  return undefined
}

function unescapeValue(s: string): string {
  let value = ''
  let isEscaped = false
  for (const c of s) {
    if (isEscaped) {
      if (c !== '\\' && c !== ',' && c !== '=') throw invalidSelector(`invalid escape sequence: \\${c}`)
      value += c
      isEscaped = false
    } else if (c === '\\') {
      isEscaped = true
    } else if (c === ',' || c === '=') {
      // kube formats the rune with %v, which prints its code point: "... in value: 61" for '='.
      throw invalidSelector(`unescaped character in value: ${c.codePointAt(0)}`)
    } else {
      value += c
    }
  }
  if (isEscaped) throw invalidSelector('invalid escape sequence: \\')
  return value
}

const invalidSelector = (why: string) => badRequest(`invalid field selector: ${why}`)
