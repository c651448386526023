import { invalid } from '../../api/errors.js'
import { parseResourceVersion } from '../../api/resource-version.js'
import { isJsonObject } from '../../api/json-object.js'
import { valueAt } from '../../api/selectors.js'
import type { KubeObject } from '../../api/types.js'
import { keyOf, parseStored } from '../object-key.js'
import { labelSelectorString } from '../printers/workload-cells.js'
import type { ScaleSubresource } from '../resource-definition.js'
import { type RequestScope, auditOf } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { applyManagedFields } from '../managed-fields/field-manager-apply.js'
import { updateManagedFields } from '../managed-fields/field-manager.js'
import { parentEntriesAfterScale, scaleEntriesOf, type ScaleParent } from '../managed-fields/scale-handler.js'
import { apiVersionOf } from '../resource-definition.js'
import { scaleFieldManagerScope } from './field-manager-scope.js'
import { getObject } from './get.js'
import { applyPatch, checkPatchedResourceVersion } from './patch.js'
import { prepareUpdate } from './prepare-update.js'
import { runWrite } from './run-write.js'
import type { WrittenObject } from './write-response.js'

// Routing serves …/scale only for definitions that declare it.
const scalePaths = (scope: RequestScope): ScaleSubresource => scope.definition.subresources.scale!

/** A selector as Scale.status.selector carries it: a string as is, a label map or LabelSelector rendered. */
function selectorString(value: unknown): string {
  if (typeof value === 'string') return value
  if (!isJsonObject(value)) return ''
  // ReplicationController selects by a plain label map (labels.SelectorFromSet), the apps kinds by a LabelSelector.
  const isLabelSelector = 'matchLabels' in value || 'matchExpressions' in value
  return labelSelectorString(isLabelSelector ? value : { matchLabels: value }) ?? ''
}

/**
 * The autoscaling/v1 Scale view of a kind, read through its scale paths (k8s: the ScaleREST of
 * pkg/registry/apps/deployment/storage and pkg/registry/core/replicationcontroller/storage).
 */
export function toScale(object: KubeObject, paths: ScaleSubresource): KubeObject {
  const at = (path: string) => valueAt(object, path.replace(/^\./, ''))
  const replicasAt = (path: string) => {
    const value = at(path)
    return typeof value === 'number' ? value : 0
  }
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: replicasAt(paths.specReplicasPath) },
    status: { replicas: replicasAt(paths.statusReplicasPath), selector: paths.labelSelectorPath ? selectorString(at(paths.labelSelectorPath)) : '' },
  }
}

const scaleJson = (scope: RequestScope, written: WrittenObject): WrittenObject => {
  const object = toScale(written.object, scalePaths(scope))
  return { ...written, object, json: JSON.stringify(object) }
}

/**
 * Writes a value at a simple JSON path (`.spec.replicas`, `.spec.size.count`), making the objects on
 * the way: the Scale writes replicas where the kind keeps them (k8s: apiextensions-apiserver
 * pkg/registry/customresource/etcd.go scaleUpdatedObjectInfo, unstructured.SetNestedField).
 */
function setValueAt(object: KubeObject, path: string, value: unknown): void {
  const steps = path.replace(/^\./, '').split('.')
  let at: Record<string, unknown> = object
  for (const step of steps.slice(0, -1)) {
    const child = at[step]
    at = isJsonObject(child) ? child : (at[step] = {})
  }
  at[steps.at(-1)!] = value
}

/** The Scale as the field manager sees it: the parent's managers of replicas as the Scale's (scalehandler.go). */
function liveScaleOf(scope: RequestScope, current: KubeObject, parent: ScaleParent): KubeObject {
  const scale = toScale(current, scalePaths(scope))
  const entries = scaleEntriesOf(current.metadata.managedFields, parent)
  if (entries) scale.metadata.managedFields = entries
  return scale
}

/** How the new Scale was made: given whole (PUT, patch: tracked as an update) or applied. */
type ScaleChange = { scale: KubeObject } | { apply: KubeObject; force: boolean }

/**
 * The new Scale's replicas, and its managedFields carried back to the parent (k8s:
 * pkg/registry/apps/deployment/storage ScaleREST with apimachinery managedfields/scalehandler.go).
 */
function withReplicas(ctx: StoreContext, scope: RequestScope, current: KubeObject, change: ScaleChange) {
  const parent: ScaleParent = { apiVersion: apiVersionOf(scope.definition), replicasPath: scalePaths(scope).specReplicasPath }
  const live = liveScaleOf(scope, current, parent)
  const fieldManager = scaleFieldManagerScope(ctx, scope)
  let scale: KubeObject
  if ('apply' in change) scale = applyManagedFields(fieldManager, live, change.apply, change.force)
  else {
    scale = structuredClone(change.scale)
    updateManagedFields(fieldManager, live, scale)
  }
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas
  if (!Number.isInteger(replicas) || (replicas as number) < 0) {
    const message = `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`
    throw invalid('Scale', 'autoscaling', current.metadata.name!, [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message }])
  }
  const next = structuredClone(current)
  setValueAt(next, scalePaths(scope).specReplicasPath, replicas)
  const entries = parentEntriesAfterScale(current.metadata.managedFields, scale.metadata.managedFields, parent)
  if (entries) next.metadata.managedFields = entries
  else delete next.metadata.managedFields
  return prepareUpdate(ctx, scope, { current, proposed: next, isApplied: true })
}

export const getScale = async (ctx: StoreContext, scope: RequestScope): Promise<WrittenObject> => {
  const stored = await getObject(ctx, scope)
  return scaleJson(scope, { json: stored.json, object: parseStored(stored), isChanged: false })
}

/** PUT …/scale: kubectl scale --current-replicas sends the Scale with its resourceVersion as a precondition. */
export async function updateScale(ctx: StoreContext, scope: RequestScope, scale: KubeObject): Promise<WrittenObject> {
  const expected = parseResourceVersion(scale.metadata?.resourceVersion)
  const written = await runWrite(ctx, scope, {
    key: keyOf(scope, scope.name!),
    precondition: expected === undefined ? { type: 'present' } : { type: 'revision', revision: expected },
    apply: (current) => withReplicas(ctx, scope, parseStored(current!), { scale }),
    audit: auditOf(scope, 'update'),
  })
  return scaleJson(scope, written)
}

/** PATCH …/scale with an apply patch: the Scale configuration applied to the Scale view. */
export async function applyScale(ctx: StoreContext, scope: RequestScope, config: KubeObject, force: boolean): Promise<WrittenObject> {
  const key = keyOf(scope, scope.name!)
  const written = await runWrite(ctx, scope, {
    key,
    precondition: { type: 'present' },
    apply: (current) => {
      const object = parseStored(current!)
      checkPatchedResourceVersion(key, config, object)
      return withReplicas(ctx, scope, object, { apply: config, force })
    },
    audit: auditOf(scope, 'patch'),
  })
  return scaleJson(scope, written)
}

/** PATCH …/scale: the patch applies to the Scale view; only spec.replicas flows back. */
export async function patchScale(ctx: StoreContext, scope: RequestScope, contentType: string, patch: unknown): Promise<WrittenObject> {
  const key = keyOf(scope, scope.name!)
  const written = await runWrite(ctx, scope, {
    key,
    precondition: { type: 'present' },
    apply: (current) => {
      const object = parseStored(current!)
      const scale = applyPatch(ctx, scope, contentType, toScale(object, scalePaths(scope)), patch) as KubeObject
      checkPatchedResourceVersion(key, scale, object)
      return withReplicas(ctx, scope, object, { scale })
    },
    audit: auditOf(scope, 'patch'),
  })
  return scaleJson(scope, written)
}
