import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrap-objects.js'
import { reconcileClusterRole, reconcileClusterRoleBinding } from './reconcile-bootstrap.js'

// kube's reconciliation in its additive mode (reconcile_role_test.go, reconcile_rolebindings_test.go).

const expectedRole = BOOTSTRAP_CLUSTER_ROLES.find((r) => r.metadata.name === 'system:discovery')!
const expectedBinding = BOOTSTRAP_CLUSTER_ROLE_BINDINGS.find((b) => b.metadata.name === 'system:basic-user')!
const stored = (o: KubeObject, change: (o: KubeObject) => void): KubeObject => {
  const copy = structuredClone(o)
  copy.metadata.uid = 'u1'
  copy.metadata.resourceVersion = '7'
  change(copy)
  return copy
}

describe('reconcileClusterRole', () => {
  test('as expected: nothing to do', () => {
    assert.deepEqual(reconcileClusterRole(stored(expectedRole, () => {}), expectedRole), { type: 'none' })
  })

  test('a missing rule is added back; rules the owner added stay', () => {
    const existing = stored(expectedRole, (o) => { o.rules = [{ verbs: ['get'], nonResourceURLs: ['/api', '/custom'] }] })
    const outcome = reconcileClusterRole(existing, expectedRole)
    assert.equal(outcome.type, 'update')
    const rules = (outcome as { object: KubeObject }).object.rules as any[]
    assert.deepEqual(rules[0], { verbs: ['get'], nonResourceURLs: ['/api', '/custom'] })
    assert.ok(rules.some((r) => r.nonResourceURLs[0] === '/version'))
    assert.ok(!rules.slice(1).some((r) => r.nonResourceURLs[0] === '/api'), 'what was held is not added twice')
  })

  test('labels and annotations are merged, the existing values winning', () => {
    const relabelled = stored(expectedRole, (o) => { o.metadata.labels = { 'kubernetes.io/bootstrapping': 'mine', extra: 'x' } })
    assert.deepEqual(reconcileClusterRole(relabelled, expectedRole), { type: 'none' })
    const noAnnotations = stored(expectedRole, (o) => { delete o.metadata.annotations })
    assert.deepEqual((reconcileClusterRole(noAnnotations, expectedRole) as { object: KubeObject }).object.metadata.annotations, { 'rbac.authorization.kubernetes.io/autoupdate': 'true' })
  })

  test('autoupdate=false protects a role from any change', () => {
    const existing = stored(expectedRole, (o) => { o.rules = []; o.metadata.annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } })
    assert.deepEqual(reconcileClusterRole(existing, expectedRole), { type: 'none' })
  })

  test('an aggregated role gets missing selectors back and keeps its aggregated rules', () => {
    const view = BOOTSTRAP_CLUSTER_ROLES.find((r) => r.metadata.name === 'view')!
    const existing = stored(view, (o) => { o.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { mine: 'true' } }] }; o.rules = [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] })
    const outcome = reconcileClusterRole(existing, view) as { object: KubeObject }
    assert.deepEqual(outcome.object.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { mine: 'true' } }, { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] })
    assert.deepEqual(outcome.object.rules, existing.rules)
  })
})

describe('reconcileClusterRoleBinding', () => {
  test('missing subjects are added, others kept', () => {
    const existing = stored(expectedBinding, (o) => { o.subjects = [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'me' }] })
    const outcome = reconcileClusterRoleBinding(existing, expectedBinding) as { object: KubeObject }
    assert.deepEqual(outcome.object.subjects, [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'me' }, ...(expectedBinding.subjects as object[])])
  })

  test('a different roleRef is recreated; autoupdate=false keeps even that', () => {
    const other = stored(expectedBinding, (o) => { o.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } })
    assert.deepEqual(reconcileClusterRoleBinding(other, expectedBinding), { type: 'recreate' })
    other.metadata.annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }
    assert.deepEqual(reconcileClusterRoleBinding(other, expectedBinding), { type: 'none' })
  })
})
