import type { ManagedFieldsEntry } from '../../api/types.js'
import { FieldSet } from '../field-set/field-set.js'
import { fieldToken } from '../field-set/path-element.js'
import { decodeManagedFields, encodeManagedFields, managerIdentifier, type Managed } from './managed-entries.js'

export const SCALE_API_VERSION = 'autoscaling/v1'
/** spec.replicas in the Scale; the parent keeps its replicas where its scale subresource says. */
const REPLICAS = [fieldToken('spec'), fieldToken('replicas')]
const setOf = (path: string[]) => {
  const set = FieldSet.empty()
  set.insert(path)
  return set
}

/** The object a Scale stands for: its apiVersion, and where it keeps replicas (`.spec.replicas`). */
export interface ScaleParent {
  apiVersion: string
  replicasPath: string
}

/** A simple JSON path as field-set tokens (k8s: customresource_handler.go replicasPathInCustomResource). */
const tokensOf = (path: string) => path.replace(/^\./, '').split('.').map((name) => fieldToken(name))

/**
 * The parent's managedFields as the Scale's (k8s: apimachinery managedfields/scalehandler.go
 * ToSubresource): the managers of the parent's replicas, each owning the Scale's, as autoscaling/v1.
 */
export function scaleEntriesOf(parentEntries: unknown, of: ScaleParent): ManagedFieldsEntry[] | undefined {
  const parent = decodeManagedFields(parentEntries)
  const parentReplicas = tokensOf(of.replicasPath)
  const out: Managed = { sets: new Map(), times: new Map() }
  for (const [id, entry] of parent.sets) {
    if (entry.apiVersion !== of.apiVersion || !entry.set.has(parentReplicas)) continue
    out.sets.set(id, { set: setOf(REPLICAS), apiVersion: SCALE_API_VERSION, applied: entry.applied })
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
export function parentEntriesAfterScale(parentEntries: unknown, scaleEntries: unknown, of: ScaleParent): ManagedFieldsEntry[] | undefined {
  const parentApiVersion = of.apiVersion
  const parentReplicas = tokensOf(of.replicasPath)
  const parent = decodeManagedFields(parentEntries)
  const scale = decodeManagedFields(scaleEntries).sets
  const out: Managed = { sets: new Map(), times: new Map() }
  const keep = (id: string) => {
    const time = parent.times.get(id)
    if (time) out.times.set(id, time)
  }
  for (const [id, entry] of parent.sets) {
    if (entry.apiVersion !== parentApiVersion) continue
    if (!entry.set.has(parentReplicas) || scale.has(id)) {
      out.sets.set(id, entry)
      keep(id)
      scale.delete(id)
      continue
    }
    const set = entry.set.difference(setOf(parentReplicas))
    if (!set.isEmpty) {
      out.sets.set(id, { ...entry, set })
      keep(id)
    }
  }
  for (const [id, entry] of scale) {
    if (!entry.set.has(REPLICAS)) continue
    const info = JSON.parse(id) as { manager?: string; operation: 'Apply' | 'Update'; subresource?: string }
    const parentId = managerIdentifier({ manager: info.manager ?? '', operation: info.operation, apiVersion: parentApiVersion, ...(info.subresource ? { subresource: info.subresource } : {}) })
    out.sets.set(parentId, { set: setOf(parentReplicas), apiVersion: parentApiVersion, applied: entry.applied })
    keep(id)
  }
  return encodeManagedFields(out)
}
