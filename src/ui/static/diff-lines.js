// RFC 6902 operations as lines a person reads: `~ /spec/replicas 1 → 3`. A replace or remove
// carries no old value, so it is looked up in the previous revision of the object.

const MAX_VALUE_CHARS = 160

const unescapeToken = (token) => token.replaceAll('~1', '/').replaceAll('~0', '~')

/** The value at a JSON pointer (RFC 6901), or undefined. */
export function valueAt(document, pointer) {
  if (pointer === '') return document
  let value = document
  for (const token of pointer.split('/').slice(1).map(unescapeToken)) {
    if (value === null || typeof value !== 'object') return undefined
    value = value[token]
  }
  return value
}

/** A value in one line: JSON, shortened with an ellipsis. */
export function showValue(value) {
  if (value === undefined) return '(absent)'
  const text = JSON.stringify(value)
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text
}

/** { op, sign, path, before?, after? } per operation; `previous` is the object the diff starts from. */
export function diffLines(operations, previous) {
  return operations.map(({ op, path, from, value }) => {
    switch (op) {
      case 'add':
        return { op, sign: '+', path, after: showValue(value) }
      case 'remove':
        return { op, sign: '−', path, before: showValue(valueAt(previous, path)) }
      case 'replace':
        return { op, sign: '~', path, before: showValue(valueAt(previous, path)), after: showValue(value) }
      case 'move':
      case 'copy':
        return { op, sign: op === 'move' ? '→' : '⧉', path, before: from, after: path }
      default:
        return { op, sign: '?', path, after: showValue(value) }
    }
  })
}
