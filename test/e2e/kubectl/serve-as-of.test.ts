import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { test } from 'node:test'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

test('watchplane serve --as-of shows kubectl the whole API as it was, read-only', { ...kubectlAvailability() }, async () => {
  const dataDir = tempDataDir()
  try {
    let server = await startServer({ dataDir })
    await request(server.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'then' } } })
    const revision = server.currentRevision()
    await request(server.url, '/api/v1/namespaces/default/configmaps/then', { method: 'DELETE' })
    await request(server.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'now' } } })
    const lastRevision = server.currentRevision()
    await server.close()

    // Retention that would compact everything but the newest revision within milliseconds: a
    // server showing the past must not run it (nor seed or finalize anything).
    server = await startServer({ dataDir, asOf: String(revision), historyRetention: '0', historyRevisions: 1, compactionIntervalMs: 10 })
    const kubectl = new Kubectl(server.kubeconfigPath!)
    const names = await kubectl.ok(['get', 'configmaps', '-o', 'name', '--field-selector', 'metadata.name!=kube-root-ca.crt'])
    assert.equal(names.trim(), 'configmap/then')
    const refused = await kubectl.run(['delete', 'configmap', 'then'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /read-only/)
    await server.close()
    // The past was only read: nothing seeded, nothing compacted, no revision added.
    server = await startServer({ dataDir, historyRetention: '0' })
    assert.equal(server.currentRevision(), lastRevision)
    // kube-root-ca.crt, which the controller made at the first start, is left out as above.
    const then = await request(server.url, `/api/v1/namespaces/default/configmaps?resourceVersion=${revision}&resourceVersionMatch=Exact&fieldSelector=metadata.name!%3Dkube-root-ca.crt`)
    assert.deepEqual(then.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['then'])
    await server.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
