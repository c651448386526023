import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { test } from 'node:test'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

test('after a restart on the same data dir every object is there, revisions continue, and a watch resumes exactly', async () => {
  const dataDir = tempDataDir()
  try {
    let server = await startServer({ dataDir })
    const names = ['a', 'b', 'c']
    for (const name of names) {
      const r = await request(server.url, '/api/v1/namespaces/default/secrets', { method: 'POST', body: { metadata: { name }, data: { v: '1' } } })
      assert.equal(r.status, 201)
    }
    const before = await request(server.url, '/api/v1/namespaces/default/secrets')
    const resumeFrom = before.body.items[0].metadata.resourceVersion
    await server.close()

    server = await startServer({ dataDir })
    const after = await request(server.url, '/api/v1/namespaces/default/secrets')
    assert.deepEqual(after.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), names)
    assert.equal(after.body.metadata.resourceVersion, before.body.metadata.resourceVersion)
    const next = await request(server.url, '/api/v1/namespaces/default/secrets', { method: 'POST', body: { metadata: { name: 'd' } } })
    assert.ok(Number(next.body.metadata.resourceVersion) > Number(before.body.metadata.resourceVersion), 'revisions continue')
    const watch = await request(server.url, `/api/v1/namespaces/default/secrets?watch=1&resourceVersion=${resumeFrom}&timeoutSeconds=1`)
    const events = watch.text.trim().split('\n').map((line) => JSON.parse(line))
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED b', 'ADDED c', 'ADDED d'])
    await server.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
