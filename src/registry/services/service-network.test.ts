import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { ServiceNetwork } from './service-network.js'

let nowMs = 0
const network = (range = '10.96.0.0/29', ports = '30000-30002') => new ServiceNetwork({ clusterIpRange: range, nodePortRange: ports, nowMs: () => nowMs })
const service = (ips: string[], nodePorts: number[] = []): KubeObject => ({ metadata: {}, spec: { clusterIPs: ips, ports: nodePorts.map((nodePort) => ({ nodePort })) } })

test('cluster IPs come from the range, network and broadcast addresses excluded, each handed out once', () => {
  const n = network()
  assert.equal(n.firstClusterIp, '10.96.0.1')
  const taken = Array.from({ length: 6 }, (_, i) => n.allocateClusterIp(`ns/s${i}`))
  assert.deepEqual(taken, ['10.96.0.1', '10.96.0.2', '10.96.0.3', '10.96.0.4', '10.96.0.5', '10.96.0.6'])
  assert.equal(n.allocateClusterIp('ns/s7'), 'full')
})

test('a requested IP is honoured once, refused when taken or out of range; the owner may ask again', () => {
  const n = network()
  assert.equal(n.allocateClusterIp('ns/a', '10.96.0.5'), '10.96.0.5')
  n.hold('ns/a', service(['10.96.0.5']))
  assert.equal(n.allocateClusterIp('ns/b', '10.96.0.5'), 'allocated')
  assert.equal(n.allocateClusterIp('ns/a', '10.96.0.5'), '10.96.0.5')
  assert.equal(n.allocateClusterIp('ns/b', '10.96.1.5'), 'not-in-range')
  assert.equal(n.allocateClusterIp('ns/b', 'nonsense'), 'not-in-range')
})

test('a deleted Service frees its IP and node ports; an unconfirmed reservation lapses', () => {
  nowMs = 0
  const n = network('10.96.0.0/30', '30000-30000')
  assert.equal(n.allocateClusterIp('ns/a'), '10.96.0.1')
  assert.equal(n.nodePorts.allocate('ns/a'), 30000)
  n.hold('ns/a', service(['10.96.0.1'], [30000]))
  assert.equal(n.allocateClusterIp('ns/b', '10.96.0.1'), 'allocated')
  assert.equal(n.nodePorts.allocate('ns/b'), 'full')
  n.hold('ns/a', undefined)
  assert.equal(n.allocateClusterIp('ns/b', '10.96.0.1'), '10.96.0.1', 'freed by the deletion')
  assert.equal(n.allocateClusterIp('ns/c', '10.96.0.2'), '10.96.0.2')
  assert.equal(n.allocateClusterIp('ns/d', '10.96.0.2'), 'allocated', 'reserved while its write is in flight')
  nowMs = 60_000
  assert.equal(n.allocateClusterIp('ns/d', '10.96.0.2'), '10.96.0.2', 'a reservation no commit confirmed lapses')
})

test('invalid ranges are refused at start', () => {
  assert.throws(() => network('10.96.0.0'), /invalid service IP range/)
  assert.throws(() => network('10.96.0.0/12', '9-3'), /invalid node port range/)
})
