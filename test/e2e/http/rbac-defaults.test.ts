import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

// The default roles and bindings a started server holds, and ClusterRole aggregation, over HTTP
// (kube: bootstrappolicy/policy.go, the bootstrap-roles post-start hook, the
// clusterroleaggregation controller).

const RBAC = '/apis/rbac.authorization.k8s.io/v1'
const rulesOf = async (url: string, name: string) => (await request(url, `${RBAC}/clusterroles/${name}`)).body.rules ?? []
const hasRule = (rules: any[], resource: string) => rules.some((r) => r.resources?.includes(resource))

describe('default RBAC policy and aggregation', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())

  test('kube\'s user-facing roles and bindings exist, labelled and annotated as kube labels them', async () => {
    const roles = (await request(server.url, `${RBAC}/clusterroles`)).body.items.map((i: any) => i.metadata.name)
    for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:discovery', 'system:basic-user', 'system:public-info-viewer', 'system:aggregate-to-view']) assert.ok(roles.includes(name), name)
    const admin = (await request(server.url, `${RBAC}/clusterrolebindings/cluster-admin`)).body
    assert.deepEqual(admin.subjects, [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }])
    assert.equal(admin.metadata.labels['kubernetes.io/bootstrapping'], 'rbac-defaults')
    assert.equal(admin.metadata.annotations['rbac.authorization.kubernetes.io/autoupdate'], 'true')
  })

  test('admin ⊇ edit ⊇ view, each filled by the aggregation controller: view reads pods, not secrets', async () => {
    const [view, edit, admin] = await Promise.all(['view', 'edit', 'admin'].map((n) => rulesOf(server.url, n)))
    assert.ok(hasRule(view, 'pods') && !hasRule(view, 'secrets'))
    assert.ok(hasRule(edit, 'secrets') && !hasRule(edit, 'roles'))
    assert.ok(hasRule(admin, 'roles') && hasRule(admin, 'secrets') && hasRule(admin, 'pods'))
    const contains = (outer: any[], inner: any[]) => inner.every((r) => outer.some((o) => JSON.stringify(o) === JSON.stringify(r)))
    assert.ok(contains(edit, view) && contains(admin, edit))
    const managers = (await request(server.url, `${RBAC}/clusterroles/view`)).body.metadata.managedFields.map((m: any) => m.manager)
    assert.ok(managers.includes('clusterrole-aggregation-controller'))
  })

  test('a role labelled to aggregate into view reaches view, edit and admin; relabelled or deleted, it leaves them', async () => {
    const rule = { verbs: ['get', 'list', 'watch'], apiGroups: ['example.com'], resources: ['widgets'] }
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'widget-viewer', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [rule] }
    assert.equal((await request(server.url, `${RBAC}/clusterroles`, { method: 'POST', body: role })).status, 201)
    await eventually(async () => {
      for (const name of ['view', 'edit', 'admin']) assert.ok(hasRule(await rulesOf(server.url, name), 'widgets'), name)
    })
    const relabel = { metadata: { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': null, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } } }
    await request(server.url, `${RBAC}/clusterroles/widget-viewer`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: relabel })
    await eventually(async () => {
      assert.ok(!hasRule(await rulesOf(server.url, 'view'), 'widgets'))
      assert.ok(hasRule(await rulesOf(server.url, 'admin'), 'widgets'))
    })
    await request(server.url, `${RBAC}/clusterroles/widget-viewer`, { method: 'DELETE' })
    await eventually(async () => {
      for (const name of ['view', 'edit', 'admin']) assert.ok(!hasRule(await rulesOf(server.url, name), 'widgets'), name)
    })
  })

  test('rules written by hand into an aggregated role are put back as the aggregation says', async () => {
    const patch = { rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] }
    await request(server.url, `${RBAC}/clusterroles/view`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: patch })
    await eventually(async () => assert.ok(hasRule(await rulesOf(server.url, 'view'), 'pods') && !hasRule(await rulesOf(server.url, 'view'), '*')))
  })
})

describe('default RBAC policy across restarts', () => {
  test('a deleted default comes back; one annotated autoupdate=false keeps its changes', async () => {
    const dataDir = tempDataDir()
    let server = await startServer({ dataDir })
    try {
      await request(server.url, `${RBAC}/clusterroles/system:public-info-viewer`, { method: 'DELETE' })
      const keep = { metadata: { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }, rules: [{ verbs: ['get'], nonResourceURLs: ['/version'] }] }
      await request(server.url, `${RBAC}/clusterroles/system:discovery`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: keep })
      await server.close()
      server = await startServer({ dataDir })
      assert.equal((await request(server.url, `${RBAC}/clusterroles/system:public-info-viewer`)).status, 200)
      assert.deepEqual(await rulesOf(server.url, 'system:discovery'), [{ verbs: ['get'], nonResourceURLs: ['/version'] }])
    } finally {
      await server.close()
    }
  })
})
