import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'

describe('kubectl: watching', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'demo' } } })
  })
  after(() => server.close())

  test('get -w --output-watch-events prints ADDED, MODIFIED and DELETED rows in commit order', async () => {
    await kubectl.ok(['-n', 'demo', 'run', 'w0', '--image', 'busybox'])
    const watch = kubectl.background(['-n', 'demo', 'get', 'pods', '-w', '--output-watch-events'])
    try {
      await eventually(() => assert.match(watch.output(), /ADDED\s+w0/), { timeoutMs: 10_000 })
      await kubectl.ok(['-n', 'demo', 'run', 'w1', '--image', 'busybox'])
      await eventually(() => assert.match(watch.output(), /ADDED\s+w1/), { timeoutMs: 10_000 })
      await kubectl.ok(['-n', 'demo', 'label', 'pod', 'w1', 'tier=web'])
      await eventually(() => assert.match(watch.output(), /MODIFIED\s+w1/), { timeoutMs: 10_000 })
      await kubectl.ok(['-n', 'demo', 'delete', 'pod', 'w1'])
      await eventually(() => assert.match(watch.output(), /DELETED\s+w1/), { timeoutMs: 10_000 })
      const events = [...watch.output().matchAll(/^(ADDED|MODIFIED|DELETED)\s+w1/gm)].map((m) => m[1])
      assert.equal(events[0], 'ADDED')
      assert.equal(events.at(-1), 'DELETED')
      assert.ok(events.includes('MODIFIED'))
      assert.equal(watch.child.exitCode, null, 'the watch is still running')
    } finally {
      watch.child.kill()
    }
  })

  test('get --raw streams the history after a resourceVersion and ends on timeoutSeconds', async () => {
    const list = JSON.parse(await kubectl.ok(['get', '--raw', '/api/v1/namespaces/demo/pods']))
    const from = list.metadata.resourceVersion
    await kubectl.ok(['-n', 'demo', 'run', 'r1', '--image', 'busybox'])
    await kubectl.ok(['-n', 'demo', 'annotate', 'pod', 'r1', 'note=hi'])
    await kubectl.ok(['-n', 'demo', 'delete', 'pod', 'r1', '--wait=false'])
    const startedMs = Date.now()
    const raw = await kubectl.ok(['get', '--raw', `/api/v1/namespaces/demo/pods?watch=1&resourceVersion=${from}&timeoutSeconds=2`])
    assert.ok(Date.now() - startedMs >= 1900, 'the stream stays open until the timeout')
    const events = raw.trim().split('\n').map((line) => JSON.parse(line))
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED r1', 'MODIFIED r1', 'DELETED r1'])
    const revisions = events.map((e) => Number(e.object.metadata.resourceVersion))
    assert.ok(revisions.every((r, i) => i === 0 || r > revisions[i - 1]!), 'revisions increase')
  })
})
