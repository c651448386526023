import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { nodePrinter } from './nodes.js'

const now = Date.parse('2025-06-01T12:00:00Z')

test('node cells: status, roles, version, addresses, system info', () => {
  const node: KubeObject = {
    metadata: { name: 'n1', creationTimestamp: '2025-05-01T12:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' } },
    spec: { unschedulable: true },
    status: {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '192.168.1.5' }, { type: 'Hostname', address: 'n1' }],
      nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Debian', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7' },
    },
  }
  assert.deepEqual(nodePrinter.cells(node, now), [
    'n1', 'Ready,SchedulingDisabled', 'control-plane,edge', '31d', 'v1.32.4', '192.168.1.5', '<none>', 'Debian', '6.1', 'containerd://1.7',
  ])
})

test('a node without conditions is Unknown with no roles', () => {
  const cells = nodePrinter.cells({ metadata: { name: 'n2' } }, now)
  assert.deepEqual(cells.slice(1, 3), ['Unknown', '<none>'])
  assert.deepEqual(cells.slice(7), ['<unknown>', '<unknown>', '<unknown>'])
})

test('a node whose Ready condition is not True is NotReady', () => {
  const node: KubeObject = { metadata: { name: 'n3' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }
  assert.equal(nodePrinter.cells(node, now)[1], 'NotReady')
})
