import { isJsonObject } from '../../api/json-object.js'
import type { Shape } from './schema-shape.js'

/** What Go's decoder leaves in a slice element or map value that was `null`: the type's zero value. */
function zeroValue(shape: Shape): unknown {
  switch (shape.kind) {
    case 'struct': return {}
    case 'scalar': return shape.json === 'string' ? '' : shape.json === 'number' ? 0 : false
    case 'int-or-string': return 0
    case 'quantity': return '0'
    default: return null
  }
}

/**
 * Replaces `null` list items and map values with their Go zero values, in place, as kube's decoder
 * does (`ports: [null]` is one ServicePort with every field unset; `labels: {a: null}` is the label
 * `a: ""`), so the defaults and checks that follow always see values of the declared types. A
 * `null` field is left alone: the code after decoding reads fields optionally. Call only once the
 * body has no type errors against `shape`.
 */
export function zeroNullItems(value: unknown, shape: Shape): void {
  if (value === null || typeof value !== 'object') return
  switch (shape.kind) {
    case 'struct':
      for (const [key, item] of Object.entries(value)) {
        const field = shape.field(key)
        if (field) zeroNullItems(item, field)
      }
      return
    case 'map':
      if (!isJsonObject(value)) return
      for (const [key, item] of Object.entries(value)) {
        if (item === null) value[key] = zeroValue(shape.values)
        else zeroNullItems(item, shape.values)
      }
      return
    case 'list':
      if (!Array.isArray(value)) return
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) value[i] = zeroValue(shape.items)
        else zeroNullItems(value[i], shape.items)
      }
      return
    default:
      return
  }
}
