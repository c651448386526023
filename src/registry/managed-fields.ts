import { isJsonObject } from '../api/json-object.js'
import { isDeepStrictEqual } from 'node:util'
import type { KubeObject, ManagedFieldsEntry } from '../api/types.js'

type FieldSet = Record<string, unknown>

// Fields no manager owns (k8s: managedfields/internal/stripmeta.go).
const UNOWNED_METADATA = new Set([
  'name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'managedFields', 'selfLink',
])

/** The fields a value sets, as a FieldsV1 trie. Lists are treated as atomic until SSA lands (TODO(#2)). */
function fieldSetOf(value: unknown): FieldSet {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
  const set: FieldSet = {}
  for (const [k, v] of Object.entries(value)) set[`f:${k}`] = fieldSetOf(v)
  return set
}

function changedFields(before: unknown, after: unknown): FieldSet | undefined {
  if (before === undefined) return fieldSetOf(after)
  if (isDeepStrictEqual(before, after)) return undefined
  if (!isJsonObject(after) || !isJsonObject(before)) return fieldSetOf(after)
  const set: FieldSet = {}
  for (const [k, v] of Object.entries(after)) {
    const changed = changedFields(before[k], v)
    if (changed) set[`f:${k}`] = changed
  }
  return set
}

function mergeSets(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = mergeSets((out[k] as FieldSet) ?? {}, v as FieldSet)
  return out
}

function ownedSubset(object: KubeObject, isStatus: boolean): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, metadata, status, ...rest } = object
  const meta = Object.fromEntries(Object.entries(metadata).filter(([k]) => !UNOWNED_METADATA.has(k)))
  if (isStatus) return { status }
  return Object.keys(meta).length ? { metadata: meta, ...rest } : rest
}

/**
 * The entries a write starts from. A client may set metadata.managedFields on any write:
 * a different non-empty list replaces them (csaupgrade relies on this), `[{}]` clears them, and
 * an empty list leaves them as they were (k8s: managedfields/internal/fieldmanager.go).
 */
function baseEntries(before: KubeObject | undefined, after: KubeObject): ManagedFieldsEntry[] {
  const current = before?.metadata.managedFields ?? []
  const incoming = after.metadata.managedFields
  if (!incoming || incoming.length === 0 || isDeepStrictEqual(incoming, current)) return current
  if (incoming.length === 1 && Object.keys(incoming[0]!).length === 0) return []
  return incoming
}

export interface ManagedFieldsUpdate {
  manager: string
  apiVersion: string
  subresource?: string
  nowIso: string
}

/**
 * Records an Update operation in metadata.managedFields: the manager's entry gains the fields this
 * write changed. Simplified until server-side apply arrives (TODO(#2)): other managers keep theirs.
 */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, update: ManagedFieldsUpdate): void {
  const isStatus = update.subresource === 'status'
  const changed = changedFields(before ? ownedSubset(before, isStatus) : {}, ownedSubset(after, isStatus))
  const entries: ManagedFieldsEntry[] = baseEntries(before, after).map((e) => ({ ...e }))
  if (!changed || Object.keys(changed).length === 0) {
    if (entries.length) after.metadata.managedFields = entries
    else delete after.metadata.managedFields
    return
  }
  const match = (e: ManagedFieldsEntry) =>
    e.manager === update.manager && e.operation === 'Update' && e.apiVersion === update.apiVersion && e.subresource === update.subresource
  const existing = entries.find(match)
  const fieldsV1 = mergeSets((existing?.fieldsV1 as FieldSet) ?? {}, changed)
  const entry: ManagedFieldsEntry = {
    manager: update.manager, operation: 'Update', apiVersion: update.apiVersion, time: update.nowIso,
    fieldsType: 'FieldsV1', fieldsV1, ...(update.subresource ? { subresource: update.subresource } : {}),
  }
  after.metadata.managedFields = existing ? entries.map((e) => (e === existing ? entry : e)) : [...entries, entry]
}
