import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseResourcePath } from '../../api/request-info.js'
import { rule } from '../../auth/rbac/policy-rule.js'
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.js'
import { clusterRole, clusterRoleBinding, indexOf, role, roleBinding } from '../../auth/rbac/rbac-objects.fixture.js'
import { WatchAuthorization } from '../../auth/watch-authorization.js'
import { authorizeRequest } from './request-authorization.js'

// What one request is judged as, over a real RBAC index: kube's RequestInfo readings
// (k8s: staging/apiserver/pkg/endpoints/request/requestinfo.go) and ADR 0013's history subresource.

const jane = { name: 'jane', groups: ['system:authenticated'] }
const authorizer = new RbacAuthorizer(indexOf([
  clusterRole('pod-reader', [rule(['get', 'list', 'watch'], { apiGroups: [''], resources: ['pods'] })]),
  clusterRole('pod-history', [rule(['list'], { apiGroups: [''], resources: ['pods/history'] })]),
  clusterRole('version', [rule(['get'], { nonResourceURLs: ['/version'] })]),
  role('team', 'one-map', [rule(['list', 'watch'], { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] })]),
  roleBinding('team', 'jane-pods', 'ClusterRole:pod-reader', ['User:jane']),
  roleBinding('team', 'jane-history', 'ClusterRole:pod-history', ['User:jane']),
  roleBinding('team', 'jane-map', 'Role:one-map', ['User:jane']),
  // A non-resource request has no namespace, so only ClusterRoleBindings grant it (k8s: pkg/registry/rbac/validation/rule.go VisitRulesFor).
  clusterRoleBinding('jane-version', 'version', ['User:jane']),
]))
const deps = { authorizer, watches: new WatchAuthorization(authorizer, (error) => assert.fail(String(error))) }

function judge(method: string, path: string, isAsOf = false) {
  const url = new URL(path, 'http://localhost')
  return authorizeRequest(deps, { user: jane, method, url, info: parseResourcePath(method, url.pathname, url.searchParams), isAsOf })
}
const refusal = (method: string, path: string, isAsOf = false) => {
  try {
    judge(method, path, isAsOf)
  } catch (error) {
    return (error as Error).message
  }
  return 'allowed'
}

describe('authorizeRequest: one decision per request, before its handler', () => {
  test('a resource request is judged in its namespace; kube\'s 403 elsewhere', () => {
    assert.equal(judge('GET', '/api/v1/namespaces/team/pods/p'), undefined)
    assert.equal(refusal('GET', '/api/v1/namespaces/other/pods/p'), 'pods "p" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "other"')
    assert.equal(refusal('DELETE', '/api/v1/namespaces/team/pods/p'), 'pods "p" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "team"')
  })

  test('a list or watch narrowed to one name is judged by resourceNames', () => {
    assert.equal(refusal('GET', '/api/v1/namespaces/team/configmaps?fieldSelector=metadata.name%3Dapp'), 'allowed')
    assert.equal(refusal('GET', '/api/v1/namespaces/team/configmaps'), 'configmaps is forbidden: User "jane" cannot list resource "configmaps" in API group "" in the namespace "team"')
  })

  test('inside the as-of view a read is of the history subresource', () => {
    assert.equal(refusal('GET', '/api/v1/namespaces/team/pods', true), 'allowed')
    assert.equal(refusal('GET', '/api/v1/namespaces/team/pods/p', true), 'pods "p" is forbidden: User "jane" cannot get resource "pods/history" in API group "" in the namespace "team"')
  })

  test('anything else is a non-resource URL', () => {
    assert.equal(refusal('GET', '/version'), 'allowed')
    assert.equal(refusal('GET', '/metrics'), 'forbidden: User "jane" cannot get path "/metrics"')
  })

  test('a watch is returned a way to follow it; other verbs nothing', () => {
    const follow = judge('GET', '/api/v1/namespaces/team/pods?watch=1')
    assert.equal(typeof follow, 'function')
    const release = follow!(() => assert.fail('not revoked'))
    assert.equal(deps.watches.size, 1)
    release()
    assert.equal(deps.watches.size, 0)
    assert.equal(judge('GET', '/api/v1/namespaces/team/pods'), undefined)
  })
})
