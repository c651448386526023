import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AuthorizationAttributes } from '../../auth/authorization-attributes.js'
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.js'
import { RBAC_RESOURCES } from '../../auth/rbac/rbac-index.js'
import { roleBinding } from '../../auth/rbac/rbac-objects.fixture.js'
import { bootstrapIndex } from './bootstrap-index.fixture.js'

// The default roles judged as kube-apiserver 1.32 judges them (its bootstrap policy and the
// kubernetes.io docs' "User-facing roles"): each user below is bound in namespace `team`.

const users = { viewer: 'vera', editor: 'eddie', admin: 'ada' }
const authorizer = new RbacAuthorizer(bootstrapIndex([
  { resource: RBAC_RESOURCES.roleBindings, object: roleBinding('team', 'view', 'ClusterRole:view', [`User:${users.viewer}`]) },
  { resource: RBAC_RESOURCES.roleBindings, object: roleBinding('team', 'edit', 'ClusterRole:edit', [`User:${users.editor}`]) },
  { resource: RBAC_RESOURCES.roleBindings, object: roleBinding('team', 'admin', 'ClusterRole:admin', [`User:${users.admin}`]) },
]))

/** `verb group/resource[/subresource]` in namespace team (`core` is the group "") */
function can(user: string, text: string, namespace = 'team'): boolean {
  const [verb = '', target = ''] = text.split(' ')
  const [group = '', resource = '', subresource] = target.split('/')
  const attributes: AuthorizationAttributes = {
    user: { name: user, groups: ['system:authenticated'] }, verb, isResourceRequest: true,
    apiGroup: group === 'core' ? '' : group, resource, ...(subresource ? { subresource } : {}), namespace,
  }
  return authorizer.authorize(attributes).allowed
}

const cases: { name: string; user: string; allowed: string[]; denied: string[] }[] = [
  {
    name: 'view reads the namespace\'s workloads and config, not its secrets, roles or bindings, and writes nothing',
    user: users.viewer,
    allowed: ['get core/pods', 'list core/configmaps', 'watch apps/deployments', 'get apps/deployments/scale', 'get core/pods/log', 'get core/namespaces', 'list discovery.k8s.io/endpointslices'],
    denied: ['get core/secrets', 'list core/secrets', 'get rbac.authorization.k8s.io/roles', 'create core/pods', 'update apps/deployments/scale', 'delete core/configmaps', 'get coordination.k8s.io/leases', 'create core/pods/exec'],
  },
  {
    name: 'edit writes workloads and reads and writes secrets, but not roles, bindings, quotas or status',
    user: users.editor,
    allowed: ['get core/secrets', 'create core/secrets', 'delete core/pods', 'patch apps/deployments', 'update apps/deployments/scale', 'create core/pods/exec', 'impersonate core/serviceaccounts', 'create core/serviceaccounts/token', 'create coordination.k8s.io/leases'],
    denied: ['create rbac.authorization.k8s.io/roles', 'create rbac.authorization.k8s.io/rolebindings', 'create core/resourcequotas', 'update core/pods/status', 'update apps/deployments/status', 'create authorization.k8s.io/localsubjectaccessreviews'],
  },
  {
    name: 'admin manages roles and bindings in its namespace, and asks access reviews there',
    user: users.admin,
    allowed: ['create rbac.authorization.k8s.io/roles', 'delete rbac.authorization.k8s.io/rolebindings', 'create authorization.k8s.io/localsubjectaccessreviews', 'create core/secrets', 'get core/resourcequotas'],
    denied: ['create core/resourcequotas', 'create core/namespaces', 'update core/pods/status', 'create rbac.authorization.k8s.io/clusterroles'],
  },
]

describe('bootstrap policy: view, edit and admin as kube defines them', () => {
  for (const c of cases) {
    test(c.name, () => {
      for (const text of c.allowed) assert.equal(can(c.user, text), true, `${c.user} may ${text}`)
      for (const text of c.denied) assert.equal(can(c.user, text), false, `${c.user} may not ${text}`)
    })
  }

  test('a binding in one namespace grants nothing in another, nor cluster-wide', () => {
    for (const user of Object.values(users)) {
      assert.equal(can(user, 'get core/pods', 'other'), false)
      assert.equal(can(user, 'list core/pods', ''), false)
    }
  })

  test('history follows reading: view sees the past of what it reads, edit adds leases, only admin sees past secrets', () => {
    assert.equal(can(users.viewer, 'get core/pods/history'), true)
    assert.equal(can(users.viewer, 'list apps/deployments/history'), true)
    assert.equal(can(users.viewer, 'get core/secrets/history'), false)
    assert.equal(can(users.viewer, 'get coordination.k8s.io/leases/history'), false)
    assert.equal(can(users.editor, 'get coordination.k8s.io/leases/history'), true)
    assert.equal(can(users.editor, 'get core/secrets/history'), false)
    assert.equal(can(users.admin, 'get core/secrets/history'), true)
    assert.equal(can(users.admin, 'get rbac.authorization.k8s.io/roles/history'), true)
  })
})

describe('bootstrap policy: what every authenticated user gets', () => {
  const anyone = { name: 'someone', groups: ['system:authenticated'] }
  const path = (verb: string, url: string, groups = anyone.groups) => authorizer.authorize({ user: { name: anyone.name, groups }, verb, isResourceRequest: false, path: url }).allowed

  test('discovery, version, health and openapi; not metrics', () => {
    for (const url of ['/api', '/apis/apps/v1', '/version', '/healthz', '/readyz', '/openapi/v3']) assert.equal(path('get', url), true, url)
    assert.equal(path('get', '/metrics'), false)
    assert.equal(path('get', '/metrics', ['system:monitoring']), true)
  })

  test('the unauthenticated see health and version only', () => {
    assert.equal(path('get', '/version', ['system:unauthenticated']), true)
    assert.equal(path('get', '/api', ['system:unauthenticated']), false)
    // watchplane: the timeline page loads before it has a token (ADR 0013); its data does not
    assert.equal(path('get', '/ui/index.html', ['system:unauthenticated']), true)
    assert.equal(path('get', '/watchplane/v1/changes', ['system:unauthenticated']), false)
  })

  test('self reviews, and watchplane\'s pages and sockets', () => {
    const attributes = { user: anyone, verb: 'create', isResourceRequest: true, apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }
    assert.equal(authorizer.authorize(attributes).allowed, true)
    assert.equal(authorizer.authorize({ ...attributes, resource: 'selfsubjectrulesreviews' }).allowed, true)
    assert.equal(authorizer.authorize({ ...attributes, resource: 'subjectaccessreviews' }).allowed, false)
    for (const url of ['/ui', '/ui/app.js', '/watchplane/v1/changes', '/watchplane/v1/multiplex']) assert.equal(path('get', url), true, url)
  })
})
