import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'

describe('kubectl against the past', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  const recorded = new Map<string, string[]>()
  const names = (list: { items: { metadata: { name: string }; data?: { v?: string } }[] }) => list.items.map((i) => `${i.metadata.name}=${i.data?.v ?? ''}`)
  const record = async () => {
    const list = JSON.parse(await kubectl.ok(['get', '--raw', '/api/v1/namespaces/demo/configmaps']))
    recorded.set(list.metadata.resourceVersion, names(list))
  }
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'demo' } } })
    const cm = (name: string, v: string) => kubectl.file(`${name}-${v}.json`, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'demo' }, data: { v } }))
    await kubectl.ok(['create', '-f', cm('a', '1')]); await record()
    await kubectl.ok(['create', '-f', cm('b', '1')]); await record()
    await kubectl.ok(['apply', '-f', cm('a', '2')]); await record()
    await kubectl.ok(['-n', 'demo', 'delete', 'configmap', 'b']); await record()
    await kubectl.ok(['create', '-f', cm('c', '1')]); await record()
    await kubectl.ok(['-n', 'demo', 'patch', 'configmap', 'c', '--type=merge', '-p', '{"data":{"v":"2"}}']); await record()
  })
  after(() => server.close())

  test('an Exact list at each recorded revision equals the state recorded then', async () => {
    for (const [revision, expected] of recorded) {
      const raw = await kubectl.ok(['get', '--raw', `/api/v1/namespaces/demo/configmaps?resourceVersion=${revision}&resourceVersionMatch=Exact`])
      assert.deepEqual(names(JSON.parse(raw)), expected, `at revision ${revision}`)
    }
  })

  test('kubectl pointed at the as-of view shows the past and refuses writes', async () => {
    const [withB] = [...recorded].find(([, state]) => state.some((s) => s.startsWith('b='))) ?? []
    const config = join(kubectl.workDir, 'as-of.kubeconfig')
    writeFileSync(config, server.kubeconfig.replace(`server: ${server.url}`, `server: ${server.url}/as-of/${withB}`))
    const past = new Kubectl(config)
    assert.match(await past.ok(['-n', 'demo', 'get', 'configmaps']), /^b\s+1\s+/m, 'the deleted configmap is listed again')
    assert.match(await past.ok(['-n', 'demo', 'get', 'configmap', 'b', '-o', 'yaml']), /v: "1"/)
    const refused = await past.run(['-n', 'demo', 'delete', 'configmap', 'b'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /MethodNotAllowed|read-only/)
  })

  test('after compaction older revisions are 410 Expired and newer ones still work', async () => {
    const revisions = [...recorded.keys()].map(Number)
    const middle = revisions[3]!
    await server.compact(middle)
    const old = await kubectl.run(['get', '--raw', `/api/v1/namespaces/demo/configmaps?resourceVersion=${revisions[0]}&resourceVersionMatch=Exact`])
    assert.equal(old.code, 1)
    assert.match(old.stderr, /Expired|too old resource version/)
    for (const revision of revisions.slice(3)) {
      const raw = await kubectl.ok(['get', '--raw', `/api/v1/namespaces/demo/configmaps?resourceVersion=${revision}&resourceVersionMatch=Exact`])
      assert.deepEqual(names(JSON.parse(raw)), recorded.get(String(revision)))
    }
    const watch = await kubectl.ok(['get', '--raw', `/api/v1/namespaces/demo/configmaps?watch=1&resourceVersion=${revisions[0]}`])
    const event = JSON.parse(watch.trim())
    assert.equal(event.type, 'ERROR')
    assert.equal(event.object.code, 410)
  })
})
