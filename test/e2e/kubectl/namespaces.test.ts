import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'

const namesOf = (list: { items: { metadata: { name: string } }[] }) => list.items.map((i) => i.metadata.name).sort()

describe('kubectl: the namespace lifecycle as kube-apiserver has it', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  test('default, kube-system and kube-public may not be deleted (403)', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const result = await kubectl.run(['delete', 'namespace', name])
      assert.equal(result.code, 1)
      assert.equal(result.stderr.trim(), `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`)
    }
    const left = await request(server.url, '/api/v1/namespaces')
    assert.deepEqual(namesOf(left.body), ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
  })

  test('namespaces have no deletecollection: DELETE on the collection is 405 and deletes nothing', async () => {
    const before = await request(server.url, '/api/v1/namespaces')
    const refused = await request(server.url, '/api/v1/namespaces', { method: 'DELETE' })
    assert.equal(refused.status, 405)
    assert.equal(refused.body.reason, 'MethodNotAllowed')
    assert.deepEqual(namesOf((await request(server.url, '/api/v1/namespaces')).body), namesOf(before.body))
    const discovery = await request(server.url, '/api/v1')
    const entry = discovery.body.resources.find((r: { name: string }) => r.name === 'namespaces')
    assert.deepEqual(entry.verbs, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'])
  })
})
