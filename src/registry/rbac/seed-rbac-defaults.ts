import type { KubeObject } from '../../api/types.js'
import { ensureObject } from '../controllers/ensure-object.js'
import { systemScope } from '../controllers/system-scope.js'
import type { ResourceDefinition } from '../resource-definition.js'
import type { ResourceRegistry } from '../resource-registry.js'
import type { StoreContext } from '../store-context.js'
import { deleteObject } from '../verbs/delete.js'
import { updateObject } from '../verbs/update.js'
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrap-objects.js'
import { reconcileClusterRole, reconcileClusterRoleBinding, type Reconciled } from './reconcile-bootstrap.js'

// kube-apiserver writes its bootstrap policy as itself (the rbac/bootstrap-roles post-start hook).
const FIELD_MANAGER = 'kube-apiserver'

type Reconcile = (existing: KubeObject, expected: KubeObject) => Reconciled

async function reconcileOne(ctx: StoreContext, definition: ResourceDefinition, expected: KubeObject, reconcile: Reconcile): Promise<void> {
  const name = expected.metadata.name!
  const stored = await ctx.storage.get({ resource: definition.storageResource, namespace: '', name })
  if (!stored) {
    await ensureObject(ctx, definition, expected, FIELD_MANAGER)
    return
  }
  const outcome = reconcile(JSON.parse(stored.json) as KubeObject, expected)
  const scope = { ...systemScope(definition, '', FIELD_MANAGER), name }
  if (outcome.type === 'update') await updateObject(ctx, scope, { object: outcome.object })
  else if (outcome.type === 'recreate') {
    await deleteObject(ctx, scope, {})
    await ensureObject(ctx, definition, expected, FIELD_MANAGER)
  }
}

/**
 * The default ClusterRoles and ClusterRoleBindings: created when missing, and what is missing
 * from them added back, at every start (kube's bootstrap-roles post-start hook,
 * pkg/registry/rbac/rest/storage_rbac.go). Aggregated roles get their rules from
 * ClusterRoleAggregator afterwards.
 */
export async function seedRbacDefaults(ctx: StoreContext, registry: ResourceRegistry): Promise<void> {
  const roles = registry.find('rbac.authorization.k8s.io', 'v1', 'clusterroles')!
  const bindings = registry.find('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings')!
  // All at once, so that they share a few group commits rather than one transaction each.
  await Promise.all([
    ...BOOTSTRAP_CLUSTER_ROLES.map((role) => reconcileOne(ctx, roles, role, reconcileClusterRole)),
    ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS.map((binding) => reconcileOne(ctx, bindings, binding, reconcileClusterRoleBinding)),
  ])
}
