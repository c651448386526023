import type { ManagedFieldsEntry } from '../../api/types.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken } from '../field-set/path-element.js'
import { decodeManagedFields, encodeManagedFields, managerIdentifier, type Managed } from './managed-entries.js'

export const SCALE_API_VERSION = 'autoscaling/v1'
/** spec.replicas: the same path in the Scale and in the workloads served with a scale subresource. */
const REPLICAS = [fieldToken('spec'), fieldToken('replicas')]
const replicasSet = () => {
  const set = FieldSet.empty()
  set.insert(REPLICAS)
  return set
}

/**
 * The parent's managedFields as the Scale's (k8s: apimachinery managedfields/scalehandler.go
 * ToSubresource): the managers of the parent's replicas, each owning the Scale's, as autoscaling/v1.
 */
export function scaleEntriesOf(parentEntries: unknown, parentApiVersion: string): ManagedFieldsEntry[] | undefined {
  const parent = decodeManagedFields(parentEntries)
  const out: Managed = { sets: new Map(), times: new Map() }
  for (const [id, entry] of parent.sets) {
    if (entry.apiVersion !== parentApiVersion || !entry.set.has(REPLICAS)) continue
    out.sets.set(id, { set: replicasSet(), apiVersion: SCALE_API_VERSION, applied: entry.applied })
    const time = parent.times.get(id)
    if (time) out.times.set(id, time)
  }
  return encodeManagedFields(out)
}

/**
 * The Scale's managedFields after a write, carried back to the parent (scalehandler.go ToParent):
 * a parent manager that lost the Scale's replicas loses the parent's, and each Scale manager owns
 * the parent's replicas. kube carries the parent's time over, and a new Scale entry has none there.
 */
export function parentEntriesAfterScale(parentEntries: unknown, scaleEntries: unknown, parentApiVersion: string): ManagedFieldsEntry[] | undefined {
  const parent = decodeManagedFields(parentEntries)
  const scale = decodeManagedFields(scaleEntries).sets
  const out: Managed = { sets: new Map(), times: new Map() }
  const keep = (id: string) => {
    const time = parent.times.get(id)
    if (time) out.times.set(id, time)
  }
  for (const [id, entry] of parent.sets) {
    if (entry.apiVersion !== parentApiVersion) continue
    if (!entry.set.has(REPLICAS) || scale.has(id)) {
      out.sets.set(id, entry)
      keep(id)
      scale.delete(id)
      continue
    }
    const set = entry.set.difference(replicasSet())
    if (!set.isEmpty) {
      out.sets.set(id, { ...entry, set })
      keep(id)
    }
  }
  for (const [id, entry] of scale) {
    if (!entry.set.has(REPLICAS)) continue
    const info = JSON.parse(id) as { manager?: string; operation: 'Apply' | 'Update'; subresource?: string }
    const parentId = managerIdentifier({ manager: info.manager ?? '', operation: info.operation, apiVersion: parentApiVersion, ...(info.subresource ? { subresource: info.subresource } : {}) })
    out.sets.set(parentId, { set: replicasSet(), apiVersion: parentApiVersion, applied: entry.applied })
    keep(id)
  }
  return encodeManagedFields(out)
}
