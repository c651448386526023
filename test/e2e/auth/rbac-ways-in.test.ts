import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { bindUsers } from '../../support/bind-users.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'
import { openChunkedWatch, type ChunkedWatch } from '../watch/chunked-watch.js'
import { openSocket, type OpenSocket } from '../websocket/ws-client.js'

// RBAC judged the same whichever way a request comes in: REST, the chunked watch, the kube
// WebSocket watch and a multiplexed subscription, for users bound (in namespace `team`) to kube's
// view and edit and to a custom Role, as kube-apiserver judges them (its bootstrap roles:
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go). Users are reached by impersonation.

const NS = 'team'
const ORIGIN = 'http://localhost'
const RBAC = '/apis/rbac.authorization.k8s.io/v1'
type Verdict = 'allowed' | 'denied'

// user → resource → whether get, list and watch are allowed in `team`
const READS: Record<string, Record<string, Verdict>> = {
  viewer: { pods: 'allowed', configmaps: 'allowed', secrets: 'denied' },
  editor: { pods: 'allowed', configmaps: 'allowed', secrets: 'allowed' },
  custom: { pods: 'denied', configmaps: 'allowed', secrets: 'denied' },
}

const asUser = (user: string) => ({ 'impersonate-user': user })

describe('RBAC for every way in', { skip: kubectlAvailability().skip }, () => {
  let server: RunningWatchplane
  const watches: ChunkedWatch[] = []
  const sockets: OpenSocket[] = []

  before(async () => {
    server = await startServer()
    const post = async (path: string, body: unknown) => {
      const answer = await request(server, path, { method: 'POST', body })
      assert.equal(answer.status, 201, `${path}: ${answer.text}`)
    }
    await post('/api/v1/namespaces', { metadata: { name: NS } })
    await post(`/api/v1/namespaces/${NS}/configmaps`, { metadata: { name: 'settings' }, data: { a: '1' } })
    await post(`${RBAC}/namespaces/${NS}/roles`, { metadata: { name: 'configmap-reader', namespace: NS }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }] })
    await bindUsers(server, { name: 'viewer', namespace: NS, role: { kind: 'ClusterRole', name: 'view' }, users: ['viewer'] })
    await bindUsers(server, { name: 'editor', namespace: NS, role: { kind: 'ClusterRole', name: 'edit' }, users: ['editor'] })
    await bindUsers(server, { name: 'custom', namespace: NS, role: { kind: 'Role', name: 'configmap-reader' }, users: ['custom'] })
  })
  after(async () => {
    for (const watch of watches) watch.close()
    for (const socket of sockets) socket.ws.terminate()
    await server.close()
  })

  const verdictOf = (status: number): Verdict => {
    assert.ok(status === 200 || status === 403, `status ${status}`)
    return status === 200 ? 'allowed' : 'denied'
  }

  test('REST list and get, and the chunked watch', async () => {
    for (const [user, reads] of Object.entries(READS)) {
      for (const [resource, expected] of Object.entries(reads)) {
        const list = await request(server, `/api/v1/namespaces/${NS}/${resource}`, { headers: asUser(user) })
        assert.equal(verdictOf(list.status), expected, `${user} list ${resource}: ${list.text.slice(0, 200)}`)
        if (list.status === 403) assert.match(list.body.message, new RegExp(`User "${user}" cannot list resource "${resource}" in API group "" in the namespace "${NS}"`))
        const watch = await openChunkedWatch(server.url, `/api/v1/namespaces/${NS}/${resource}?watch=1`, { headers: asUser(user) })
        watches.push(watch)
        assert.equal(verdictOf(watch.status), expected, `${user} watch ${resource}`)
      }
      const elsewhere = await request(server, '/api/v1/namespaces/default/configmaps', { headers: asUser(user) })
      assert.equal(elsewhere.status, 403, `${user} has nothing in default`)
    }
  })

  test('writes, subresources and the history API', async () => {
    const cases: [string, string, string, number][] = [
      ['viewer', 'DELETE', `/api/v1/namespaces/${NS}/configmaps/settings`, 403],
      ['custom', 'DELETE', `/api/v1/namespaces/${NS}/configmaps/settings`, 403],
      ['viewer', 'GET', `/watchplane/v1/history/core/v1/configmaps/${NS}/settings`, 200],
      ['custom', 'GET', `/watchplane/v1/history/core/v1/configmaps/${NS}/settings`, 403],
      ['editor', 'GET', `/watchplane/v1/history/core/v1/secrets/${NS}/none`, 403],
      ['viewer', 'GET', `/apis/apps/v1/namespaces/${NS}/deployments/none/scale`, 404],
      ['custom', 'GET', `/apis/apps/v1/namespaces/${NS}/deployments/none/scale`, 403],
    ]
    for (const [user, method, path, status] of cases) {
      const answer = await request(server, path, { method, headers: asUser(user) })
      assert.equal(answer.status, status, `${user} ${method} ${path}: ${answer.text.slice(0, 200)}`)
    }
    const deleted = await request(server, `/api/v1/namespaces/${NS}/configmaps/settings`, { method: 'DELETE', headers: asUser('editor') })
    assert.equal(deleted.status, 200, deleted.text)
  })

  test('the kube WebSocket watch and a multiplexed subscription', async () => {
    for (const [user, reads] of Object.entries(READS)) {
      for (const [resource, expected] of Object.entries(reads)) {
        const socket = await openSocket(server.url, `/api/v1/namespaces/${NS}/${resource}?watch=1`, { origin: ORIGIN, headers: asUser(user) })
        if (socket.isOpen) sockets.push(socket)
        assert.equal(socket.isOpen ? 'allowed' : 'denied', expected, `${user} WebSocket watch ${resource}`)
        if (!socket.isOpen) assert.equal(socket.status, 403)
      }
      const mux = await openSocket(server.url, '/watchplane/v1/multiplex', { origin: ORIGIN, protocols: ['watchplane.multiplex.v1'], headers: asUser(user) })
      assert.ok(mux.isOpen, `${user} opens the multiplexed socket`)
      sockets.push(mux)
      // with the initial events, an allowed subscription always answers: at least their closing BOOKMARK
      for (const resource of Object.keys(reads)) mux.ws.send(JSON.stringify({ type: 'subscribe', id: resource, version: 'v1', resource, namespace: NS, sendInitialEvents: true, allowWatchBookmarks: true }))
      const replies = () => mux.messages.map((m) => JSON.parse(m.text) as { id: string; type: string; object?: { code?: number } })
      for (const [resource, expected] of Object.entries(reads)) {
        await eventually(() => {
          const refused = replies().some((r) => r.id === resource && r.type === 'ERROR' && r.object?.code === 403)
          const started = replies().some((r) => r.id === resource && r.type !== 'ERROR' && r.type !== 'CLOSED')
          assert.equal(refused ? 'denied' : started ? 'allowed' : 'pending', expected, `${user} subscription ${resource}`)
        })
      }
    }
  })

  test('kubectl auth can-i --list agrees', async () => {
    const kubectl = new Kubectl(server.kubeconfigPath!)
    const rules = await kubectl.ok(['auth', 'can-i', '--list', '-n', NS, '--as=custom'])
    assert.match(rules, /^configmaps\s+\[\]\s+\[\]\s+\[get list watch\]$/m)
    assert.doesNotMatch(rules, /^pods\s/m)
    for (const [user, reads] of Object.entries(READS)) {
      for (const [resource, expected] of Object.entries(reads)) {
        const answer = await kubectl.run(['auth', 'can-i', 'watch', resource, '-n', NS, `--as=${user}`])
        assert.equal(answer.stdout.trim(), expected === 'allowed' ? 'yes' : 'no', `can-i watch ${resource} as ${user}`)
      }
    }
  })
})
