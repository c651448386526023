import { isJsonObject } from '../../api/json-object.js'
import { valueAt } from '../../api/selectors.js'
import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { quantityText } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

/** status.hard or status.used; resource names hold dots (`requests.cpu`), so they are keys, not paths. */
const quantities = (quota: KubeObject, field: 'hard' | 'used'): Record<string, unknown> => {
  const map = valueAt(quota, `status.${field}`)
  return isJsonObject(map) ? map : {}
}

/**
 * printers.go printResourceQuota: each resource of status.hard, sorted, as `name: used/hard`; those
 * named `limits.*` go to the Limit column, the rest to Request.
 */
function requestAndLimit(quota: KubeObject): [request: string, limit: string] {
  const hard = quantities(quota, 'hard')
  const used = quantities(quota, 'used')
  const request: string[] = []
  const limit: string[] = []
  for (const resource of Object.keys(hard).sort()) {
    const pieces = resource.split('.')
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request
    target.push(`${resource}: ${quantityText(used[resource])}/${quantityText(hard[resource])}`)
  }
  return [request.join(', '), limit.join(', ')]
}

// printers.go resourceQuotaColumnDefinitions as of kube 1.32: Age second. (kubernetes#129419 moved
// Age last in 1.33.)
export const resourceQuotaPrinter: Printer = {
  columns: [
    nameColumn,
    ageColumn,
    column('Request', { text: 'Request represents a minimum amount of cpu/memory that a container may consume.' }),
    column('Limit', { text: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.' }),
  ],
  cells(quota, nowMs) {
    return [quota.metadata.name ?? '', timeSince(quota.metadata.creationTimestamp, nowMs), ...requestAndLimit(quota)]
  },
}
