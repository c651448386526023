import assert from 'node:assert/strict'
import { once } from 'node:events'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'

// kubectl as users RBAC judges: `--as` sends kube's impersonation headers, `auth can-i` asks a
// SelfSubjectAccessReview and `auth can-i --list` a SelfSubjectRulesReview. Expected answers are
// kube-apiserver 1.32's for the same bindings (bootstrappolicy/policy.go view and admin; kube's 403
// text from responsewriters/errors.go; escalation text from rbac/validation/rule.go), plus the
// `history` subresource of docs/decisions/0013-authorizing-watchplane-endpoints.md.

const RBAC = 'rbac.authorization.k8s.io'
const binding = (name: string, role: { kind: 'ClusterRole' | 'Role'; name: string }, user: string) => ({
  apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name },
  roleRef: { apiGroup: RBAC, ...role }, subjects: [{ apiGroup: RBAC, kind: 'User', name: user }],
})
const onlyConfigMapApp = {
  apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: 'app-config-reader' },
  rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'], verbs: ['get'] }],
}
const escaped = (cell: string) => cell.replace(/[[\]./*]/g, '\\$&')
/** one row of kubectl's table; a row of non-resource URLs starts with the empty Resources cell */
const row = (...cells: string[]) => new RegExp(String.raw`^ *${cells.map(escaped).join(String.raw`\s+`)}\s*$`, 'm')

describe('kubectl auth can-i and --as: RBAC on every request', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  const post = async (path: string, body: object) => assert.equal((await request(server.url, path, { method: 'POST', body })).status, 201)
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    const bindings = `/apis/${RBAC}/v1/namespaces/default/rolebindings`
    await post(bindings, binding('jane-view', { kind: 'ClusterRole', name: 'view' }, 'jane'))
    await post(bindings, binding('amy-admin', { kind: 'ClusterRole', name: 'admin' }, 'amy'))
    await post(`/apis/${RBAC}/v1/namespaces/default/roles`, onlyConfigMapApp)
    await post(bindings, binding('bob-app', { kind: 'Role', name: 'app-config-reader' }, 'bob'))
  })
  after(() => server.close())

  const canI = async (...args: string[]) => {
    const result = await kubectl.run(['auth', 'can-i', ...args])
    return `${result.stdout.trim()} ${result.code}`
  }

  test('can-i answers yes (exit 0) or no (exit 1) as view and a resourceNames role grant', async () => {
    assert.equal(await canI('list', 'pods', '--as', 'jane'), 'yes 0')
    assert.equal(await canI('watch', 'deployments.apps', '--as', 'jane'), 'yes 0')
    assert.equal(await canI('get', 'deployments.apps', '--subresource=scale', '--as', 'jane'), 'yes 0')
    assert.equal(await canI('update', 'deployments.apps', '--subresource=scale', '--as', 'jane'), 'no 1')
    assert.equal(await canI('get', 'secrets', '--as', 'jane'), 'no 1')
    assert.equal(await canI('list', 'pods', '-n', 'kube-system', '--as', 'jane'), 'no 1')
    assert.equal(await canI('get', 'pods', '--subresource=history', '--as', 'jane'), 'yes 0')
    assert.equal(await canI('get', 'secrets', '--subresource=history', '--as', 'jane'), 'no 1')
    assert.equal(await canI('get', 'secrets', '--subresource=history', '--as', 'amy'), 'yes 0')
    assert.equal(await canI('get', 'configmaps/app', '--as', 'bob'), 'yes 0')
    assert.equal(await canI('get', 'configmaps/other', '--as', 'bob'), 'no 1')
    assert.equal(await canI('get', '/version', '--as', 'jane'), 'yes 0')
    assert.equal(await canI('get', '/metrics', '--as', 'jane'), 'no 1')
  })

  test('can-i --list prints the rules of the namespace, history included, secrets not', async () => {
    const list = await kubectl.ok(['auth', 'can-i', '--list', '--as', 'jane'])
    assert.match(list, row('Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'))
    assert.match(list, row('selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]'))
    assert.match(list, row('pods', '[]', '[]', '[get list watch]'))
    assert.match(list, row('pods/history', '[]', '[]', '[get list watch]'))
    assert.match(list, row('deployments.apps/scale', '[]', '[]', '[get list watch]'))
    assert.match(list, row('[/api]', '[]', '[get]'))
    assert.doesNotMatch(list, /^secrets/m)
    const elsewhere = await kubectl.ok(['auth', 'can-i', '--list', '--as', 'jane', '-n', 'kube-system'])
    assert.doesNotMatch(elsewhere, /^pods/m)
    const bob = await kubectl.ok(['auth', 'can-i', '--list', '--as', 'bob'])
    assert.match(bob, row('configmaps', '[]', '[app]', '[get]'))
  })

  test('a denied request gets kube\'s 403; an allowed one is served', async () => {
    assert.equal(await kubectl.ok(['get', 'pods', '--as', 'jane']), '')
    const secrets = await kubectl.run(['get', 'secrets', '--as', 'jane'])
    assert.equal(secrets.code, 1)
    assert.equal(secrets.stderr.trim(), 'Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"')
    const everywhere = await kubectl.run(['get', 'pods', '-A', '--as', 'jane'])
    assert.equal(everywhere.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope')
    const create = await kubectl.run(['create', 'configmap', 'x', '--as', 'jane'])
    assert.equal(create.stderr.trim(), 'error: failed to create configmap: configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "default"')
  })

  test('escalation: an admin of the namespace cannot bind cluster-admin', async () => {
    const bind = await kubectl.run(['create', 'rolebinding', 'eve-root', '--clusterrole=cluster-admin', '--user=eve', '--as', 'amy'])
    assert.equal(bind.code, 1)
    assert.match(bind.stderr, /rolebindings\.rbac\.authorization\.k8s\.io "eve-root" is forbidden: user "amy" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:/)
    assert.equal((await kubectl.run(['create', 'rolebinding', 'eve-view', '--clusterrole=view', '--user=eve', '--as', 'amy'])).code, 0)
  })

  test('a watch whose binding is deleted ends with the 403', async () => {
    const watch = kubectl.background(['get', 'configmaps', '-w', '--as', 'jane'])
    try {
      const exited = once(watch.child, 'exit')
      await eventually(() => assert.match(watch.output(), /kube-root-ca\.crt/), { timeoutMs: 10_000 })
      const deleted = await request(server.url, `/apis/${RBAC}/v1/namespaces/default/rolebindings/jane-view`, { method: 'DELETE' })
      assert.equal(deleted.status, 200)
      // The stream ends: kubectl 1.32 prints the ERROR event's Status as a table row, then exits (0) as the watch closed.
      await exited
      assert.match(watch.output(), row('Failure', 'Forbidden', 'configmaps is forbidden: User "jane" cannot watch resource "configmaps" in API group "" in the namespace "default"'))
    } finally {
      watch.child.kill()
    }
  })
})
