import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AuthorizationAttributes } from '../authorization-attributes.js'
import type { UserInfo } from '../user-info.js'
import { rule } from './policy-rule.js'
import { RbacAuthorizer } from './rbac-authorizer.js'
import { RBAC_RESOURCES } from './rbac-index.js'
import { clusterRole, clusterRoleBinding, indexOf, role, roleBinding } from './rbac-objects.fixture.js'

const userOf = (name: string, groups: string[] = []): UserInfo => ({ name, groups })
const resource = (user: UserInfo, verb: string, target: string, namespace = '', name?: string): AuthorizationAttributes => {
  const [resourceName = '', subresource] = target.split('/')
  return { user, verb, isResourceRequest: true, apiGroup: '', resource: resourceName, ...(subresource ? { subresource } : {}), namespace, ...(name ? { name } : {}) }
}
const path = (user: UserInfo, verb: string, url: string): AuthorizationAttributes => ({ user, verb, isResourceRequest: false, path: url })

describe('RbacAuthorizer: kube rbac_test.go TestAuthorizer', () => {
  test('a cluster role bound in one namespace allows there only, to its users and groups', () => {
    const authorizer = new RbacAuthorizer(indexOf([
      clusterRole('admin', [rule(['*'], { apiGroups: ['*'], resources: ['*'] })]),
      roleBinding('ns1', 'admin', 'ClusterRole:admin', ['User:admin', 'Group:admins']),
    ]))
    const allowed = [
      resource(userOf('admin'), 'get', 'Pods', 'ns1'),
      resource(userOf('admin', ['group1']), 'watch', 'Foobar', 'ns1'),
      resource(userOf('joe', ['admins']), 'watch', 'Foobar', 'ns1'),
      resource(userOf('joe', ['group1', 'admins']), 'watch', 'Foobar', 'ns1'),
    ]
    const denied = [
      resource(userOf('admin'), 'GET', 'Pods', 'ns2'),
      resource(userOf('admin'), 'GET', 'Nodes'),
      resource(userOf('admin', ['admins']), 'GET', 'Pods', 'ns2'),
      resource(userOf('joe'), 'get', 'Pods', 'ns1'),
    ]
    for (const a of allowed) assert.equal(authorizer.authorize(a).allowed, true, JSON.stringify(a))
    for (const a of denied) assert.equal(authorizer.authorize(a).allowed, false, JSON.stringify(a))
  })

  test('non-resource URLs: exact, star verb, prefix', () => {
    const authorizer = new RbacAuthorizer(indexOf([
      clusterRole('getter', [rule(['get'], { nonResourceURLs: ['/apis'] })]),
      clusterRole('any', [rule(['*'], { nonResourceURLs: ['/apis'] })]),
      clusterRole('prefix', [rule(['get'], { nonResourceURLs: ['/apis/*'] })]),
      clusterRoleBinding('getter', 'getter', ['User:foo', 'Group:bar']),
      clusterRoleBinding('any', 'any', ['User:admin', 'Group:admin']),
      clusterRoleBinding('prefix', 'prefix', ['User:prefixed', 'Group:prefixed']),
    ]))
    const allowed = [
      path(userOf('foo'), 'get', '/apis'), path(userOf('', ['bar']), 'get', '/apis'), path(userOf('admin'), 'watch', '/apis'),
      path(userOf('', ['admin']), 'watch', '/apis'), path(userOf('prefixed'), 'get', '/apis/v1'), path(userOf('', ['prefixed']), 'get', '/apis/v1/foobar'),
    ]
    const denied = [
      path(userOf('foo'), 'watch', '/apis'), path(userOf('', ['bar']), 'watch', '/apis'), path(userOf('foo'), 'get', '/api/v1'),
      path(userOf('admin'), 'get', '/api/v1'), path(userOf('prefixed'), 'get', '/api/v1'), path(userOf('prefixed'), 'get', '/apis'),
    ]
    for (const a of allowed) assert.equal(authorizer.authorize(a).allowed, true, JSON.stringify(a))
    for (const a of denied) assert.equal(authorizer.authorize(a).allowed, false, JSON.stringify(a))
  })

  test('subresources resolve separately from their resource', () => {
    const pods = new RbacAuthorizer(indexOf([clusterRole('r', [rule(['*'], { apiGroups: ['*'], resources: ['pods'] })]), roleBinding('ns1', 'b', 'ClusterRole:r', ['User:admin'])]))
    assert.equal(pods.authorize(resource(userOf('admin'), 'get', 'pods', 'ns1')).allowed, true)
    assert.equal(pods.authorize(resource(userOf('admin'), 'get', 'pods/status', 'ns1')).allowed, false)
    const status = new RbacAuthorizer(indexOf([clusterRole('r', [rule(['*'], { apiGroups: ['*'], resources: ['pods/status'] })]), roleBinding('ns1', 'b', 'ClusterRole:r', ['User:admin'])]))
    assert.equal(status.authorize(resource(userOf('admin'), 'get', 'pods/status', 'ns1')).allowed, true)
    assert.equal(status.authorize(resource(userOf('admin'), 'get', 'pods', 'ns1')).allowed, false)
  })
})

describe('RbacAuthorizer: subjects, roles, reasons', () => {
  const index = indexOf([
    clusterRole('reader', [rule(['get', 'list'], { apiGroups: [''], resources: ['pods'] })]),
    role('ns1', 'cm-writer', [rule(['create'], { apiGroups: [''], resources: ['configmaps'] })]),
    clusterRoleBinding('readers', 'reader', ['Group:readers']),
    roleBinding('ns1', 'local-sa', 'Role:cm-writer', ['ServiceAccount:builder']),
    roleBinding('ns1', 'other-sa', 'Role:cm-writer', ['ServiceAccount:ns2/deployer']),
    roleBinding('ns1', 'all-sas', 'ClusterRole:reader', ['Group:system:serviceaccounts:ns3']),
    roleBinding('ns1', 'dangling', 'Role:gone', ['User:dora']),
    clusterRoleBinding('dangling-cluster', 'absent', ['User:dora']),
  ])
  const authorizer = new RbacAuthorizer(index)

  test('kube\'s allowed-by reasons name the binding, its role and the subject that matched', () => {
    assert.deepEqual(authorizer.authorize(resource(userOf('x', ['readers']), 'list', 'pods', 'ns9')),
      { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "readers" of ClusterRole "reader" to Group "readers"' })
    assert.deepEqual(authorizer.authorize(resource(userOf('system:serviceaccount:ns1:builder'), 'create', 'configmaps', 'ns1')),
      { allowed: true, reason: 'RBAC: allowed by RoleBinding "local-sa/ns1" of Role "cm-writer" to ServiceAccount "builder/ns1"' })
  })

  test('a ServiceAccount subject without a namespace means the binding\'s; with one, that one', () => {
    assert.equal(authorizer.authorize(resource(userOf('system:serviceaccount:ns2:builder'), 'create', 'configmaps', 'ns1')).allowed, false)
    assert.equal(authorizer.authorize(resource(userOf('system:serviceaccount:ns2:deployer'), 'create', 'configmaps', 'ns1')).allowed, true)
    assert.equal(authorizer.authorize(resource(userOf('system:serviceaccount:ns1:deployer'), 'create', 'configmaps', 'ns1')).allowed, false)
  })

  test('ServiceAccounts match through their namespace group', () => {
    const sa = userOf('system:serviceaccount:ns3:app', ['system:serviceaccounts', 'system:serviceaccounts:ns3', 'system:authenticated'])
    assert.equal(authorizer.authorize(resource(sa, 'get', 'pods', 'ns1')).allowed, true)
    assert.equal(authorizer.authorize(resource(sa, 'get', 'pods', 'ns3')).allowed, false)
  })

  test('a Role binds in its own namespace only; a cluster-wide request reads no RoleBinding', () => {
    const builder = userOf('system:serviceaccount:ns1:builder')
    assert.equal(authorizer.authorize(resource(builder, 'create', 'configmaps', 'ns2')).allowed, false)
    assert.equal(authorizer.authorize(resource(builder, 'create', 'configmaps')).allowed, false)
  })

  test('bindings to missing roles are reported as kube\'s RBAC reason when nothing allows', () => {
    assert.deepEqual(authorizer.authorize(resource(userOf('dora'), 'get', 'pods', 'ns1')), {
      allowed: false,
      reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "absent" not found, role.rbac.authorization.k8s.io "gone" not found]',
    })
    assert.deepEqual(authorizer.authorize(resource(userOf('dora'), 'get', 'pods')),
      { allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "absent" not found' })
    assert.deepEqual(authorizer.authorize(resource(userOf('nobody'), 'get', 'pods', 'ns1')), { allowed: false, reason: '' })
  })

  test('system:masters is allowed everything before any rule is read, with no reason (kube\'s privileged-group authorizer)', () => {
    const masters = userOf('root', ['system:masters'])
    assert.deepEqual(authorizer.authorize(resource(masters, 'delete', 'anything', 'ns1')), { allowed: true, reason: '' })
    assert.deepEqual(authorizer.authorize(path(masters, 'post', '/whatever')), { allowed: true, reason: '' })
  })

  test('rulesFor lists cluster-wide rules, then the namespace\'s', () => {
    const sa = userOf('system:serviceaccount:ns3:app', ['system:serviceaccounts:ns3', 'readers'])
    assert.deepEqual(authorizer.rulesFor(sa, 'ns1').rules.map((r) => r.resources), [['pods'], ['pods']])
    assert.deepEqual(authorizer.rulesFor(sa, '').rules.map((r) => r.resources), [['pods']])
  })
})

describe('RbacAuthorizer: decisions follow every change, and only changes', () => {
  test('a new binding allows, its deletion denies again; the revision moves with each change', () => {
    const index = indexOf([clusterRole('reader', [rule(['get'], { apiGroups: [''], resources: ['secrets'] })])])
    const authorizer = new RbacAuthorizer(index)
    const ask = resource(userOf('jane'), 'get', 'secrets', 'ns1')
    assert.equal(authorizer.authorize(ask).allowed, false)
    const before = authorizer.revision
    let changes = 0
    authorizer.onChange(() => changes++)
    index.put(RBAC_RESOURCES.roleBindings, roleBinding('ns1', 'b', 'ClusterRole:reader', ['User:jane']))
    assert.equal(authorizer.authorize(ask).allowed, true)
    index.remove(RBAC_RESOURCES.roleBindings, { namespace: 'ns1', name: 'b' })
    assert.equal(authorizer.authorize(ask).allowed, false)
    assert.equal(changes, 2)
    assert.equal(authorizer.revision, before + 2)
  })

  test('decisions are per name and groups, whichever object carries them; another group is another user', () => {
    const index = indexOf([clusterRole('r', [rule(['list'], { apiGroups: [''], resources: ['pods'] })]), clusterRoleBinding('b', 'r', ['Group:g'])])
    const authorizer = new RbacAuthorizer(index)
    assert.equal(authorizer.authorize(resource(userOf('a', ['g']), 'list', 'pods')).allowed, true)
    assert.equal(authorizer.authorize(resource(userOf('a', ['g']), 'list', 'pods')).allowed, true)
    assert.equal(authorizer.authorize(resource(userOf('a', ['h']), 'list', 'pods')).allowed, false)
    assert.equal(authorizer.authorize(resource(userOf('a', ['g', 'h']), 'list', 'pods')).allowed, true)
  })

  test('a role\'s rules changing changes decisions for everyone bound to it', () => {
    const index = indexOf([clusterRole('r', []), clusterRoleBinding('b', 'r', ['Group:g'])])
    const authorizer = new RbacAuthorizer(index)
    const ask = resource(userOf('a', ['g']), 'list', 'pods')
    assert.equal(authorizer.authorize(ask).allowed, false)
    index.put(RBAC_RESOURCES.clusterRoles, clusterRole('r', [rule(['list'], { apiGroups: [''], resources: ['pods'] })]))
    assert.equal(authorizer.authorize(ask).allowed, true)
  })
})
