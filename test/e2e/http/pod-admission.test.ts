import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { namespaceSettled, request, startServer } from '../../support/start-server.js'

// What kube-apiserver 1.32's default admission plugins do to a new pod, in their words (k8s:
// plugin/pkg/admission/serviceaccount, priority, defaulttolerationseconds).
const PODS = '/api/v1/namespaces/adm/pods'
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
const pod = (name: string, spec: object = {}) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], ...spec } })

describe('pod admission', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
    await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'adm' } } })
    await namespaceSettled(server.url, 'adm')
    await request(server.url, '/api/v1/namespaces/adm/serviceaccounts', { method: 'POST', body: { metadata: { name: 'quiet' }, automountServiceAccountToken: false } })
  })
  after(() => server.close())

  test('a named account is kept, and every container that does not mount the token path mounts the token', async () => {
    const body = pod('named', {
      serviceAccountName: 'builder',
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      containers: [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'busybox:1.36', volumeMounts: [{ name: 'own', mountPath: TOKEN_PATH }] }],
      volumes: [{ name: 'own', emptyDir: {} }],
    })
    const created = await request(server.url, PODS, { method: 'POST', body })
    assert.equal(created.status, 201, created.text)
    const spec = created.body.spec
    assert.equal(spec.serviceAccountName, 'builder')
    assert.equal(spec.serviceAccount, 'builder')
    const token = spec.volumes[1].name
    assert.match(token, /^kube-api-access-/)
    assert.deepEqual(spec.initContainers[0].volumeMounts, [{ name: token, readOnly: true, mountPath: TOKEN_PATH }])
    assert.deepEqual(spec.containers[0].volumeMounts, [{ name: token, readOnly: true, mountPath: TOKEN_PATH }])
    assert.deepEqual(spec.containers[1].volumeMounts, [{ name: 'own', mountPath: TOKEN_PATH }])
  })

  test('no token when the pod or its account says so', async () => {
    for (const [name, spec] of [['off', { automountServiceAccountToken: false }], ['quiet', { serviceAccountName: 'quiet' }]] as const) {
      const created = await request(server.url, PODS, { method: 'POST', body: pod(name, spec) })
      assert.equal(created.status, 201, created.text)
      assert.equal(created.body.spec.volumes, undefined, name)
      assert.equal(created.body.spec.containers[0].volumeMounts, undefined, name)
    }
  })

  test('priority comes from the class; an unknown class or a conflicting priority is refused', async () => {
    const critical = await request(server.url, PODS, { method: 'POST', body: pod('critical', { priorityClassName: 'system-node-critical' }) })
    assert.equal(critical.status, 201, critical.text)
    assert.equal(critical.body.spec.priority, 2_000_001_000)
    assert.equal(critical.body.spec.preemptionPolicy, 'PreemptLowerPriority')
    const unknown = await request(server.url, PODS, { method: 'POST', body: pod('unknown', { priorityClassName: 'nope' }) })
    assert.equal(unknown.status, 403)
    assert.equal(unknown.body.message, 'pods "unknown" is forbidden: no PriorityClass with name nope was found')
    const conflicting = await request(server.url, PODS, { method: 'POST', body: pod('conflicting', { priority: 5 }) })
    assert.equal(conflicting.status, 403)
    assert.equal(conflicting.body.message, 'pods "conflicting" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name')
  })

  test('limits make a Guaranteed pod that requests them', async () => {
    const body = pod('sized', { containers: [{ name: 'c', image: 'busybox:1.36', resources: { limits: { cpu: '1', memory: '1Gi' } } }] })
    const created = await request(server.url, PODS, { method: 'POST', body })
    assert.equal(created.status, 201, created.text)
    assert.deepEqual(created.body.spec.containers[0].resources, { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })
    assert.equal(created.body.status.qosClass, 'Guaranteed')
  })
})
