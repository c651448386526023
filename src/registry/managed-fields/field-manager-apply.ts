import { badRequest, internalError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { applyConflictError } from './conflict-error.js'
import { servedOnly, setManagedFields, trackUpdate, updaterContext, withoutManagedFields, type FieldManagerScope } from './field-manager.js'
import { allowedConflictsFromLastApplied, buildLastApplied, hasLastApplied, setLastApplied } from './last-applied.js'
import { decodeManagedFields, managerIdentifier, ManagedFieldsError, type Managed } from './managed-entries.js'
import { stripMeta } from './strip-meta.js'
import { toFieldSet } from './to-field-set.js'
import { applyToManagers, ApplyConflicts } from './updater.js'

/**
 * Server-side apply of `config` to `live` (undefined when the object does not exist yet), through
 * kube's chain of managers (k8s: apimachinery managedfields/internal/fieldmanager.go Apply,
 * versioncheck.go, lastappliedupdater.go, lastappliedmanager.go, skipnonapplied.go,
 * managedfieldsupdater.go, stripmeta.go, structuredmerge.go). Returns the object to store, its
 * managedFields set; throws the 409 of the conflicts, or a 400 for a configuration kube refuses.
 */
export function applyManagedFields(scope: FieldManagerScope, live: KubeObject | undefined, config: KubeObject, force: boolean): KubeObject {
  const current = live ?? { metadata: {} }
  let managed: Managed
  try {
    managed = decodeManagedFields(current.metadata.managedFields)
  } catch (error) {
    if (!(error instanceof ManagedFieldsError)) throw error
    throw internalError(`failed to decode managed fields: ${error.message}`)
  }
  checkVersion(scope, config)
  try {
    const object = applyWithLastApplied(scope, { live: current, config, managed, force })
    // lastappliedupdater.go: `kubectl` keeps a client-side last-applied annotation in step.
    if (scope.manager === 'kubectl' && hasLastApplied(object)) setLastApplied(object, buildLastApplied(config))
    return object
  } catch (error) {
    if (error instanceof ApplyConflicts) throw applyConflictError(error.conflicts)
    throw error
  }
}

interface Apply {
  live: KubeObject
  config: KubeObject
  managed: Managed
  force: boolean
}

/** versioncheck.go: the configuration must be of the endpoint's group, version and kind. */
function checkVersion(scope: FieldManagerScope, config: KubeObject): void {
  if (config.apiVersion !== scope.apiVersion || config.kind !== scope.kind) {
    throw badRequest(`invalid object type: ${gvkString(config.apiVersion, config.kind)}`)
  }
}

const gvkString = (apiVersion: unknown, kind: unknown) => {
  const gv = typeof apiVersion === 'string' ? apiVersion : ''
  return `${gv.includes('/') ? gv : `/${gv}`}, Kind=${typeof kind === 'string' ? kind : ''}`
}

/**
 * lastappliedmanager.go: when `kubectl` first applies server-side over client-side apply, the
 * conflicts on fields its last-applied annotation set, still at those values, are taken over.
 */
function applyWithLastApplied(scope: FieldManagerScope, apply: Apply): KubeObject {
  try {
    return applyTracked(scope, apply)
  } catch (error) {
    if (scope.manager !== 'kubectl' || !(error instanceof ApplyConflicts)) throw error
    const allowed = allowedConflictsFromLastApplied(apply.live, scope)
    if (!allowed) throw error
    const remaining = error.conflicts.filter((c) => !allowed.has(c.path))
    if (remaining.length > 0) throw new ApplyConflicts(remaining)
    return applyTracked(scope, { ...apply, force: true })
  }
}

/** skipnonapplied.go, buildmanagerinfo.go, managedfieldsupdater.go, stripmeta.go, structuredmerge.go. */
function applyTracked(scope: FieldManagerScope, apply: Apply): KubeObject {
  const live = withoutManagedFields(apply.live)!
  let { managed } = apply
  // An object nobody tracked yet: everything it holds becomes `before-first-apply`'s.
  if (managed.sets.size === 0) managed = trackUpdate(scope, { manager: 'before-first-apply', live: {}, next: live, managed })
  // Any list, even an empty one, is refused; a null one reads as none (unstructured GetManagedFields).
  if (Array.isArray(apply.config.metadata.managedFields)) throw badRequest('metadata.managedFields must be nil')
  const problems: string[] = []
  const configSet = toFieldSet(apply.config, scope.type, { problems })
  if (problems.length > 0) throw badRequest(`failed to create typed patch object (${objectGvkNn(apply.config)}): ${describe(problems)}`)
  const id = managerIdentifier({ manager: scope.manager || 'unknown', operation: 'Apply', ...(scope.subresource ? { subresource: scope.subresource } : {}) })
  const result = applyToManagers(updaterContext(scope), {
    live, config: apply.config, configSet, managers: servedOnly(scope, managed.sets), manager: id, force: apply.force,
  })
  const own = result.managers.get(id)
  const stripped = own ? stripMeta(own.set) : undefined
  if (own && stripped && !stripped.isEmpty) result.managers.set(id, { ...own, set: stripped })
  else result.managers.delete(id)
  const times = new Map(managed.times)
  // A no-op apply returns the live object and keeps the time of the manager's last change.
  if (result.object !== undefined) times.set(id, scope.nowIso)
  // withoutNulls copies every map and list: the result shares nothing with the live object or the configuration.
  const object = withoutNulls(result.object ?? live) as KubeObject
  setManagedFields(object, { sets: result.managers, times })
  return object
}

/**
 * A field applied as null is owned but absent: kube decodes the merged object into its Go type,
 * where a null pointer, slice or map is simply not there (and a CRD's non-nullable null is pruned).
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = withoutNulls(child)
  return out
}

/** structuredmerge.go objectGVKNN: `default/d1; apps/v1, Kind=Deployment`. */
function objectGvkNn(config: KubeObject): string {
  return `${config.metadata.namespace ?? ''}/${config.metadata.name ?? ''}; ${gvkString(config.apiVersion, config.kind)}`
}

/** smd's ValidationErrors: one as it is, several under `errors:`. */
const describe = (problems: string[]) =>
  problems.length === 1 ? problems[0]! : ['errors:', ...problems.map((p) => `  ${p}`)].join('\n')
