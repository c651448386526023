import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { servicePrinter } from './services.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'svc1', creationTimestamp: '2025-06-01T11:59:15Z' },
  spec,
  status,
})

const cases: Array<{ name: string; svc: KubeObject; want: unknown[] }> = [
  {
    name: 'ClusterIP',
    svc: svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'x' } }),
    want: ['svc1', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '45s', 'app=x'],
  },
  {
    name: 'NodePort with external IPs',
    svc: svc({ type: 'NodePort', clusterIPs: ['10.0.0.1'], externalIPs: ['1.2.3.4'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }),
    want: ['svc1', 'NodePort', '10.0.0.1', '1.2.3.4', '80:30080/TCP,53/UDP', '45s', '<none>'],
  },
  {
    name: 'LoadBalancer pending',
    svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.0.0.1'], ports: [{ port: 443 }] }),
    want: ['svc1', 'LoadBalancer', '10.0.0.1', '<pending>', '443/TCP', '45s', '<none>'],
  },
  {
    name: 'LoadBalancer with ingress',
    svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.0.0.1'] }, { loadBalancer: { ingress: [{ hostname: 'lb.example' }, { ip: '5.6.7.8' }] } }),
    want: ['svc1', 'LoadBalancer', '10.0.0.1', '5.6.7.8,lb.example', '<none>', '45s', '<none>'],
  },
  {
    name: 'ExternalName',
    svc: svc({ type: 'ExternalName', externalName: 'db.example.com' }),
    want: ['svc1', 'ExternalName', '<none>', 'db.example.com', '<none>', '45s', '<none>'],
  },
  { name: 'no spec.type reads as the ClusterIP default', svc: svc({}), want: ['svc1', 'ClusterIP', '<none>', '<none>', '<none>', '45s', '<none>'] },
]

for (const c of cases) {
  test(`service printer: ${c.name}`, () => assert.deepEqual(servicePrinter.cells(c.svc, now), c.want))
}
