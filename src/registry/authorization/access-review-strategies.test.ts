import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ApiError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { roleBinding } from '../../auth/rbac/rbac-objects.fixture.js'
import type { UserInfo } from '../../auth/user-info.js'
import type { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js'
import { systemScope } from '../controllers/system-scope.js'
import { rbacStoreContext } from '../rbac/rbac-store-context.fixture.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { createObject } from '../verbs/create.js'

// The SelfSubject reviews with a user on the request (what the request pipeline will supply),
// through the registry's create verb over the default roles: what `kubectl auth can-i` and
// `kubectl auth can-i --list` are answered (k8s: selfsubjectaccessreview/rest.go,
// selfsubjectrulesreview/rest.go).

const vera: UserInfo = { name: 'vera', groups: ['system:authenticated'] }

describe('SelfSubjectAccessReview and SelfSubjectRulesReview, for the requesting user', () => {
  let ctx: StoreContext
  let registry: ResourceRegistry
  let storage: SqliteStorage
  const review = (plural: string, kind: string, spec: object, user: UserInfo = vera) => {
    const scope = { ...systemScope(registry.find('authorization.k8s.io', 'v1', plural)!, '', 'kubectl'), user }
    return createObject(ctx, scope, { object: { apiVersion: 'authorization.k8s.io/v1', kind, metadata: { creationTimestamp: null } as unknown as KubeObject['metadata'], spec } })
  }

  before(async () => {
    ({ ctx, registry, storage } = await rbacStoreContext(['team']))
    const bindings = { ...systemScope(registry.find('rbac.authorization.k8s.io', 'v1', 'rolebindings')!, 'team', 'test') }
    await createObject(ctx, bindings, { object: roleBinding('team', 'vera-view', 'ClusterRole:view', ['User:vera']) })
  })
  after(() => storage.close())

  test('can-i: allowed with kube\'s reason, echoing the spec', async () => {
    const spec = { resourceAttributes: { namespace: 'team', verb: 'list', resource: 'pods' } }
    const answer = await review('selfsubjectaccessreviews', 'SelfSubjectAccessReview', spec)
    assert.deepEqual(answer.object, {
      kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec,
      status: { allowed: true, reason: 'RBAC: allowed by RoleBinding "vera-view/team" of ClusterRole "view" to User "vera"' },
    })
  })

  test('can-i: denied without a reason; a subresource and a non-resource URL asked as kubectl asks them', async () => {
    const status = async (spec: object) => (await review('selfsubjectaccessreviews', 'SelfSubjectAccessReview', spec)).object.status
    assert.deepEqual(await status({ resourceAttributes: { namespace: 'team', verb: 'get', resource: 'secrets' } }), { allowed: false })
    assert.deepEqual(await status({ resourceAttributes: { namespace: 'team', verb: 'get', resource: 'pods', subresource: 'history' } }),
      { allowed: true, reason: 'RBAC: allowed by RoleBinding "vera-view/team" of ClusterRole "view" to User "vera"' })
    assert.deepEqual(await status({ nonResourceAttributes: { verb: 'get', path: '/metrics' } }), { allowed: false })
    assert.deepEqual(await status({ resourceAttributes: { verb: 'delete', resource: 'nodes' } }), { allowed: false })
  })

  test('can-i --list: cluster-wide rules, then the namespace\'s; never incomplete', async () => {
    const answer = await review('selfsubjectrulesreviews', 'SelfSubjectRulesReview', { namespace: 'team' })
    const status = answer.object.status as any
    assert.deepEqual(answer.object.spec, {})
    assert.equal(status.incomplete, false)
    assert.equal(status.evaluationError, undefined)
    assert.deepEqual(status.resourceRules[0], { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] })
    assert.deepEqual(status.resourceRules[1], { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] })
    assert.ok(status.resourceRules.some((r: any) => r.resources.includes('pods') && r.verbs.join() === 'get,list,watch'))
    assert.ok(!status.resourceRules.some((r: any) => r.resources.includes('secrets')))
    assert.deepEqual(status.nonResourceRules[0].verbs, ['get'])
    assert.ok(status.nonResourceRules[0].nonResourceURLs.includes('/apis/*'))
  })

  test('can-i --list in a namespace where the user has nothing lists only the cluster-wide rules', async () => {
    const status = (await review('selfsubjectrulesreviews', 'SelfSubjectRulesReview', { namespace: 'default' })).object.status as any
    assert.equal(status.resourceRules.length, 2)
  })

  test('a rules review without a namespace is kube\'s 400', async () => {
    const error = await review('selfsubjectrulesreviews', 'SelfSubjectRulesReview', {}).then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof ApiError)
    assert.deepEqual([error.code, error.message], [400, 'no namespace on request'])
  })

  test('a SelfSubjectAccessReview with both kinds of attributes is kube\'s 422', async () => {
    const spec = { resourceAttributes: { verb: 'get', resource: 'pods' }, nonResourceAttributes: { verb: 'get', path: '/x' } }
    const error = await review('selfsubjectaccessreviews', 'SelfSubjectAccessReview', spec).then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof ApiError)
    assert.equal(error.message, 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes')
  })
})
