// How a schema property name becomes a CEL identifier and back, as apiserver/pkg/cel/escaping.go
// does it: `x-prop` is `x__dash__prop`, `namespace` is `__namespace__`, `a__b` is
// `a__underscores__b`. A name that cannot be escaped (leading digit, other characters) is not
// accessible from rules at all.

// CEL's RESERVED symbols (escaping.go celReservedSymbols): no identifier may collide with them.
const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
])

const PLAIN = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const ESCAPABLE = /^[a-zA-Z_./-][a-zA-Z0-9_./-]*$/
const ESCAPE_TOKENS: Record<string, string> = { __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' }
const UNESCAPE_TOKENS: Record<string, string> = { underscores: '__', dot: '.', dash: '-', slash: '/' }

/** The CEL identifier for a property name, or undefined when kube leaves it inaccessible. */
export function escapeProperty(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`
  if (PLAIN.test(name) && !name.includes('__')) return name
  if (!ESCAPABLE.test(name)) return undefined
  // leftmost-first like Go's regexp: `__` before single characters
  return name.replace(/__|[./-]/g, (token) => ESCAPE_TOKENS[token] ?? token)
}

/** The property name for an escaped identifier, or undefined when the escapes are not kube's. */
export function unescapeProperty(escaped: string): string | undefined {
  let isValid = true
  const name = escaped.replace(/__[^_]+__/g, (token) => {
    const inner = token.slice(2, -2)
    const plain = UNESCAPE_TOKENS[inner]
    if (plain !== undefined) return plain
    if (RESERVED.has(inner)) {
      if (token.length !== escaped.length) isValid = false
      return inner
    }
    isValid = false
    return ''
  })
  return isValid ? name : undefined
}
