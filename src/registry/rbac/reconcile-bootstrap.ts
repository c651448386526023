import { isDeepStrictEqual } from 'node:util'
import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { uncoveredRules } from '../../auth/rbac/covers.js'
import { policyRuleJson, toPolicyRules } from '../../auth/rbac/policy-rule.js'
import { AUTOUPDATE_ANNOTATION } from './bootstrap-objects.js'

// What a start changes in a default role or binding that already exists (k8s:
// pkg/registry/rbac/reconciliation/reconcile_role.go computeReconciledRole and
// reconcile_rolebindings.go, in their additive mode, as the bootstrap post-start hook runs them):
// missing labels, annotations, rules, aggregation selectors and subjects are added; nothing the
// cluster's owner added is taken away; an object annotated autoupdate=false is left alone.

export type Reconciled = { type: 'none' } | { type: 'update'; object: KubeObject } | { type: 'recreate' }

const isProtected = (existing: KubeObject) => existing.metadata.annotations?.[AUTOUPDATE_ANNOTATION] === 'false'

/** labels and annotations merged, the existing values winning (reconcile.go merge) */
function withMergedMetadata(existing: KubeObject, expected: KubeObject): KubeObject {
  const next = structuredClone(existing)
  for (const field of ['labels', 'annotations'] as const) {
    const merged = { ...expected.metadata[field], ...existing.metadata[field] }
    if (Object.keys(merged).length) next.metadata[field] = merged
  }
  return next
}

const selectorsOf = (object: KubeObject): unknown[] | undefined =>
  isJsonObject(object.aggregationRule) ? (Array.isArray(object.aggregationRule.clusterRoleSelectors) ? object.aggregationRule.clusterRoleSelectors : []) : undefined

function reconcileAggregation(next: KubeObject, expected: KubeObject): void {
  const wanted = selectorsOf(expected)
  const held = selectorsOf(next)
  if (wanted === undefined) {
    // It was not meant to be aggregated at all.
    delete next.aggregationRule
    return
  }
  const missing = wanted.filter((w) => !(held ?? []).some((h) => isDeepStrictEqual(h, w)))
  if (missing.length) next.aggregationRule = { clusterRoleSelectors: [...(held ?? []), ...missing] }
}

export function reconcileClusterRole(existing: KubeObject, expected: KubeObject): Reconciled {
  if (isProtected(existing)) return { type: 'none' }
  const next = withMergedMetadata(existing, expected)
  const missing = uncoveredRules(toPolicyRules(existing.rules), toPolicyRules(expected.rules))
  if (missing.length) next.rules = [...(Array.isArray(existing.rules) ? existing.rules : []), ...missing.map(policyRuleJson)]
  reconcileAggregation(next, expected)
  return isDeepStrictEqual(next, existing) ? { type: 'none' } : { type: 'update', object: next }
}

export function reconcileClusterRoleBinding(existing: KubeObject, expected: KubeObject): Reconciled {
  if (isProtected(existing)) return { type: 'none' }
  // A binding's roleRef cannot change: a different one is deleted and created again.
  if (!isDeepStrictEqual(existing.roleRef, expected.roleRef)) return { type: 'recreate' }
  const next = withMergedMetadata(existing, expected)
  const held = Array.isArray(existing.subjects) ? existing.subjects : []
  const missing = (Array.isArray(expected.subjects) ? expected.subjects : []).filter((s) => !held.some((h) => isDeepStrictEqual(h, s)))
  if (missing.length) next.subjects = [...held, ...missing]
  return isDeepStrictEqual(next, existing) ? { type: 'none' } : { type: 'update', object: next }
}
