import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { listExtensionsOf, structExtensionsOf } from './list-extensions.js'
import { buildOpenApiV3 } from './openapi-v3.js'

test('containers merge by name, as a list map', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.PodSpec')?.['containers'], {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': 'name',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['name'],
  })
})

test('ports are keyed by containerPort and protocol', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.Container')?.['ports']?.['x-kubernetes-list-map-keys'], [
    'containerPort',
    'protocol',
  ])
})

test('meta.v1 names expand to apimachinery; finalizers merge as a set', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')?.['finalizers'], {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'set',
  })
})

test('a strategy on an object field (retainKeys) and an atomic list', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.api.apps.v1.DeploymentSpec')?.['strategy'], {
    'x-kubernetes-patch-strategy': 'retainKeys',
  })
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.PodSpec')?.['tolerations'], { 'x-kubernetes-list-type': 'atomic' })
})

test('a schema without extensions', () => assert.equal(listExtensionsOf('io.k8s.api.core.v1.EnvVar'), undefined))

// Rows of the kinds served for kubectl's imperative commands, each checked against the built
// OpenAPI: the field exists in kubernetes-models' schema and carries the extension.
const schemas = buildOpenApiV3(BUILTIN_RESOURCES).schemas() as Record<string, { properties?: Record<string, Record<string, unknown>> }>
const rows: Array<[schema: string, field: string, listType: string, strategy?: string, mergeKey?: string]> = [
  ['io.k8s.api.rbac.v1.Role', 'rules', 'atomic'],
  ['io.k8s.api.rbac.v1.ClusterRole', 'rules', 'atomic'],
  ['io.k8s.api.rbac.v1.AggregationRule', 'clusterRoleSelectors', 'atomic'],
  ['io.k8s.api.rbac.v1.PolicyRule', 'verbs', 'atomic'],
  ['io.k8s.api.rbac.v1.PolicyRule', 'nonResourceURLs', 'atomic'],
  ['io.k8s.api.rbac.v1.RoleBinding', 'subjects', 'atomic'],
  ['io.k8s.api.rbac.v1.ClusterRoleBinding', 'subjects', 'atomic'],
  ['io.k8s.api.policy.v1.PodDisruptionBudgetStatus', 'conditions', 'map', 'merge', 'type'],
  ['io.k8s.api.networking.v1.IngressSpec', 'rules', 'atomic'],
  ['io.k8s.api.networking.v1.IngressSpec', 'tls', 'atomic'],
  ['io.k8s.api.networking.v1.HTTPIngressRuleValue', 'paths', 'atomic'],
  ['io.k8s.api.networking.v1.IngressLoadBalancerStatus', 'ingress', 'atomic'],
  ['io.k8s.api.networking.v1.NetworkPolicySpec', 'policyTypes', 'atomic'],
  ['io.k8s.api.networking.v1.NetworkPolicyIngressRule', 'from', 'atomic'],
  ['io.k8s.api.networking.v1.NetworkPolicyEgressRule', 'to', 'atomic'],
  ['io.k8s.api.networking.v1.IPBlock', 'except', 'atomic'],
  ['io.k8s.api.storage.v1.StorageClass', 'allowedTopologies', 'atomic'],
  ['io.k8s.api.core.v1.TopologySelectorTerm', 'matchLabelExpressions', 'atomic'],
  ['io.k8s.api.discovery.v1.EndpointSlice', 'endpoints', 'atomic'],
  ['io.k8s.api.discovery.v1.Endpoint', 'addresses', 'set'],
  ['io.k8s.api.discovery.v1.EndpointHints', 'forZones', 'atomic'],
  ['io.k8s.api.core.v1.ResourceQuotaSpec', 'scopes', 'atomic'],
  ['io.k8s.api.core.v1.ScopeSelector', 'matchExpressions', 'atomic'],
  ['io.k8s.api.core.v1.LimitRangeSpec', 'limits', 'atomic'],
  ['io.k8s.api.core.v1.ReplicationControllerStatus', 'conditions', 'map', 'merge', 'type'],
  ['io.k8s.api.core.v1.PersistentVolumeSpec', 'accessModes', 'atomic'],
  ['io.k8s.api.core.v1.PersistentVolumeSpec', 'mountOptions', 'atomic'],
  ['io.k8s.api.core.v1.CephFSPersistentVolumeSource', 'monitors', 'atomic'],
]
for (const [schema, field, listType, strategy, mergeKey] of rows) {
  test(`${schema.replace('io.k8s.api.', '')}.${field} is a ${listType} list${strategy ? ` merged by ${mergeKey}` : ''}`, () => {
    const property = schemas[schema]?.properties?.[field]
    assert.ok(property, `${schema} has ${field}`)
    assert.equal(property['x-kubernetes-list-type'], listType)
    assert.equal(property['x-kubernetes-patch-strategy'], strategy)
    assert.equal(property['x-kubernetes-patch-merge-key'], mergeKey)
  })
}

test('a PodDisruptionBudget selector is replaced whole by a strategic merge patch', () => {
  assert.equal(schemas['io.k8s.api.policy.v1.PodDisruptionBudgetSpec']?.properties?.['selector']?.['x-kubernetes-patch-strategy'], 'replace')
})

test('map types: a field marked +mapType, a struct marked +structType=atomic, a list-map key default', () => {
  assert.equal(listExtensionsOf('io.k8s.api.core.v1.PodSpec')?.['nodeSelector']?.['x-kubernetes-map-type'], 'atomic')
  assert.deepEqual(structExtensionsOf('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'), { 'x-kubernetes-map-type': 'atomic' })
  assert.equal(structExtensionsOf('io.k8s.api.core.v1.PodSpec'), undefined)
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.ContainerPort'), { protocol: { default: 'TCP' } })
})
