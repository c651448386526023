import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }
const PODS = '/api/v1/namespaces/default/pods'

/** What a kubelet would write: the pod Running and Ready. */
async function markReady(url: string, name: string): Promise<void> {
  const pod = (await request(url, `${PODS}/${name}`)).body
  pod.status = {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
  }
  const updated = await request(url, `${PODS}/${name}/status`, { method: 'PUT', body: pod })
  assert.equal(updated.status, 200, updated.text)
}

const watchersOpen = async (url: string) => Number(/^watchplane_watchers (\d+)$/m.exec((await request(url, '/metrics')).text)?.[1])

/** Resolves once kubectl's watch is open on the server, so the write that follows reaches it live. */
async function watchOpened(url: string, before: number): Promise<void> {
  await eventually(async () => assert.ok((await watchersOpen(url)) > before, 'kubectl is watching'), { timeoutMs: 10_000 })
}

/** Runs `kubectl wait` in the background and resolves with its exit and how long it took. */
function waitInBackground(kubectl: Kubectl, args: string[], env: NodeJS.ProcessEnv = {}) {
  const startedMs = Date.now()
  return kubectl.run(['wait', ...args], { env, timeoutMs: 30_000 }).then((result) => ({ ...result, tookMs: Date.now() - startedMs }))
}

describe('kubectl: describe and wait', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  test('describe pod prints its sections and the Events found by involvedObject field selectors', async () => {
    await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify(POD) })
    const uid = (await request(server.url, `${PODS}/x`)).body.metadata.uid
    assert.match(await kubectl.ok(['describe', 'pod', 'x']), /Events:\s+<none>/)
    const event = {
      metadata: { name: 'x.1' }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'x', uid, apiVersion: 'v1' },
      reason: 'Scheduled', message: 'Successfully assigned default/x to node-1', type: 'Normal', source: { component: 'default-scheduler' },
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), count: 1,
    }
    assert.equal((await request(server.url, '/api/v1/namespaces/default/events', { method: 'POST', body: event })).status, 201)
    const described = await kubectl.ok(['describe', 'pod', 'x'])
    for (const section of [/^Name:\s+x$/m, /^Namespace:\s+default$/m, /^Labels:\s+app=x$/m, /^Status:\s+Pending$/m, /^Containers:\n\s+c:\n\s+Image:\s+nginx:1\.27$/m]) {
      assert.match(described, section)
    }
    assert.match(described, /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n\s+----.*\n\s+Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/x to node-1/)
  })

  test('describe deployment, service, namespace, node and configmap print their familiar sections', async () => {
    await kubectl.ok(['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } }),
    })
    assert.match(await kubectl.ok(['describe', 'deployment', 'web']), /^Name:\s+web\n[\s\S]*^Selector:\s+app=web\n^Replicas:\s+2 desired[\s\S]*^Pod Template:\n[\s\S]*Image:\s+nginx/m)
    assert.match(await kubectl.ok(['describe', 'service', 'kubernetes']), /^Name:\s+kubernetes\n[\s\S]*^Type:\s+ClusterIP\n[\s\S]*^IP:\s+10\.96\.0\.1\n[\s\S]*^Port:\s+https\s+443\/TCP/m)
    assert.match(await kubectl.ok(['describe', 'namespace', 'default']), /^Name:\s+default\nLabels:\s+kubernetes\.io\/metadata\.name=default\n[\s\S]*^Status:\s+Active/m)
    assert.match(await kubectl.ok(['describe', 'configmap', 'kube-root-ca.crt']), /^Name:\s+kube-root-ca\.crt\n[\s\S]*^ca\.crt:\n----\n-----BEGIN CERTIFICATE-----/m)
    await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } } }) })
    assert.match(await kubectl.ok(['describe', 'node', 'node-1']), /^Name:\s+node-1\n[\s\S]*^Labels:\s+kubernetes\.io\/hostname=node-1/m)
  })

  test('wait --for=condition=Ready returns within a second of the status write, and times out with kubectl\'s message', async () => {
    await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify({ ...POD, metadata: { name: 'y' } }) })
    const timedOut = await waitInBackground(kubectl, ['--for=condition=Ready', 'pod/y', '--timeout=2s'])
    assert.equal(timedOut.code, 1)
    assert.equal(timedOut.stderr.trim(), 'error: timed out waiting for the condition on pods/y')
    for (const env of [{}, { KUBE_FEATURE_WatchListClient: 'true' }]) {
      const name = env.KUBE_FEATURE_WatchListClient ? 'z' : 'w'
      await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify({ ...POD, metadata: { name } }) })
      const before = await watchersOpen(server.url)
      const waiting = waitInBackground(kubectl, ['--for=condition=Ready', `pod/${name}`, '--timeout=20s'], env)
      await watchOpened(server.url, before)
      const writtenMs = Date.now()
      await markReady(server.url, name)
      const result = await waiting
      assert.equal(result.code, 0, result.stderr)
      assert.equal(result.stdout.trim(), `pod/${name} condition met`)
      assert.ok(Date.now() - writtenMs < 1500, `returned ${Date.now() - writtenMs} ms after the status write`)
    }
  })

  test('wait --for=delete and --for=jsonpath', async () => {
    await markReady(server.url, 'y')
    assert.equal((await kubectl.ok(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/y', '--timeout=10s'])).trim(), 'pod/y condition met')
    const before = await watchersOpen(server.url)
    const deleting = waitInBackground(kubectl, ['--for=delete', 'pod/y', '--timeout=20s'])
    await watchOpened(server.url, before)
    await request(server.url, `${PODS}/y`, { method: 'DELETE' })
    const result = await deleting
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout.trim(), 'pod/y condition met')
  })
})
