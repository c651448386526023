import { isJsonObject } from '../../api/json-object.js'
import { labelKeyErrors, labelValueErrors } from '../../api/selectors.js'
import { items, text } from './fields.js'

// Cells the workload printers share: containers/images of a pod template, label maps and label
// selectors rendered as printers.go does (layoutContainerCells, labels.FormatLabels,
// metav1.FormatLabelSelector).

/** Comma-joined container names and images of `spec.template.spec.containers`-like arrays. */
export function containerCells(obj: unknown, containersPath: string): [names: string, images: string] {
  const containers = items(obj, containersPath)
  return [containers.map((c) => text(c, 'name')).join(','), containers.map((c) => text(c, 'image')).join(',')]
}

/** labels.FormatLabels: sorted `k=v` pairs joined by ",", `<none>` when empty. */
export function formatLabels(map: unknown): string {
  const pairs = isJsonObject(map) ? Object.entries(map).map(([k, v]) => `${k}=${String(v)}`) : []
  return pairs.length === 0 ? '<none>' : pairs.sort().join(',')
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when it selects all or nothing, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const rendered = labelSelectorString(selector)
  if (rendered === undefined) return '<error>'
  return rendered === '' ? '<none>' : rendered
}

/**
 * metav1.LabelSelectorAsSelector(selector).String(): requirements sorted by key, `k=v`,
 * `k in (a,b)`, `k notin (a)`, `k`, `!k`; "" for a nil or empty selector; undefined when invalid.
 */
export function labelSelectorString(selector: unknown): string | undefined {
  if (!isJsonObject(selector)) return ''
  const requirements: Array<[key: string, rendered: string | undefined]> = [
    ...Object.entries(isJsonObject(selector.matchLabels) ? selector.matchLabels : {}).map(
      ([k, v]): [string, string | undefined] => [k, equalsRequirement(k, String(v))],
    ),
    ...items(selector, 'matchExpressions').map((e): [string, string | undefined] => [text(e, 'key'), expression(e)]),
  ]
  if (requirements.some(([, rendered]) => rendered === undefined)) return undefined
  return requirements.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r).join(',')
}

function equalsRequirement(key: string, value: string): string | undefined {
  return isValidKey(key) && labelValueErrors(value).length === 0 ? `${key}=${value}` : undefined
}

function expression(e: unknown): string | undefined {
  const key = text(e, 'key')
  const values = items(e, 'values').map(String)
  if (!isValidKey(key) || values.some((v) => labelValueErrors(v).length > 0)) return undefined
  const set = `(${[...values].sort().join(',')})`
  switch (text(e, 'operator')) {
    case 'In': return values.length > 0 ? `${key} in ${set}` : undefined
    case 'NotIn': return values.length > 0 ? `${key} notin ${set}` : undefined
    case 'Exists': return values.length === 0 ? key : undefined
    case 'DoesNotExist': return values.length === 0 ? `!${key}` : undefined
    default: return undefined
  }
}

const isValidKey = (key: string) => labelKeyErrors(key).length === 0

