import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { endpointsPrinter } from './endpoints.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const endpoints = (subsets?: unknown[]): KubeObject => ({ metadata: { name: 'svc1' }, ...(subsets ? { subsets } : {}) })

const cases: Array<{ name: string; ep: KubeObject; want: string }> = [
  { name: 'no subsets', ep: endpoints(), want: '<none>' },
  { name: 'ip:port', ep: endpoints([{ addresses: [{ ip: '10.0.0.7' }], ports: [{ port: 80 }] }]), want: '10.0.0.7:80' },
  { name: 'headless without ports', ep: endpoints([{ addresses: [{ ip: '10.0.0.7' }, { ip: '10.0.0.8' }] }]), want: '10.0.0.7,10.0.0.8' },
  { name: 'IPv6 in brackets', ep: endpoints([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 443 }] }]), want: '[fd00::1]:443' },
  {
    name: 'more than three',
    ep: endpoints([{ addresses: [{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }], ports: [{ port: 80 }, { port: 443 }] }]),
    want: '1.1.1.1:80,2.2.2.2:80,1.1.1.1:443 + 1 more...',
  },
]

for (const c of cases) {
  test(`endpoints printer: ${c.name}`, () => assert.deepEqual(endpointsPrinter.cells(c.ep, now), ['svc1', c.want, '<unknown>']))
}
