import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

const service = (name: string, spec: object) => JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec })
const PORTS = [{ port: 80 }]

describe('kubectl: what kube-apiserver and its controllers provide', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  const get = async (args: string[]) => JSON.parse(await kubectl.ok([...args, '-o', 'json']))
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  test('a new namespace has its default ServiceAccount and kube-root-ca.crt right away, and they come back when deleted', async () => {
    await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } }) })
    assert.match(await kubectl.ok(['-n', 'fresh', 'get', 'sa', 'default']), /^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+/)
    const rootCa = await get(['-n', 'fresh', 'get', 'configmap', 'kube-root-ca.crt', '--show-managed-fields'])
    assert.match(rootCa.data['ca.crt'], /^-----BEGIN CERTIFICATE-----\n/)
    assert.equal(rootCa.metadata.managedFields[0].manager, 'kube-controller-manager')
    assert.match(await kubectl.ok(['-n', 'fresh', 'delete', 'sa', 'default']), /serviceaccount "default" deleted/)
    await eventually(async () => assert.equal((await kubectl.run(['-n', 'fresh', 'get', 'sa', 'default'])).code, 0), { timeoutMs: 5000 })
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) await kubectl.ok(['-n', ns, 'get', 'sa', 'default'])
  })

  test('the kubernetes Service sits on the first cluster IP, with Endpoints naming this server', async () => {
    assert.match(await kubectl.ok(['get', 'svc', 'kubernetes']), /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nkubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+/)
    const endpoints = await get(['get', 'endpoints', 'kubernetes'])
    assert.deepEqual(endpoints.subsets, [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: Number(new URL(server.url).port), protocol: 'TCP' }] }])
  })

  test('Services get kube defaults, a cluster IP of their own, and node ports; a taken or foreign IP is refused as kube refuses it', async () => {
    await kubectl.ok(['create', '-f', '-'], { input: service('one', { selector: { app: 'one' }, ports: PORTS }) })
    const one = await get(['get', 'svc', 'one'])
    assert.deepEqual(one.spec, {
      clusterIP: one.spec.clusterIP, clusterIPs: [one.spec.clusterIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'one' }, sessionAffinity: 'None', type: 'ClusterIP',
    })
    assert.match(one.spec.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
    assert.notEqual(one.spec.clusterIP, '10.96.0.1')

    await kubectl.ok(['create', '-f', '-'], { input: service('pinned', { clusterIP: '10.96.7.7', ports: PORTS }) })
    const taken = await kubectl.run(['create', '-f', '-'], { input: service('copycat', { clusterIP: '10.96.7.7', ports: PORTS }) })
    assert.equal(taken.code, 1)
    assert.match(taken.stderr, /The Service "copycat" is invalid: spec\.clusterIPs: Invalid value: \[\]string\{"10\.96\.7\.7"\}: failed to allocate IP 10\.96\.7\.7: provided IP is already allocated/)
    const foreign = await kubectl.run(['create', '-f', '-'], { input: service('foreign', { clusterIP: '192.168.1.1', ports: PORTS }) })
    assert.match(foreign.stderr, /failed to allocate IP 192\.168\.1\.1: the provided IP \(192\.168\.1\.1\) is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12/)
    await kubectl.ok(['delete', 'svc', 'pinned'])
    await kubectl.ok(['create', '-f', '-'], { input: service('copycat', { clusterIP: '10.96.7.7', ports: PORTS }) })

    await kubectl.ok(['create', '-f', '-'], { input: service('np', { type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] }) })
    const np = await get(['get', 'svc', 'np'])
    const nodePorts: number[] = np.spec.ports.map((p: { nodePort: number }) => p.nodePort)
    assert.ok(nodePorts.every((p) => p >= 30000 && p <= 32767) && nodePorts[0] !== nodePorts[1], String(nodePorts))
    assert.equal(np.spec.externalTrafficPolicy, 'Cluster')
    const samePort = await kubectl.run(['create', '-f', '-'], { input: service('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: nodePorts[0] }] }) })
    assert.match(samePort.stderr, new RegExp(`spec\\.ports\\[0\\]\\.nodePort: Invalid value: ${nodePorts[0]}: provided port is already allocated`))
  })

  test('an update keeps the allocated cluster IP and node ports and refuses to change the IP', async () => {
    const before = await get(['get', 'svc', 'np'])
    await kubectl.ok(['patch', 'svc', 'np', '--type=merge', '-p', '{"metadata":{"labels":{"x":"y"}}}'])
    const replaced = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] } }
    await kubectl.ok(['replace', '-f', '-'], { input: JSON.stringify(replaced) })
    const after = await get(['get', 'svc', 'np'])
    assert.equal(after.spec.clusterIP, before.spec.clusterIP)
    assert.deepEqual(after.spec.ports, before.spec.ports)
    const moved = await kubectl.run(['patch', 'svc', 'np', '--type=merge', '-p', '{"spec":{"clusterIP":"10.96.9.9","clusterIPs":["10.96.9.9"]}}'])
    assert.match(moved.stderr, /spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.96\.9\.9"\}: may not change once set/)
  })
})
