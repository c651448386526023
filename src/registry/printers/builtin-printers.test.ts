import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { isVirtual } from '../resource-definition.js'
import { defaultPrinter } from './default-printer.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const bare: KubeObject = { metadata: { name: 'x', creationTimestamp: '2025-06-01T11:48:00Z' } }

// The columns kubectl 1.32 shows against kube-apiserver 1.32 (printers.go), wide ones after '|'.
const expectedColumns: Record<string, string> = {
  '/pods': 'Name Ready Status Restarts Age | IP Node Nominated_Node Readiness_Gates',
  '/services': 'Name Type Cluster-IP External-IP Port(s) Age | Selector',
  '/configmaps': 'Name Data Age',
  '/secrets': 'Name Type Data Age',
  '/serviceaccounts': 'Name Secrets Age',
  '/events': 'Last_Seen Type Reason Object Message | Subobject Source First_Seen Count Name',
  '/nodes': 'Name Status Roles Age Version | Internal-IP External-IP OS-Image Kernel-Version Container-Runtime',
  '/namespaces': 'Name Status Age',
  '/endpoints': 'Name Endpoints Age',
  '/persistentvolumeclaims': 'Name Status Volume Capacity Access_Modes StorageClass VolumeAttributesClass Age | VolumeMode',
  // 1.32's order; 1.33 moved Age last (kubernetes#129419).
  '/resourcequotas': 'Name Age Request Limit',
  // No printers.go handler: rest.NewDefaultTableConvertor.
  '/limitranges': 'Name Created_At',
  'authentication.k8s.io/selfsubjectreviews': 'Name Created_At',
  '/replicationcontrollers': 'Name Desired Current Ready Age | Containers Images Selector',
  '/persistentvolumes': 'Name Capacity Access_Modes Reclaim_Policy Status Claim StorageClass VolumeAttributesClass Reason Age | VolumeMode',
  '/podtemplates': 'Name Containers Images Pod_Labels',
  'apps/deployments': 'Name Ready Up-to-date Available Age | Containers Images Selector',
  'apps/replicasets': 'Name Desired Current Ready Age | Containers Images Selector',
  'apps/statefulsets': 'Name Ready Age | Containers Images',
  'apps/daemonsets': 'Name Desired Current Ready Up-to-date Available Node_Selector Age | Containers Images Selector',
  'batch/jobs': 'Name Status Completions Duration Age | Containers Images Selector',
  'batch/cronjobs': 'Name Schedule Timezone Suspend Active Last_Schedule Age | Containers Images Selector',
  'coordination.k8s.io/leases': 'Name Holder Age',
  // kube prints events.k8s.io events with the core Event printer.
  'events.k8s.io/events': 'Last_Seen Type Reason Object Message | Subobject Source First_Seen Count Name',
  'rbac.authorization.k8s.io/roles': 'Name Created_At',
  'rbac.authorization.k8s.io/clusterroles': 'Name Created_At',
  'rbac.authorization.k8s.io/rolebindings': 'Name Role Age | Users Groups ServiceAccounts',
  'rbac.authorization.k8s.io/clusterrolebindings': 'Name Role Age | Users Groups ServiceAccounts',
  'policy/poddisruptionbudgets': 'Name Min_Available Max_Unavailable Allowed_Disruptions Age',
  'networking.k8s.io/ingresses': 'Name Class Hosts Address Ports Age',
  'networking.k8s.io/ingressclasses': 'Name Controller Parameters Age',
  'networking.k8s.io/networkpolicies': 'Name Pod-Selector Age',
  'scheduling.k8s.io/priorityclasses': 'Name Value Global-Default Age PreemptionPolicy',
  'storage.k8s.io/storageclasses': 'Name Provisioner ReclaimPolicy VolumeBindingMode AllowVolumeExpansion Age',
  // apiextensions-apiserver registry/customresourcedefinition/etcd.go: rest.NewDefaultTableConvertor
  'apiextensions.k8s.io/customresourcedefinitions': 'Name Created_At',
  'discovery.k8s.io/endpointslices': 'Name AddressType Ports Endpoints Age',
}

const layout = (names: Array<{ name: string; priority: number }>) => {
  const words = (p: (n: number) => boolean) => names.filter((c) => p(c.priority)).map((c) => c.name.replaceAll(' ', '_')).join(' ')
  const wide = words((n) => n > 0)
  return wide ? `${words((n) => n === 0)} | ${wide}` : words((n) => n === 0)
}

// Kinds that store nothing (the access reviews) are never listed, so never printed.
for (const d of BUILTIN_RESOURCES.filter((r) => !isVirtual(r))) {
  const key = `${d.group}/${d.plural}`
  test(`${key} prints kube's columns, one cell per column, one NAME column`, () => {
    const printer = d.printer
    assert.notEqual(printer, defaultPrinter, 'every built-in kind has a printer')
    assert.equal(layout([...printer.columns]), expectedColumns[key])
    assert.equal(printer.columns.filter((c) => c.format === 'name').length, 1)
    assert.ok(printer.columns.every((c) => c.description.length > 0 && c.format !== undefined))
    const cells = printer.cells(bare, now)
    assert.equal(cells.length, printer.columns.length)
    const ageIndex = printer.columns.findIndex((c) => c.name === 'Age')
    if (ageIndex >= 0) assert.equal(cells[ageIndex], '12m')
  })
}

test('kinds without a printer of their own get Name and a humanised date-typed Age', () => {
  const printer = defaultPrinter
  assert.deepEqual(printer.columns.map((c) => [c.name, c.type, c.format]), [['Name', 'string', 'name'], ['Age', 'date', '']])
  assert.deepEqual(printer.cells(bare, now), ['x', '12m'])
  assert.deepEqual(printer.cells({ metadata: {} }, now), ['', '<unknown>'])
})
