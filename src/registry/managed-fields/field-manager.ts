import type { KubeObject } from '../../api/types.js'
import type { TypeDescription } from '../type-description/type-description.js'
import { capUpdateManagers } from './cap-managers.js'
import {
  decodeManagedFields, emptyManaged, encodeManagedFields, isResetManagedFields, managerIdentifier, ManagedFieldsError,
  type Managed,
} from './managed-entries.js'
import type { FieldSet } from '../field-set/field-set.js'
import { createdFieldSet } from './created-fields.js'
import { stripMeta } from './strip-meta.js'
import { updateManagers, type FieldFilter, type ManagerSets, type UpdaterContext } from './updater.js'

/** Everything the field manager needs to know about one write. */
export interface FieldManagerScope {
  /** the type of the objects written: the kind's, or the Scale's */
  type: TypeDescription
  /** the request's group/version, e.g. `apps/v1` */
  apiVersion: string
  kind: string
  /** the field manager: `fieldManager`, else the User-Agent's first segment */
  manager: string
  subresource?: 'status' | 'scale'
  /** fields the kind's strategy resets on this endpoint */
  ignore?: FieldFilter
  /** now, as metav1.Time writes it */
  nowIso: string
}

export const updaterContext = (scope: FieldManagerScope): UpdaterContext => ({
  type: scope.type,
  apiVersion: scope.apiVersion,
  ...(scope.ignore ? { ignore: scope.ignore } : {}),
})

/**
 * Sets metadata.managedFields on an object about to be written by create, update or patch, as
 * kube's default field manager does (k8s: apimachinery managedfields/internal/fieldmanager.go
 * UpdateNoErrors and the managers it chains). `live` is undefined for a create. Unreadable
 * managedFields fall back as kube's do, so nothing here fails a write.
 */
export function updateManagedFields(scope: FieldManagerScope, live: KubeObject | undefined, next: KubeObject): void {
  const managed = liveOrRequestManaged(scope, live, next)
  delete next.metadata.managedFields
  // skipnonapplied.go: an existing object whose fields were never tracked is not tracked from here on.
  if (managed.sets.size === 0 && live?.metadata.uid) return
  setManagedFields(next, trackUpdate(scope, { manager: scope.manager, live: withoutManagedFields(live), next, managed }))
}

/**
 * fieldmanager.go decodeLiveOrNew: a client may set managedFields (csaupgrade does): a valid,
 * non-empty list replaces them, `[]` or `[{}]` resets them, anything else keeps the live ones.
 * Subresources never take them from the request.
 */
function liveOrRequestManaged(scope: FieldManagerScope, live: KubeObject | undefined, next: KubeObject): Managed {
  if (scope.subresource !== undefined) return decodeOrEmpty(live?.metadata.managedFields)
  const sent = next.metadata.managedFields
  if (isResetManagedFields(sent)) return emptyManaged()
  const managed = decodeOrEmpty(sent)
  return managed.sets.size === 0 && live ? decodeOrEmpty(live.metadata.managedFields) : managed
}

function decodeOrEmpty(entries: unknown): Managed {
  try {
    return decodeManagedFields(entries)
  } catch (error) {
    if (error instanceof ManagedFieldsError) return emptyManaged()
    throw error
  }
}

/** The name of the change being tracked while smd computes it (managedfieldsupdater.go). */
const CURRENT_OPERATION = 'current-operation'

/**
 * One Update, through kube's chain: buildmanagerinfo (the identifier), managedfieldsupdater (the
 * change's fields join the manager's, stamped now), stripmeta, structuredmerge, capmanagers.
 */
export function trackUpdate(scope: FieldManagerScope, change: { manager: string; live: unknown; next: unknown; managed: Managed }): Managed {
  const id = managerIdentifier({
    manager: change.manager || 'unknown',
    operation: 'Update',
    apiVersion: scope.apiVersion,
    ...(scope.subresource ? { subresource: scope.subresource } : {}),
  })
  const managers = servedOnly(scope, change.managed.sets)
  let sets: ManagerSets
  let fields: FieldSet | undefined
  if (change.live === undefined && managers.size === 0) {
    // A create nobody else owns anything of: its fields are all it sets, no comparison needed.
    sets = managers
    fields = scope.ignore ? scope.ignore(createdFieldSet(change.next, scope.type)) : createdFieldSet(change.next, scope.type)
  } else {
    sets = updateManagers(updaterContext(scope), { live: change.live ?? {}, next: change.next, managers, manager: CURRENT_OPERATION })
    fields = sets.get(CURRENT_OPERATION)?.set
    sets.delete(CURRENT_OPERATION)
  }
  const times = new Map(change.managed.times)
  const changed = fields ? stripMeta(fields) : undefined
  if (changed && !changed.isEmpty) {
    const previous = sets.get(id)?.set
    sets.set(id, { set: previous ? previous.union(changed) : changed, apiVersion: scope.apiVersion, applied: false })
    times.set(id, scope.nowIso)
  }
  return capUpdateManagers({ sets, times })
}

/**
 * Sets of apiVersions this endpoint does not serve cannot be converted and are dropped, as kube
 * drops them (k8s: structured-merge-diff merge/update.go, IsMissingVersionError).
 */
export function servedOnly(scope: FieldManagerScope, sets: ManagerSets): ManagerSets {
  const out: ManagerSets = new Map()
  for (const [id, entry] of sets) if (entry.apiVersion === scope.apiVersion) out.set(id, entry)
  return out
}

export function setManagedFields(object: KubeObject, managed: Managed): void {
  const entries = encodeManagedFields(managed)
  if (entries) object.metadata.managedFields = entries
  else delete object.metadata.managedFields
}

/** The object as smd sees it: its managedFields are not part of it. */
export function withoutManagedFields(object: KubeObject | undefined): KubeObject | undefined {
  if (!object?.metadata.managedFields) return object
  const { managedFields: _managedFields, ...metadata } = object.metadata
  return { ...object, metadata }
}
