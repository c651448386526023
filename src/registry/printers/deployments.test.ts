import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { daemonSetPrinter } from './daemonsets.js'
import { deploymentPrinter } from './deployments.js'
import { replicaSetPrinter } from './replicasets.js'
import { statefulSetPrinter } from './statefulsets.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const template = { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeSelector: { disk: 'ssd' } } }
const workload = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
  metadata: { name: 'dd', creationTimestamp: '2025-06-01T07:00:00Z' },
  spec: { selector: { matchLabels: { app: 'dd' } }, template, ...spec },
  status,
})

test('deployment cells: Ready n/m, Up-to-date and Available as integers, wide Containers/Images/Selector', () => {
  const d = workload({ replicas: 3 }, { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 })
  assert.deepEqual(deploymentPrinter.cells(d, now), ['dd', '2/3', 3, 2, '5h', 'web', 'nginx:1.27', 'app=dd'])
})

test('a deployment without replicas or status reads as kube defaults it: 0/1', () => {
  const d: KubeObject = { metadata: { name: 'dd' }, spec: {} }
  assert.deepEqual(deploymentPrinter.cells(d, now), ['dd', '0/1', 0, 0, '<unknown>', '', '', ''])
})

test('an invalid deployment selector prints <invalid>', () => {
  const d = workload({ selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } }, {})
  assert.equal(deploymentPrinter.cells(d, now)[7], '<invalid>')
})

test('replicaset cells: Desired, Current, Ready integers', () => {
  const rs = workload({ replicas: 2 }, { replicas: 2, readyReplicas: 1 })
  assert.deepEqual(replicaSetPrinter.cells(rs, now), ['dd', 2, 2, 1, '5h', 'web', 'nginx:1.27', 'app=dd'])
  assert.deepEqual(replicaSetPrinter.columns.slice(1, 4).map((c) => c.type), ['integer', 'integer', 'integer'])
})

test('statefulset cells: Ready n/m', () => {
  assert.deepEqual(statefulSetPrinter.cells(workload({ replicas: 3 }, { readyReplicas: 3 }), now), ['dd', '3/3', '5h', 'web', 'nginx:1.27'])
})

test('daemonset cells: counts, node selector, selector', () => {
  const ds = workload({}, { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 })
  assert.deepEqual(daemonSetPrinter.cells(ds, now), ['dd', 2, 2, 1, 2, 1, 'disk=ssd', '5h', 'web', 'nginx:1.27', 'app=dd'])
})
