import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { priorityClassStrategy } from '../priority-classes/priority-class-strategy.js'
import type { Strategy } from '../strategy.js'
import { endpointSliceStrategy } from './endpoint-slices.js'
import { ingressClassStrategy, ingressStrategy } from './ingresses.js'
import { persistentVolumeStrategy } from './persistent-volumes.js'
import { podTemplateStrategy } from './pod-templates.js'
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac.js'
import { replicationControllerStrategy } from './replication-controllers.js'
import { storageClassStrategy } from './storage-classes.js'
import { serviceStrategy } from '../services/service-strategy.js'

// Each kind's 422 causes as `field: message`, worded as kube 1.32's pkg/apis/<group>/validation
// words them; bodies are defaulted first, as kube's decoder defaults them.
const causesOf = (strategy: Strategy, body: Record<string, unknown>, current?: Record<string, unknown>) => {
  const object = { metadata: { name: 'x' }, ...structuredClone(body) } as KubeObject
  strategy.applyDefaults?.(object)
  const causes = current ? strategy.validateUpdate!(object, { metadata: { name: 'x' }, ...current } as KubeObject) : strategy.validate!(object)
  return causes.map((c) => `${c.field}: ${c.message}`)
}

const binding = { roleRef: { kind: 'ClusterRole', name: 'view' } }

const cases: Array<{ name: string; strategy: Strategy; body: Record<string, unknown>; current?: Record<string, unknown>; want: string[] }> = [
  { name: 'service: a null port decodes as port 0, defaulted as its target port', strategy: serviceStrategy, body: { spec: { ports: [{}] } }, want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  { name: 'service: a named target port is no number', strategy: serviceStrategy, body: { spec: { ports: [{ port: 80, targetPort: 'http' }] } }, want: [] },
  { name: 'role: a resource rule needs verbs, groups, resources', strategy: roleStrategy, body: { rules: [{}] }, want: ['rules[0].verbs: Required value: verbs must contain at least one value', 'rules[0].apiGroups: Required value: resource rules must supply at least one api group', 'rules[0].resources: Required value: resource rules must supply at least one resource'] },
  { name: 'role: no non-resource URLs in a namespace', strategy: roleStrategy, body: { rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez'] }] }, want: ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz", "/livez"}: namespaced rules cannot apply to non-resource URLs'] },
  { name: 'cluster role: non-resource URLs alone', strategy: clusterRoleStrategy, body: { rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'], resources: ['pods'] }] }, want: ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs'] },
  { name: 'cluster role: an empty aggregation rule', strategy: clusterRoleStrategy, body: { aggregationRule: {} }, want: ['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil'] },
  { name: 'cluster role: an aggregation rule is stored as sent', strategy: clusterRoleStrategy, body: { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }, want: [] },
  { name: 'role binding: roleRef.apiGroup defaults, users get the RBAC group', strategy: roleBindingStrategy, body: { ...binding, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'sa' }] }, want: [] },
  { name: 'role binding without a roleRef', strategy: roleBindingStrategy, body: {}, want: ['roleRef.kind: Unsupported value: "": supported values: "Role", "ClusterRole"', 'roleRef.name: Required value'] },
  { name: 'role binding: bad subjects', strategy: roleBindingStrategy, body: { ...binding, subjects: [{ kind: 'Robot', name: 'r' }, { kind: 'ServiceAccount', apiGroup: 'x' }] }, want: ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"', 'subjects[1].name: Required value', 'subjects[1].apiGroup: Unsupported value: "x": supported values: ""'] },
  { name: 'cluster role binding: a Role is not bindable cluster-wide; service accounts need a namespace', strategy: clusterRoleBindingStrategy, body: { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }, want: ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"', 'subjects[0].namespace: Required value'] },
  { name: 'binding update: roleRef is immutable', strategy: roleBindingStrategy, body: binding, current: { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' } }, want: ['roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef'] },
  { name: 'binding update: the defaulted apiGroup is no change', strategy: clusterRoleBindingStrategy, body: binding, current: { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } }, want: [] },
  { name: 'priority class: system- names are reserved', strategy: priorityClassStrategy, body: { metadata: { name: 'system-foo' }, value: 1 }, want: ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class"] },
  { name: 'priority class: a system class keeps its value', strategy: priorityClassStrategy, body: { metadata: { name: 'system-node-critical' }, value: 1 }, want: ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"] },
  { name: 'priority class: the system class as kube creates it', strategy: priorityClassStrategy, body: { metadata: { name: 'system-cluster-critical' }, value: 2_000_000_000 }, want: [] },
  { name: 'priority class: a user value above one billion', strategy: priorityClassStrategy, body: { value: 1_000_000_001 }, want: ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'] },
  { name: 'priority class: an unknown preemption policy', strategy: priorityClassStrategy, body: { value: 1, preemptionPolicy: 'Sometimes' }, want: ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'] },
  { name: 'priority class update: value and policy are fixed', strategy: priorityClassStrategy, body: { value: 2, preemptionPolicy: 'Never' }, current: { value: 1, preemptionPolicy: 'PreemptLowerPriority' }, want: ['value: Forbidden: may not be changed in an update.', 'preemptionPolicy: Invalid value: "Never": field is immutable'] },
  { name: 'replication controller: selector and template', strategy: replicationControllerStrategy, body: { spec: {} }, want: ['spec.selector: Required value', 'spec.template: Required value'] },
  { name: 'replication controller: the selector must select the template', strategy: replicationControllerStrategy, body: { spec: { selector: { app: 'a' }, template: { metadata: { labels: { app: 'b', tier: 'x' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } } }, want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"b", "tier":"x"}: `selector` does not match template `labels`', 'spec.template.spec.containers[0].image: Required value', 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'] },
  { name: 'replication controller: the selector defaults to the template labels', strategy: replicationControllerStrategy, body: { spec: { template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }, want: [] },
  { name: 'persistent volume: access modes, capacity, a volume source', strategy: persistentVolumeStrategy, body: { spec: {} }, want: ['spec.accessModes: Required value', 'spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"', 'spec: Required value: must specify a volume type'] },
  { name: 'persistent volume: whole', strategy: persistentVolumeStrategy, body: { spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/data' } } }, want: [] },
  { name: 'pod template: containers', strategy: podTemplateStrategy, body: { template: { spec: {} } }, want: ['template.spec.containers: Required value'] },
  { name: 'ingress: rules or a default backend', strategy: ingressStrategy, body: { spec: {} }, want: ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'] },
  {
    name: 'ingress: paths, path types, absolute paths, backends',
    strategy: ingressStrategy,
    body: { spec: { rules: [{ http: { paths: [{ path: '/' }, { pathType: 'Prefix', path: 'x', backend: { service: { name: 's' } } }, { pathType: 'Regex', backend: {} }] } }, { host: 'a', http: { paths: [] } }] } },
    want: [
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      'spec.rules[0].http.paths[1].path: Invalid value: "x": must be an absolute path',
      'spec.rules[0].http.paths[1].backend: Required value: port name or number is required',
      'spec.rules[0].http.paths[2].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      'spec.rules[0].http.paths[2].backend: Invalid value: "": resource or service backend is required',
      'spec.rules[1].http.paths: Required value',
    ],
  },
  { name: 'ingress class: a domain-prefixed controller', strategy: ingressClassStrategy, body: { spec: { controller: 'nginx' } }, want: ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'] },
  { name: 'ingress class update: the controller is fixed', strategy: ingressClassStrategy, body: { spec: { controller: 'b.io/c' } }, current: { spec: { controller: 'a.io/c' } }, want: ['spec.controller: Invalid value: "b.io/c": field is immutable'] },
  { name: 'storage class: a provisioner', strategy: storageClassStrategy, body: { reclaimPolicy: 'Recycle' }, want: ['provisioner: Required value', 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'] },
  { name: 'storage class update: what provisions is fixed', strategy: storageClassStrategy, body: { provisioner: 'b', parameters: { type: 'io1' } }, current: { provisioner: 'a', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }, want: ['parameters: Forbidden: updates to parameters are forbidden.', 'provisioner: Forbidden: updates to provisioner are forbidden.'] },
  { name: 'endpoint slice: address type, addresses', strategy: endpointSliceStrategy, body: { endpoints: [{ addresses: [] }] }, want: ['endpoints[0].addresses: Required value: must contain at least 1 address', 'addressType: Required value'] },
  { name: 'endpoint slice update: the address type is fixed', strategy: endpointSliceStrategy, body: { addressType: 'IPv6' }, current: { addressType: 'IPv4' }, want: ['addressType: Invalid value: "IPv6": field is immutable'] },
]

for (const c of cases) test(c.name, () => assert.deepEqual(causesOf(c.strategy, c.body, c.current), c.want))

test('defaults: what kube stores for a bare body', () => {
  const defaulted = (strategy: Strategy, body: Record<string, unknown>) => {
    const object = { metadata: { name: 'x' }, ...body } as KubeObject
    strategy.applyDefaults!(object)
    return object
  }
  assert.deepEqual(defaulted(priorityClassStrategy, {}), { metadata: { name: 'x' }, value: 0, preemptionPolicy: 'PreemptLowerPriority' })
  assert.deepEqual(defaulted(storageClassStrategy, { provisioner: 'p' }), { metadata: { name: 'x' }, provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' })
  assert.deepEqual(defaulted(roleBindingStrategy, { subjects: [{ kind: 'Group', name: 'g' }] }).roleRef, { apiGroup: 'rbac.authorization.k8s.io' })
  const rc = defaulted(replicationControllerStrategy, { spec: { template: { metadata: { labels: { app: 'a' } } } } })
  assert.deepEqual([rc.metadata.labels, (rc.spec as any).selector, (rc.spec as any).replicas], [{ app: 'a' }, { app: 'a' }, 1])
  const pv = defaulted(persistentVolumeStrategy, { spec: {} })
  assert.deepEqual([(pv.spec as any).persistentVolumeReclaimPolicy, (pv.spec as any).volumeMode, (pv.status as any).phase], ['Retain', 'Filesystem', 'Pending'])
})
