import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { createdAtPrinter } from './created-at.js'
import { endpointSlicePrinter } from './endpointslices.js'
import { ingressClassPrinter } from './ingressclasses.js'
import { ingressPrinter } from './ingresses.js'
import { networkPolicyPrinter } from './networkpolicies.js'
import { persistentVolumePrinter } from './persistentvolumes.js'
import { podDisruptionBudgetPrinter } from './poddisruptionbudgets.js'
import { podTemplatePrinter } from './podtemplates.js'
import type { Printer } from './printer.js'
import { priorityClassPrinter } from './priorityclasses.js'
import { replicationControllerPrinter } from './replicationcontrollers.js'
import { resourceQuotaPrinter } from './resourcequotas.js'
import { clusterRoleBindingPrinter, roleBindingPrinter } from './role-bindings.js'
import { storageClassPrinter } from './storageclasses.js'

// Cells as printers.go (kube 1.32) renders them for the kinds kubectl's imperative commands create.
const now = Date.parse('2025-06-01T12:00:00Z')
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: '2025-06-01T11:48:00Z', ...extra })
const object = (name: string, fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): KubeObject => ({ metadata: meta(name, extra), ...fields })

const cases: Array<{ name: string; printer: Printer; obj: KubeObject; want: unknown[] }> = [
  {
    name: 'quota: sorted `resource: used/hard`, limits.* apart, a missing used is 0',
    printer: resourceQuotaPrinter,
    obj: object('q', { status: { hard: { pods: '10', 'requests.cpu': '1', 'limits.memory': '2Gi', 'requests.memory': '1Gi', 'limits.cpu': '2' }, used: { pods: '3', 'requests.cpu': '500m' } } }),
    want: ['q', '12m', 'pods: 3/10, requests.cpu: 500m/1, requests.memory: 0/1Gi', 'limits.cpu: 0/2, limits.memory: 0/2Gi'],
  },
  { name: 'quota before the controller filled status', printer: resourceQuotaPrinter, obj: object('q', { status: {} }), want: ['q', '12m', '', ''] },
  { name: 'default table convertor: RFC 3339 seconds', printer: createdAtPrinter, obj: object('r', {}, { creationTimestamp: '2025-06-01T11:48:00.123Z' }), want: ['r', '2025-06-01T11:48:00Z'] },
  { name: 'default table convertor without a creation time: Go zero time', printer: createdAtPrinter, obj: { metadata: { name: 'r' } }, want: ['r', '0001-01-01T00:00:00Z'] },
  {
    name: 'role binding: Kind/name, subjects by kind, service accounts as namespace/name',
    printer: roleBindingPrinter,
    obj: object('b', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', namespace: 'ci', name: 'bot' }, { kind: 'User', name: 'bob' }],
    }),
    want: ['b', 'ClusterRole/view', '12m', 'alice, bob', 'devs', 'ci/bot'],
  },
  { name: 'cluster role binding without subjects', printer: clusterRoleBindingPrinter, obj: object('c', { roleRef: { kind: 'ClusterRole', name: 'admin' } }), want: ['c', 'ClusterRole/admin', '12m', '', '', ''] },
  {
    name: 'replication controller: replicas, containers, selector map',
    printer: replicationControllerPrinter,
    obj: object('rc', {
      spec: { replicas: 3, selector: { tier: 'fe', app: 'web' }, template: { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    }),
    want: ['rc', 3, 2, 1, '12m', 'a,b', 'nginx,busybox', 'app=web,tier=fe'],
  },
  {
    name: 'persistent volume: access modes in kube order, claim, empty reason',
    printer: persistentVolumePrinter,
    obj: object('pv', {
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'ns', name: 'claim' }, storageClassName: 'fast', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' },
    }),
    want: ['pv', '5Gi', 'RWO,RWX', 'Retain', 'Bound', 'ns/claim', 'fast', '<unset>', '', '12m', 'Filesystem'],
  },
  { name: 'persistent volume being deleted', printer: persistentVolumePrinter, obj: object('pv', { status: { phase: 'Available' } }, { deletionTimestamp: '2025-06-01T11:59:00Z' }), want: ['pv', '0', '', '', 'Terminating', '', '', '<unset>', '', '12m', '<unset>'] },
  {
    name: 'pod template: containers, images, template labels',
    printer: podTemplatePrinter,
    obj: object('t', { template: { metadata: { labels: { tier: 'fe', app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } }),
    want: ['t', 'a', 'nginx', 'app=web,tier=fe'],
  },
  { name: 'pdb: an int, N/A for the unset bound', printer: podDisruptionBudgetPrinter, obj: object('p', { spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } }), want: ['p', '2', 'N/A', 1, '12m'] },
  { name: 'pdb: a percentage', printer: podDisruptionBudgetPrinter, obj: object('p', { spec: { maxUnavailable: '50%' } }), want: ['p', 'N/A', '50%', 0, '12m'] },
  {
    name: 'ingress: three hosts then "more" counting every rule, sorted addresses, TLS ports',
    printer: ingressPrinter,
    obj: object('i', {
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a' }, { host: 'b' }, { host: 'c' }, {}], tls: [{ hosts: ['a'] }] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.1' }, { ip: '10.0.0.2' }] } },
    }),
    want: ['i', 'nginx', 'a,b,c + 1 more...', '10.0.0.1,10.0.0.2,lb.example.com', '80, 443', '12m'],
  },
  { name: 'ingress: a host-less first rule does not make "more"', printer: ingressPrinter, obj: object('i', { spec: { rules: [{}, { host: 'a' }, { host: 'b' }, { host: 'c' }] } }), want: ['i', '<none>', 'a,b,c', '', '80', '12m'] },
  { name: 'ingress without hosts', printer: ingressPrinter, obj: object('i', { spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } } } }), want: ['i', '<none>', '*', '', '80', '12m'] },
  {
    name: 'ingress class: Kind.group/name parameters',
    printer: ingressClassPrinter,
    obj: object('ic', { spec: { controller: 'example.com/ingress', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'lb' } } }),
    want: ['ic', 'example.com/ingress', 'IngressParameters.k8s.example.com/lb', '12m'],
  },
  { name: 'ingress class without parameters', printer: ingressClassPrinter, obj: object('ic', { spec: { controller: 'example.com/ingress' } }), want: ['ic', 'example.com/ingress', '<none>', '12m'] },
  { name: 'network policy selecting all pods', printer: networkPolicyPrinter, obj: object('n', { spec: { podSelector: {} } }), want: ['n', '<none>', '12m'] },
  { name: 'network policy selecting by label', printer: networkPolicyPrinter, obj: object('n', { spec: { podSelector: { matchLabels: { role: 'db' } } } }), want: ['n', 'role=db', '12m'] },
  { name: 'priority class', printer: priorityClassPrinter, obj: object('high', { value: 1000, preemptionPolicy: 'PreemptLowerPriority' }), want: ['high', 1000, false, '12m', 'PreemptLowerPriority'] },
  {
    name: 'storage class: the default one, explicit binding mode',
    printer: storageClassPrinter,
    obj: object('standard', { provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' }, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
    want: ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '12m'],
  },
  {
    name: 'endpoint slice: port number, else name, else *; three then "more"',
    printer: endpointSlicePrinter,
    obj: object('e', { addressType: 'IPv4', ports: [{ port: 80 }, { name: 'http' }, {}, { port: 443 }], endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }] }),
    want: ['e', 'IPv4', '80,http,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3', '12m'],
  },
  { name: 'empty endpoint slice', printer: endpointSlicePrinter, obj: object('e', { addressType: 'IPv6' }), want: ['e', 'IPv6', '<unset>', '<unset>', '12m'] },
]

for (const c of cases) test(c.name, () => assert.deepEqual(c.printer.cells(c.obj, now), c.want))
