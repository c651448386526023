import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseRequestInfo } from '../api/request-info.js'
import { forbiddenError } from './forbidden-error.js'
import { requestAttributes } from './request-attributes.js'

// The 403s kube-apiserver writes (responsewriters/errors.go Forbidden + apimachinery NewForbidden),
// for requests read as its requestinfo.go reads them.

const jane = { name: 'jane', groups: ['system:authenticated'] }
/** jane's request, read from its method and URL as the door reads it */
const asked = (method: string, url: string) => {
  const parsed = new URL(url, 'https://localhost')
  return requestAttributes(jane, parseRequestInfo(method, parsed.pathname, parsed.searchParams))
}

describe('forbiddenError: kube\'s 403 for each kind of request', () => {
  const cases = [
    {
      name: 'a named object in a namespace',
      attributes: asked('GET', '/api/v1/namespaces/default/pods/x'),
      message: 'pods "x" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"',
      details: { name: 'x', kind: 'pods' },
    },
    {
      name: 'a list at the cluster scope, in a group',
      attributes: asked('GET', '/apis/apps/v1/deployments'),
      message: 'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" at the cluster scope',
      details: { group: 'apps', kind: 'deployments' },
    },
    {
      name: 'a subresource',
      attributes: asked('PUT', '/apis/apps/v1/namespaces/team/deployments/web/scale'),
      message: 'deployments.apps "web" is forbidden: User "jane" cannot update resource "deployments/scale" in API group "apps" in the namespace "team"',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    },
    {
      name: 'a non-resource URL',
      attributes: asked('GET', '/metrics'),
      message: 'forbidden: User "jane" cannot get path "/metrics"',
      details: {},
    },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const status = forbiddenError(c.attributes, '').toStatus()
      assert.equal(status.code, 403)
      assert.equal(status.reason, 'Forbidden')
      assert.equal(status.message, c.message)
      assert.deepEqual(status.details, c.details)
    })
  }

  test('the authorizer\'s reason follows a colon', () => {
    const attributes = asked('GET', '/api/v1/namespaces/default/pods')
    assert.equal(forbiddenError(attributes, 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found').message,
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found')
  })
})

describe('requestAttributes: the request as kube\'s requestinfo.go reads it', () => {
  test('a Namespace\'s own URL is in that namespace', () => {
    const attributes = asked('GET', '/api/v1/namespaces/team')
    assert.equal(attributes.namespace, 'team')
    assert.equal(attributes.name, 'team')
    assert.equal(asked('GET', '/api/v1/namespaces').namespace, '')
  })

  test('a list or watch narrowed to one name by fieldSelector names it', () => {
    const watch = asked('GET', `/api/v1/namespaces/ns/pods?watch=1&fieldSelector=${encodeURIComponent('status.phase=Running,metadata.name=web-1')}`)
    assert.equal(watch.name, 'web-1')
    for (const fieldSelector of ['metadata.name!=x', 'metadata.name=a/b', 'metadata.name=..', 'bad selector=']) {
      assert.equal(asked('GET', `/api/v1/pods?fieldSelector=${encodeURIComponent(fieldSelector)}`).name, undefined, fieldSelector)
    }
  })

  test('non-resource requests carry the lowercased method as their verb', () => {
    assert.deepEqual(asked('POST', '/x'), { user: jane, verb: 'post', isResourceRequest: false, path: '/x' })
  })
})
