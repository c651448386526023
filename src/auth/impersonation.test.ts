import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ApiError } from '../api/errors.js'
import type { AuthorizationAttributes, Authorizer } from './authorization-attributes.js'
import { impersonate, impersonationOf } from './impersonation.js'

const admin = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] }
/** allows what `allowed` lists as `resource/name`, and records every check */
function authorizer(allowed: string[]) {
  const checks: AuthorizationAttributes[] = []
  const a: Authorizer = {
    authorize: (attributes) => {
      checks.push(attributes)
      const key = `${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''}/${attributes.name}`
      return { allowed: allowed.includes(key) || allowed.includes('*'), reason: '' }
    },
  }
  return { a, checks }
}

describe('impersonation headers (staging/apiserver/pkg/endpoints/filters/impersonation.go)', () => {
  test('none asked for, none done; groups or extras without a user are refused (400)', () => {
    assert.equal(impersonationOf({}), undefined)
    assert.throws(() => impersonationOf({ 'impersonate-group': ['devs'] }), (e: ApiError) => e.code === 400)
    assert.throws(() => impersonationOf({ 'impersonate-extra-scopes': ['x'] }), (e: ApiError) => e.code === 400)
  })

  test('kubectl --as=jane --as-group=devs: jane in devs and system:authenticated, each part authorized as `impersonate`', () => {
    const { a, checks } = authorizer(['*'])
    const request = impersonationOf({ 'impersonate-user': ['jane'], 'impersonate-group': ['devs'], 'impersonate-extra-scopes': ['view', 'edit'], 'impersonate-uid': ['u-1'] })!
    assert.deepEqual(impersonate(admin, request, a), { name: 'jane', uid: 'u-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['view', 'edit'] } })
    assert.deepEqual(checks.map((c) => [c.verb, c.apiGroup, c.resource, c.subresource ?? '', c.name]), [
      ['impersonate', '', 'users', '', 'jane'],
      ['impersonate', '', 'groups', '', 'devs'],
      ['impersonate', 'authentication.k8s.io', 'userextras', 'scopes', 'view'],
      ['impersonate', 'authentication.k8s.io', 'userextras', 'scopes', 'edit'],
      ['impersonate', 'authentication.k8s.io', 'uids', '', 'u-1'],
    ])
    assert.ok(checks.every((c) => c.user === admin))
  })

  test('a ServiceAccount user is impersonated as serviceaccounts in its namespace, with its groups', () => {
    const { a, checks } = authorizer(['*'])
    const user = impersonate(admin, impersonationOf({ 'impersonate-user': ['system:serviceaccount:ns:app'] })!, a)
    assert.deepEqual(user.groups, ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'])
    assert.deepEqual([checks[0]!.resource, checks[0]!.namespace, checks[0]!.name], ['serviceaccounts', 'ns', 'app'])
  })

  test('impersonating anonymous adds system:unauthenticated instead', () => {
    const { a } = authorizer(['*'])
    assert.deepEqual(impersonate(admin, impersonationOf({ 'impersonate-user': ['system:anonymous'] })!, a).groups, ['system:unauthenticated'])
  })

  test("a part the requester may not impersonate is kube's 403", () => {
    const { a } = authorizer(['users/jane'])
    const jane = { name: 'bob', groups: ['system:authenticated'] }
    assert.throws(() => impersonate(jane, impersonationOf({ 'impersonate-user': ['jane'], 'impersonate-group': ['system:masters'] })!, a), (e: ApiError) =>
      e.code === 403 && e.message === 'groups "system:masters" is forbidden: User "bob" cannot impersonate resource "groups" in API group "" at the cluster scope')
  })
})
