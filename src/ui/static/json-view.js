import { escapeHtml } from './html.js'

// Keys, strings, numbers and literals of pretty-printed JSON, in one pass over the escaped text.
const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g

/** Pretty JSON as HTML with token classes (json-key, json-string, json-number, json-literal). */
export function highlightJson(value) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined'
  let html = ''
  let last = 0
  for (const match of text.matchAll(TOKEN)) {
    html += escapeHtml(text.slice(last, match.index))
    const [token, string, colon, literal] = match
    if (string) html += `<span class="${colon ? 'json-key' : 'json-string'}">${escapeHtml(string)}</span>${colon ?? ''}`
    else html += `<span class="${literal ? 'json-literal' : 'json-number'}">${escapeHtml(token)}</span>`
    last = match.index + token.length
  }
  return html + escapeHtml(text.slice(last))
}

/** The object without metadata.managedFields, which repeat every field and bury the rest. */
export function withoutManagedFields(object) {
  if (!object?.metadata?.managedFields) return object
  const { managedFields: _managedFields, ...metadata } = object.metadata
  return { ...object, metadata }
}
