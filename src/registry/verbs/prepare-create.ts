import { randomUUID } from 'node:crypto'
import { badRequest, invalid } from '../../api/errors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { generateName, validateName } from '../object-names.js'
import { apiVersionOf } from '../resource-definition.js'
import type { RequestScope } from '../request-scope.js'
import { toTimestamp, type StoreContext } from '../store-context.js'

/** Checks the body's kind and apiVersion against the URL's, as kube's decoder does. */
export function checkKind(scope: RequestScope, object: KubeObject): void {
  const { kind, version } = scope.definition
  const expected = apiVersionOf(scope.definition)
  if (object.apiVersion !== undefined && object.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`)
  }
  if (object.kind !== undefined && object.kind !== kind) {
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: the kind in the data (${object.kind}) does not match the expected kind (${kind})`)
  }
  if (object.apiVersion === undefined || object.kind === undefined) putTypeMetaFirst(object, expected, kind)
}

/** Bodies without apiVersion/kind get them first, where every client expects to read them. */
function putTypeMetaFirst(object: KubeObject, apiVersion: string, kind: string): void {
  const rest = Object.entries(object).filter(([k]) => k !== 'apiVersion' && k !== 'kind')
  for (const [k] of rest) delete object[k]
  Object.assign(object, { apiVersion, kind }, Object.fromEntries(rest))
}

/**
 * Validation kube runs on every create and update: name, the kind's own rules, on update what may
 * not change from `current`, then 422 if any failed.
 */
export function validateForWrite(scope: RequestScope, object: KubeObject, current?: KubeObject): void {
  const { strategy } = scope.definition
  const causes: StatusCause[] = [
    ...validateName(object.metadata.name ?? '', strategy.nameRule ?? 'subdomain'),
    ...(strategy.validate?.(object, current) ?? []),
    ...(current && strategy.validateUpdate ? strategy.validateUpdate(object, current) : []),
  ]
  if (causes.length) throw invalid(scope.definition.kind, scope.definition.group, object.metadata.name ?? '', causes)
}

/**
 * Fills the metadata a created object gets (uid, timestamps, generation, name) and the kind's
 * defaults. managedFields are the caller's: kube tracks a create before the strategy runs.
 */
export function prepareForCreate(ctx: StoreContext, scope: RequestScope, object: KubeObject): void {
  const meta = object.metadata
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName)
  if (!meta.name) {
    const cause = { reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }
    throw invalid(scope.definition.kind, scope.definition.group, '', [cause])
  }
  if (scope.definition.isNamespaced) meta.namespace = scope.namespace
  else delete meta.namespace
  for (const field of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) delete meta[field]
  meta.uid = randomUUID()
  meta.creationTimestamp = toTimestamp(ctx.nowMs())
  // Each kind's PrepareForCreate that tracks generation sets it to 1 (k8s: pkg/registry/*/*/strategy.go).
  if (scope.definition.strategy.hasGeneration === false) delete meta.generation
  else meta.generation = 1
  // Who asks is judged before the object is (kube's policy-based RBAC storages check, then BeforeCreate validates).
  scope.definition.strategy.checkRequester?.({ object, scope, ctx })
  scope.definition.strategy.prepareForCreate?.(object, ctx)
  // kube defaults an object again each time it decodes it from storage (the create response, every
  // get, list and watch), so what PrepareForCreate wrote is defaulted too: a Job created without
  // labels shows those generateSelector gave its template, a claim's reset status shows Pending.
  scope.definition.strategy.applyDefaults?.(object)
  validateForWrite(scope, object)
}
