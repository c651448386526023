import type { SchemaNode } from './schema-node.js'

// A rule's fieldPath, checked and normalised as apiextensions-apiserver/pkg/apiserver/schema/cel/
// validation.go ValidFieldPath does: a JSON path of `.field` and `['key']` steps that the schema
// has, printed as a field.Path (`spec.map[key].x`).

const UNESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\' }

/** The normalised path, or undefined when the path is not valid for the schema. */
export function normalizeFieldPath(jsonPath: string, schema: SchemaNode): string | undefined {
  const tokens = tokenize(jsonPath)
  let path = ''
  let node: SchemaNode | undefined = schema
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    let name: string | undefined
    if (token === '.') name = tokens[++i]
    else if (token === '[') {
      name = unquote(tokens[++i])
      if (tokens[++i] !== ']') return undefined
    } else return undefined
    if (name === undefined || !node) return undefined
    if (node.properties) {
      node = node.properties.get(name)
      if (!node) return undefined
      path += path === '' ? name : `.${name}`
    } else if (node.additionalProperties) {
      node = node.additionalProperties
      path += `[${name}]`
    } else return undefined
  }
  return path
}

/** Splits on `.`, `[` and `]` (each its own token), keeping single-quoted strings whole. */
function tokenize(text: string): string[] {
  const tokens: string[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === '.' || c === '[' || c === ']') {
      tokens.push(c)
      i++
    } else if (c === "'") {
      let end = i + 1
      while (end < text.length && !(text[end] === "'" && text[end - 1] !== '\\')) end++
      tokens.push(text.slice(i, end + 1))
      i = end + 1
    } else {
      let end = i
      while (end < text.length && !'.[]'.includes(text[end] as string)) end++
      tokens.push(text.slice(i, end))
      i = end
    }
  }
  return tokens
}

function unquote(token: string | undefined): string | undefined {
  if (!token || token.length < 2 || !token.startsWith("'") || !token.endsWith("'")) return undefined
  let isValid = true
  const text = token.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => {
    const plain = UNESCAPES[c]
    if (plain === undefined) isValid = false
    return plain ?? ''
  })
  return isValid ? text : undefined
}
