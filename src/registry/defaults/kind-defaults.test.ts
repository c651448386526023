import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultPersistentVolumeClaim } from './claim-defaults.js'
import { defaultEndpoints, defaultLimitRange, defaultNamespace, defaultNode, defaultSecret } from './core-defaults.js'
import { defaultEndpointSlice } from './discovery-defaults.js'
import { defaultIngressClass, defaultNetworkPolicy } from './networking-defaults.js'
import { defaultPersistentVolume } from './persistent-volume-defaults.js'
import { defaultBinding } from './rbac-defaults.js'
import { defaultPriorityClass } from './scheduling-defaults.js'
import { defaultService } from './service-defaults.js'
import { defaultStorageClass } from './storage-defaults.js'

// The other kinds' defaults, expected values from each group's pkg/apis/<group>/v1/defaults_test.go.

const cases: Array<{ name: string; defaulter: (o: KubeObject) => unknown; body: JsonObject; want: JsonObject }> = [
  { name: 'secret: Opaque', defaulter: defaultSecret, body: {}, want: { type: 'Opaque' } },
  { name: 'secret: a type is kept', defaulter: defaultSecret, body: { type: 'kubernetes.io/tls' }, want: { type: 'kubernetes.io/tls' } },
  { name: 'endpoints: ports are TCP', defaulter: defaultEndpoints, body: { subsets: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] },
    want: { subsets: [{ ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }] } },
  { name: 'namespace: Active, named by a label', defaulter: defaultNamespace, body: { metadata: { name: 'x', labels: { a: 'b', 'kubernetes.io/metadata.name': 'y' } } },
    want: { metadata: { name: 'x', labels: { a: 'b', 'kubernetes.io/metadata.name': 'x' } }, status: { phase: 'Active' } } },
  { name: 'node: allocatable is the capacity when unreported', defaulter: defaultNode, body: { status: { capacity: { cpu: '4' } } }, want: { status: { capacity: { cpu: '4' }, allocatable: { cpu: '4' } } } },
  { name: 'node: without status nothing', defaulter: defaultNode, body: {}, want: {} },
  { name: 'limit range: container defaults from max, requests from the defaults then the min', defaulter: defaultLimitRange,
    body: { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '1Mi' } }, { type: 'Pod', max: { cpu: '4' } }, { type: 'Container' }] } },
    want: { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '1Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '1Mi' } }, { type: 'Pod', max: { cpu: '4' } }, { type: 'Container' }] } } },
  { name: 'persistent volume: Retain, Filesystem, Pending, its source', defaulter: defaultPersistentVolume, body: { spec: { hostPath: { path: '/d' }, rbd: { image: 'i' } } },
    want: { spec: { hostPath: { path: '/d', type: '' }, rbd: { image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } } },
  { name: 'claim: Filesystem, Pending', defaulter: defaultPersistentVolumeClaim, body: { spec: { accessModes: ['ReadWriteOnce'] } },
    want: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: {} }, status: { phase: 'Pending' } } },
  { name: 'claim: a block claim stays one', defaulter: defaultPersistentVolumeClaim, body: { spec: { volumeMode: 'Block', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound' } },
    want: { spec: { volumeMode: 'Block', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound' } } },
  { name: 'service: ClusterIP, None affinity (whose config goes), TCP ports aimed at themselves', defaulter: defaultService,
    body: { spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80 }, { port: 81, targetPort: 'http' }] } },
    want: { spec: { type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 81, protocol: 'TCP', targetPort: 'http' }],
      internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' } } },
  { name: 'service: ClientIP affinity lasts three hours; a load balancer allocates node ports, its IPs are VIPs', defaulter: defaultService,
    body: { spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'h' }] } } },
    want: { spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, externalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' },
    status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }, { hostname: 'h' }] } } } },
  { name: 'network policy: Ingress, TCP ports', defaulter: defaultNetworkPolicy, body: { spec: { ingress: [{ ports: [{ port: 80 }] }] } },
    want: { spec: { ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress'] } } },
  { name: 'network policy: egress rules make it an Egress policy too', defaulter: defaultNetworkPolicy, body: { spec: { egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] } },
    want: { spec: { egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }], policyTypes: ['Ingress', 'Egress'] } } },
  { name: 'network policy: named types are kept', defaulter: defaultNetworkPolicy, body: { spec: { policyTypes: ['Egress'] } }, want: { spec: { policyTypes: ['Egress'] } } },
  { name: 'ingress class: parameters are cluster-scoped', defaulter: defaultIngressClass, body: { spec: { controller: 'x/y', parameters: { kind: 'K', name: 'n' } } },
    want: { spec: { controller: 'x/y', parameters: { kind: 'K', name: 'n', scope: 'Cluster' } } } },
  { name: 'endpoint slice: ports are TCP and named ""', defaulter: defaultEndpointSlice, body: { addressType: 'IPv4', ports: [{ port: 80 }] },
    want: { addressType: 'IPv4', ports: [{ port: 80, name: '', protocol: 'TCP' }] } },
  { name: 'role binding: the RBAC group on roleRef, users and groups', defaulter: defaultBinding,
    body: { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'Group', name: 'g' }, { kind: 'ServiceAccount', name: 's' }] },
    want: { roleRef: { kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' },
      subjects: [{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 's' }] } },
  { name: 'storage class: Delete, Immediate', defaulter: defaultStorageClass, body: { provisioner: 'p' }, want: { provisioner: 'p', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' } },
  { name: 'priority class: 0, PreemptLowerPriority', defaulter: defaultPriorityClass, body: {}, want: { value: 0, preemptionPolicy: 'PreemptLowerPriority' } },
]

for (const c of cases) {
  test(c.name, () => {
    const object = { metadata: { name: 'x' }, ...structuredClone(c.body) } as KubeObject
    c.defaulter(object)
    assert.deepEqual(object, { metadata: { name: 'x' }, ...c.want })
  })
}
