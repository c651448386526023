import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer } from '../../support/start-server.js'

// authorization.k8s.io/v1 over HTTP: create-only kinds answered by the authorizer over the
// server's real roles and bindings, stored nowhere (k8s: pkg/registry/authorization/*/rest.go).
// SelfSubject* reviews need the requesting user, which authentication will supply (#9); until
// then they answer kube's 400 for a request without one.

const GROUP_PATH = '/apis/authorization.k8s.io/v1'
const sar = (spec: object) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec })

describe('access reviews: answered by RBAC, never stored', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'jane-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
    }
    assert.equal((await request(server.url, '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', { method: 'POST', body: binding })).status, 201)
  })
  after(() => server.close())

  test('SubjectAccessReview: kube\'s answer for a view user, echoing the spec, 201', async () => {
    const spec = { user: 'jane', groups: ['system:authenticated'], resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } }
    const answer = await request(server.url, `${GROUP_PATH}/subjectaccessreviews`, { method: 'POST', body: sar(spec) })
    assert.equal(answer.status, 201, answer.text)
    assert.deepEqual(answer.body, {
      kind: 'SubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec,
      status: { allowed: true, reason: 'RBAC: allowed by RoleBinding "jane-view/default" of ClusterRole "view" to User "jane"' },
    })
  })

  test('SubjectAccessReview: view cannot read secrets, nor anything in another namespace; system:masters can do anything', async () => {
    const ask = async (spec: object) => (await request(server.url, `${GROUP_PATH}/subjectaccessreviews`, { method: 'POST', body: sar(spec) })).body.status
    assert.deepEqual(await ask({ user: 'jane', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'secrets', name: 's' } }), { allowed: false })
    assert.deepEqual(await ask({ user: 'jane', resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods' } }), { allowed: false })
    assert.deepEqual(await ask({ user: 'root', groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } }), { allowed: true })
    assert.deepEqual(await ask({ user: 'anyone', groups: ['system:authenticated'], nonResourceAttributes: { verb: 'get', path: '/version' } }),
      { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' })
  })

  test('LocalSubjectAccessReview: in its namespace only, with kube\'s 422 otherwise', async () => {
    const local = (spec: object) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', spec })
    const path = `${GROUP_PATH}/namespaces/default/localsubjectaccessreviews`
    const allowed = await request(server.url, path, { method: 'POST', body: local({ user: 'jane', resourceAttributes: { namespace: 'default', verb: 'watch', resource: 'configmaps' } }) })
    assert.equal(allowed.status, 201, allowed.text)
    assert.equal(allowed.body.metadata.namespace, 'default')
    assert.equal(allowed.body.status.allowed, true)
    const elsewhere = await request(server.url, path, { method: 'POST', body: local({ user: 'jane', resourceAttributes: { namespace: 'other', verb: 'get', resource: 'pods' } }) })
    assert.equal(elsewhere.status, 422)
    assert.equal(elsewhere.body.message, 'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "other": must match metadata.namespace')
  })

  test('validation answers kube\'s 422: exactly one kind of attributes, and someone to ask about', async () => {
    const answer = await request(server.url, `${GROUP_PATH}/subjectaccessreviews`, { method: 'POST', body: sar({}) })
    assert.equal(answer.status, 422)
    assert.equal(answer.body.message, 'SubjectAccessReview.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]')
  })

  test('the SelfSubject reviews answer for the requester: the admin certificate is in system:masters', async () => {
    const access = await request(server.url, `${GROUP_PATH}/selfsubjectaccessreviews`, { method: 'POST', body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'delete', resource: 'secrets', namespace: 'default' } } } })
    assert.equal(access.status, 201, access.text)
    assert.equal(access.body.status.allowed, true)
    const rules = await request(server.url, `${GROUP_PATH}/selfsubjectrulesreviews`, { method: 'POST', body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } } })
    assert.equal(rules.status, 201, rules.text)
    assert.ok(rules.body.status.resourceRules.some((r: { verbs: string[]; resources?: string[] }) => r.verbs.includes('*') && r.resources?.includes('*')), JSON.stringify(rules.body.status))
  })

  test('nothing is stored: no revision is taken, and reading a review is 405', async () => {
    const before = server.currentRevision()
    for (let i = 0; i < 3; i++) await request(server.url, `${GROUP_PATH}/subjectaccessreviews`, { method: 'POST', body: sar({ user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods' } }) })
    assert.equal(server.currentRevision(), before)
    assert.equal((await request(server.url, `${GROUP_PATH}/subjectaccessreviews`)).status, 405)
  })
})
