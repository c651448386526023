import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ApiError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { policyRuleJson, rule } from '../../auth/rbac/policy-rule.js'
import { RBAC_RESOURCES } from '../../auth/rbac/rbac-index.js'
import { clusterRole, clusterRoleBinding, role, roleBinding } from '../../auth/rbac/rbac-objects.fixture.js'
import type { UserInfo } from '../../auth/user-info.js'
import type { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js'
import { systemScope } from '../controllers/system-scope.js'
import type { RequestScope } from '../request-scope.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { createObject } from '../verbs/create.js'
import { patchObject } from '../verbs/patch.js'
import { updateObject } from '../verbs/update.js'
import { rbacStoreContext } from './rbac-store-context.fixture.js'

// Escalation prevention through the registry's own verbs, over real storage, with the default
// roles seeded and aggregated as at start (k8s: pkg/registry/rbac/*/policybased/storage.go).

const jane: UserInfo = { name: 'jane', groups: ['system:authenticated'] }

describe('escalation prevention on role and binding writes', () => {
  let storage: SqliteStorage
  let ctx: StoreContext
  let registry: ResourceRegistry
  const definition = (plural: string) => registry.find('rbac.authorization.k8s.io', 'v1', plural)!
  const scopeOf = (plural: string, namespace: string, user: UserInfo | undefined, name?: string): RequestScope =>
    ({ ...systemScope(definition(plural), namespace, 'test'), ...(user ? { user } : {}), ...(name ? { name } : {}) })
  const create = (plural: string, namespace: string, user: UserInfo | undefined, object: KubeObject) => createObject(ctx, scopeOf(plural, namespace, user), { object: structuredClone(object) })
  const refusal = async (write: Promise<unknown>): Promise<ApiError> => {
    const error = await write.then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof ApiError, `refused: ${String(error)}`)
    return error
  }

  before(async () => {
    ({ ctx, registry, storage } = await rbacStoreContext(['team']))
    await create('rolebindings', 'team', undefined, roleBinding('team', 'jane-admin', 'ClusterRole:admin', ['User:jane']))
  })
  after(() => storage.close())

  test('a role with only rules the user holds is created', async () => {
    const written = await create('roles', 'team', jane, role('team', 'pod-reader', [rule(['get', 'list'], { apiGroups: [''], resources: ['pods'] })]))
    assert.equal(written.object.metadata.name, 'pod-reader')
  })

  test('a role granting more is refused with kube\'s 403 and the missing rules', async () => {
    const error = await refusal(create('roles', 'team', jane, role('team', 'node-reader', [rule(['get', 'list'], { apiGroups: [''], resources: ['pods', 'nodes'] })])))
    assert.equal(error.code, 403)
    assert.equal(error.message, 'roles.rbac.authorization.k8s.io "node-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}')
    assert.deepEqual(error.details, { name: 'node-reader', group: 'rbac.authorization.k8s.io', kind: 'roles' })
  })

  test('a patch that would escalate is refused inside its transaction; the role is unchanged', async () => {
    await create('roles', 'team', jane, role('team', 'patched', [rule(['get'], { apiGroups: [''], resources: ['pods'] })]))
    const patch = { rules: [policyRuleJson(rule(['*'], { apiGroups: ['*'], resources: ['*'] }))] }
    const error = await refusal(patchObject(ctx, scopeOf('roles', 'team', jane, 'patched'), 'application/merge-patch+json', patch))
    assert.equal(error.code, 403)
    const stored = JSON.parse((await storage.get({ resource: RBAC_RESOURCES.roles, namespace: 'team', name: 'patched' }))!.json)
    assert.deepEqual(stored.rules, [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }])
  })

  test('an update that only touches what the garbage collector needs is never refused', async () => {
    const narrow = { name: 'narrow', groups: [] }
    await create('rolebindings', 'team', undefined, roleBinding('team', 'narrow', 'Role:pod-reader', ['User:narrow']))
    const current = JSON.parse((await storage.get({ resource: RBAC_RESOURCES.roles, namespace: 'team', name: 'patched' }))!.json)
    const next = { ...current, metadata: { ...current.metadata, finalizers: ['example.com/keep'] } }
    const written = await updateObject(ctx, scopeOf('roles', 'team', narrow, 'patched'), { object: next })
    assert.deepEqual(written.object.metadata.finalizers, ['example.com/keep'])
  })

  test('the escalate verb allows any rules', async () => {
    await create('clusterroles', '', undefined, clusterRole('role-escalator', [rule(['escalate', 'create'], { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] })]))
    await create('rolebindings', 'team', undefined, roleBinding('team', 'escalator', 'ClusterRole:role-escalator', ['User:esc']))
    const written = await create('roles', 'team', { name: 'esc', groups: [] }, role('team', 'anything', [rule(['*'], { apiGroups: ['*'], resources: ['*'] })]))
    assert.equal(written.object.metadata.name, 'anything')
  })

  test('an aggregationRule needs cluster-admin\'s power', async () => {
    await create('clusterroles', '', undefined, clusterRole('clusterrole-maker', [rule(['create'], { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] })]))
    await create('clusterrolebindings', '', undefined, clusterRoleBinding('maker', 'clusterrole-maker', ['User:maker']))
    const aggregated = { ...clusterRole('gatherer', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }
    const error = await refusal(create('clusterroles', '', { name: 'maker', groups: [] }, aggregated))
    assert.equal(error.message, 'clusterroles.rbac.authorization.k8s.io "gatherer" is forbidden: must have cluster-admin privileges to use the aggregationRule')
  })

  test('binding a role whose rules the user holds is allowed; one with more is refused', async () => {
    await create('rolebindings', 'team', jane, roleBinding('team', 'give-edit', 'ClusterRole:edit', ['User:joe']))
    const error = await refusal(create('rolebindings', 'team', jane, roleBinding('team', 'give-root', 'ClusterRole:cluster-admin', ['User:joe'])))
    assert.equal(error.code, 403)
    assert.match(error.message, /^rolebindings\.rbac\.authorization\.k8s\.io "give-root" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/)
    assert.match(error.message, /\{NonResourceURLs:\["\*"\], Verbs:\["\*"\]\}/)
  })

  test('the bind verb on the role allows binding it without holding its rules', async () => {
    await create('clusterroles', '', undefined, clusterRole('admin-binder', [rule(['bind'], { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['cluster-admin'] })]))
    await create('clusterrolebindings', '', undefined, clusterRoleBinding('binder', 'admin-binder', ['User:binder']))
    const binder = { name: 'binder', groups: [] }
    const written = await create('clusterrolebindings', '', binder, clusterRoleBinding('made-by-binder', 'cluster-admin', ['User:someone']))
    assert.equal(written.object.metadata.name, 'made-by-binder')
    const error = await refusal(create('clusterrolebindings', '', binder, clusterRoleBinding('not-that-one', 'view', ['User:someone'])))
    assert.equal(error.code, 403)
  })

  test('binding a role that does not exist answers 404 for the role', async () => {
    const error = await refusal(create('rolebindings', 'team', jane, roleBinding('team', 'dangling', 'Role:nope', ['User:joe'])))
    assert.deepEqual([error.code, error.message], [404, 'roles.rbac.authorization.k8s.io "nope" not found'])
  })

  test('system:masters and the server itself are never checked', async () => {
    const root = { name: 'root', groups: ['system:masters'] }
    await create('clusterroles', '', root, clusterRole('anything-goes', [rule(['*'], { apiGroups: ['*'], resources: ['*'] })]))
    await create('clusterrolebindings', '', undefined, clusterRoleBinding('internal', 'cluster-admin', ['User:robot']))
  })
})
