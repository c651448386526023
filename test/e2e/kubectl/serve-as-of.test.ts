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
    await server.close()

    server = await startServer({ dataDir, asOf: String(revision) })
    const kubectl = new Kubectl(server.kubeconfigPath!)
    const names = await kubectl.ok(['get', 'configmaps', '-o', 'name', '--field-selector', 'metadata.name!=kube-root-ca.crt'])
    assert.equal(names.trim(), 'configmap/then')
    const refused = await kubectl.run(['delete', 'configmap', 'then'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /read-only/)
    await server.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
