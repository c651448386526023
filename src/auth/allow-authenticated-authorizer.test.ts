import assert from 'node:assert/strict'
import { test } from 'node:test'
import { allowAuthenticatedAuthorizer } from './allow-authenticated-authorizer.js'

const anonymous = { name: 'system:anonymous', groups: ['system:unauthenticated'] }
const nonResource = (path: string, verb = 'get') => ({ user: anonymous, verb, isResourceRequest: false, path })

test('until RBAC: masters and every authenticated user may do anything', () => {
  for (const groups of [['system:masters'], ['devs', 'system:authenticated']]) {
    assert.ok(allowAuthenticatedAuthorizer.authorize({ user: { name: 'u', groups }, verb: 'delete', isResourceRequest: true, resource: 'secrets', namespace: 'kube-system' }).allowed)
  }
})

test("anonymous may get only system:public-info-viewer's paths and the UI's files", () => {
  for (const path of ['/version', '/healthz', '/livez', '/readyz', '/ui/', '/ui/main.js']) assert.ok(allowAuthenticatedAuthorizer.authorize(nonResource(path)).allowed, path)
  for (const path of ['/metrics', '/api', '/watchplane/v1/changes', '/healthz/etcd']) assert.ok(!allowAuthenticatedAuthorizer.authorize(nonResource(path)).allowed, path)
  assert.ok(!allowAuthenticatedAuthorizer.authorize(nonResource('/version', 'post')).allowed)
  assert.ok(!allowAuthenticatedAuthorizer.authorize({ user: anonymous, verb: 'list', isResourceRequest: true, resource: 'pods', namespace: 'default' }).allowed)
})
