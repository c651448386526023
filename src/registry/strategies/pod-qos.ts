import type { JsonObject } from '../../api/json-object.js'
import { milliValueOf } from '../../api/quantity.js'
import type { KubeObject } from '../../api/types.js'
import { objectAt, objectsIn } from '../defaults/go-fields.js'

// A pod's QoS class, set when it is created (k8s: pkg/apis/core/helper/qos/qos.go ComputePodQOS,
// called by pkg/registry/core/pod/strategy.go PrepareForCreate): only cpu and memory count,
// ephemeral containers never (they cannot have resources).

const QOS_RESOURCES = ['cpu', 'memory']

type Totals = Map<string, bigint>

/** Adds a container's positive cpu and memory amounts of `field` (requests or limits); the names found. */
function addAmounts(totals: Totals, container: JsonObject, field: string): Set<string> {
  const found = new Set<string>()
  for (const [name, text] of Object.entries(objectAt(objectAt(container, 'resources'), field) ?? {})) {
    const amount = milliValueOf(text)
    if (!QOS_RESOURCES.includes(name) || amount === undefined || amount <= 0n) continue
    found.add(name)
    totals.set(name, (totals.get(name) ?? 0n) + amount)
  }
  return found
}

export function podQosClass(pod: KubeObject): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const spec = objectAt(pod, 'spec')
  const requests: Totals = new Map()
  const limits: Totals = new Map()
  let isGuaranteed = true
  for (const container of [...objectsIn(spec, 'containers'), ...objectsIn(spec, 'initContainers')]) {
    addAmounts(requests, container, 'requests')
    const limited = addAmounts(limits, container, 'limits')
    if (!QOS_RESOURCES.every((name) => limited.has(name))) isGuaranteed = false
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  const isMatched = [...requests].every(([name, amount]) => limits.get(name) === amount)
  return isGuaranteed && isMatched && requests.size === limits.size ? 'Guaranteed' : 'Burstable'
}
