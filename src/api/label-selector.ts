import { badRequest } from './errors.js'
import { isInt64, labelKeyErrors, requirementValueErrors } from './selectors.js'

// Label selectors as kube-apiserver parses them: the lexer, the recursive-descent parser and the
// error texts of apimachinery pkg/labels/selector.go (v1.32), so a bad `?labelSelector=` gets the
// same 400 message kubectl users see from a real cluster.

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt'

export interface LabelRequirement {
  key: string
  operator: LabelOperator
  /** sorted and de-duplicated, as kube's sets.String.List() leaves them */
  values: readonly string[]
}

export interface LabelSelector {
  /** true when the selector selects everything (absent or blank) */
  readonly isEmpty: boolean
  readonly requirements: readonly LabelRequirement[]
  matches(labels: Readonly<Record<string, string>> | undefined): boolean
}

/** Parses `?labelSelector=`; a syntax error is a 400 with kube's message. */
export function parseLabelSelector(raw?: string): LabelSelector {
  const requirements = raw ? parseOrBadRequest(raw) : []
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return {
    isEmpty: requirements.length === 0,
    requirements,
    matches: (labels) => requirements.every((r) => requirementMatches(r, labels ?? {})),
  }
}

export function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const value = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined
  switch (r.operator) {
    case '=': case '==': case 'in': return value !== undefined && r.values.includes(value)
    case '!=': case 'notin': return value === undefined || !r.values.includes(value)
    case 'exists': return value !== undefined
    case '!': return value === undefined
    // A label value that is not an integer never satisfies gt/lt.
    case 'gt': return value !== undefined && isInt64(value) && BigInt(value) > BigInt(r.values[0] as string)
    case 'lt': return value !== undefined && isInt64(value) && BigInt(value) < BigInt(r.values[0] as string)
  }
}

// ---- lexer -------------------------------------------------------------------------------------

type TokenKind = 'id' | 'end' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<'
interface Token { kind: TokenKind; literal: string }

const SYMBOLS = new Set(['(', ')', ',', '!', '=', '==', '!=', '>', '<'])
const isSpecial = (ch: string) => '=!(),><'.includes(ch)
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n'

function tokenize(s: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  for (;;) {
    while (pos < s.length && isWhitespace(s.charAt(pos))) pos++
    // Go's lexer reads a NUL byte as end of input, so do we.
    if (pos >= s.length || s.charAt(pos) === '\0') return [...tokens, { kind: 'end', literal: '' }]
    let literal = ''
    if (isSpecial(s.charAt(pos))) {
      // Greedy: the longest operator the characters form ("!=" rather than "!").
      while (pos < s.length && SYMBOLS.has(literal + s.charAt(pos))) literal += s.charAt(pos++)
      tokens.push({ kind: literal as TokenKind, literal })
      continue
    }
    while (pos < s.length && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos)) && s.charAt(pos) !== '\0') {
      literal += s.charAt(pos++)
    }
    const kind: TokenKind = literal === 'in' || literal === 'notin' ? literal : 'id'
    tokens.push({ kind, literal })
  }
}

// ---- parser ------------------------------------------------------------------------------------

/** Where `in`/`notin` are keywords (after a key) and where they are plain values. */
type Context = 'keyAndOperator' | 'values'

class Parser {
  #position = 0
  constructor(private readonly tokens: Token[]) {}

  #peek = (context: Context): Token => asContext(this.tokens[this.#position] as Token, context)
  #next = (context: Context): Token => asContext(this.tokens[this.#position++] as Token, context)

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = []
    for (;;) {
      const { kind, literal } = this.#peek('values')
      if (kind === 'end') return requirements
      if (kind !== 'id' && kind !== '!') fail(`found '${literal}', expected: !, identifier, or 'end of string'`)
      requirements.push(this.#requirement())
      const after = this.#next('values')
      if (after.kind === 'end') return requirements
      if (after.kind !== ',') fail(`found '${after.literal}', expected: ',' or 'end of string'`)
      const following = this.#peek('values')
      if (following.kind !== 'id' && following.kind !== '!') {
        fail(`found '${following.literal}', expected: identifier after ','`)
      }
    }
  }

  #requirement(): LabelRequirement {
    try {
      const { key, operator } = this.#keyAndInferredOperator()
      if (operator === 'exists' || operator === '!') return { key, operator, values: [] }
      const op = this.#operator()
      const values = op === 'in' || op === 'notin' ? this.#valueSet() : [this.#exactValue()]
      return newRequirement(key, op, values)
    } catch (error) {
      if (error instanceof SelectorSyntaxError) fail(`unable to parse requirement: ${error.message}`)
      throw error
    }
  }

  #keyAndInferredOperator(): { key: string; operator: LabelOperator | undefined } {
    let token = this.#next('values')
    let operator: LabelOperator | undefined
    if (token.kind === '!') {
      operator = '!'
      token = this.#next('values')
    }
    if (token.kind !== 'id') fail(`found '${token.literal}', expected: identifier`)
    const keyErrors = labelKeyErrors(token.literal)
    if (keyErrors.length > 0) fail(`<nil>: Invalid value: ${goQuote(token.literal)}: ${keyErrors.join('; ')}`)
    const following = this.#peek('values').kind
    if ((following === 'end' || following === ',') && operator !== '!') operator = 'exists'
    return { key: token.literal, operator }
  }

  #operator(): LabelOperator {
    const { kind, literal } = this.#next('keyAndOperator')
    const operators: Partial<Record<TokenKind, LabelOperator>> = {
      in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt',
    }
    return operators[kind] ?? fail(`found '${literal}', expected: in, notin, =, ==, !=, gt, lt`)
  }

  #valueSet(): string[] {
    const open = this.#next('values')
    if (open.kind !== '(') fail(`found '${open.literal}' expected: '('`)
    const { kind, literal } = this.#peek('values')
    if (kind === ')') {
      this.#next('values')
      return ['']
    }
    if (kind !== 'id' && kind !== ',') fail(`found '${literal}', expected: ',', ')' or identifier`)
    const values = this.#identifierList()
    if (this.#next('values').kind !== ')') fail(`found '${literal}', expected: ')'`)
    return values
  }

  /** `a,b`, `,b`, `a,,b`, `a,`: empty entries are the empty value, as in kube. */
  #identifierList(): string[] {
    const values = new Set<string>()
    for (;;) {
      const token = this.#next('values')
      if (token.kind === 'id') {
        values.add(token.literal)
        const following = this.#peek('values')
        if (following.kind === ')') return [...values]
        if (following.kind !== ',') fail(`found '${following.literal}', expected: ',' or ')'`)
      } else if (token.kind === ',') {
        if (values.size === 0) values.add('')
        const following = this.#peek('values').kind
        if (following === ')' || following === ',') values.add('')
        if (following === ')') return [...values]
      } else {
        fail(`found '${token.literal}', expected: ',', or identifier`)
      }
    }
  }

  #exactValue(): string {
    const { kind } = this.#peek('values')
    if (kind === 'end' || kind === ',') return ''
    const token = this.#next('values')
    return token.kind === 'id' ? token.literal : fail(`found '${token.literal}', expected: identifier`)
  }
}

const asContext = (token: Token, context: Context): Token =>
  context === 'values' && (token.kind === 'in' || token.kind === 'notin') ? { ...token, kind: 'id' } : token

/** kube's NewRequirement: values sorted and de-duplicated, then checked; errors aggregate like utilerrors.NewAggregate. */
function newRequirement(key: string, operator: LabelOperator, rawValues: string[]): LabelRequirement {
  const values = [...new Set(rawValues)].sort()
  const errors = [...new Set(requirementValueErrors(key, operator === 'gt' || operator === 'lt', values))]
  if (errors.length === 1) fail(errors[0] as string)
  if (errors.length > 1) fail(`[${errors.join(', ')}]`)
  return { key, operator, values }
}

class SelectorSyntaxError extends Error {}

function fail(message: string): never {
  throw new SelectorSyntaxError(message)
}

/** Close enough to Go's %q for the printable strings a URL query carries. */
const goQuote = (s: string) => JSON.stringify(s)

function parseOrBadRequest(raw: string): LabelRequirement[] {
  try {
    return new Parser(tokenize(raw)).parse()
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw badRequest(error.message)
    throw error
  }
}
