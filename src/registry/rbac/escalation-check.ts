import { isDeepStrictEqual } from 'node:util'
import { forbiddenFor, notFound } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { escalationMessage } from '../../auth/rbac/escalation.js'
import { ALL, rule, toPolicyRules, type PolicyRule } from '../../auth/rbac/policy-rule.js'
import { RBAC_GROUP } from '../../auth/rbac/rbac-index.js'
import { toRoleBinding } from '../../auth/rbac/role-binding.js'
import { isPrivileged } from '../../auth/well-known-users.js'
import type { RequestedWrite } from '../strategy.js'

// Escalation prevention on RBAC writes (k8s: pkg/registry/rbac/{role,clusterrole,rolebinding,
// clusterrolebinding}/policybased/storage.go and pkg/registry/rbac/escalation_check.go): a user
// may write a role only with rules they hold, unless allowed to `escalate` it; and a binding only
// to a role whose rules they hold, unless allowed to `bind` it. Members of system:masters, and
// the server's own controllers (no user), are not checked.

/** what aggregationRule can gather: anything (clusterrole policybased storage.go fullAuthority) */
const FULL_AUTHORITY: PolicyRule[] = [rule([ALL], { apiGroups: [ALL], resources: [ALL] }), rule([ALL], { nonResourceURLs: [ALL] })]

const META_ONLY_GC = ['ownerReferences', 'finalizers', 'managedFields', 'resourceVersion', 'selfLink', 'generation'] as const

/** IsOnlyMutatingGCFields: an update that only touches what the garbage collector needs is never an escalation */
function isOnlyGcChange(next: KubeObject, current: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const copy = { ...o, metadata: { ...o.metadata } }
    for (const field of META_ONLY_GC) delete copy.metadata[field]
    return copy
  }
  return isDeepStrictEqual(strip(next), strip(current))
}

/** the writes that need no rule comparison at all */
function isExempt({ scope, object, current }: RequestedWrite): boolean {
  return scope.user === undefined || isPrivileged(scope.user) || (current !== undefined && isOnlyGcChange(object, current))
}

const nameOf = ({ object, scope }: RequestedWrite) => object.metadata.name ?? scope.name ?? ''

/** Roles and ClusterRoles: every rule held, or `escalate` on the role; an aggregationRule needs cluster-admin. */
export function checkRoleEscalation(write: RequestedWrite): void {
  if (isExempt(write)) return
  const { scope, object, current, ctx } = write
  const user = scope.user!
  const resource = { group: RBAC_GROUP, resource: scope.definition.plural }
  const escalate = ctx.authorizer.authorize({
    user, verb: 'escalate', isResourceRequest: true, apiGroup: RBAC_GROUP, apiVersion: '*',
    resource: scope.definition.plural, namespace: scope.namespace, name: scope.name ?? '',
  })
  if (escalate.allowed) return
  const owned = ctx.authorizer.rulesFor(user, scope.namespace)
  const message = escalationMessage(user, owned, toPolicyRules(object.rules))
  if (message) throw forbiddenFor(resource, nameOf(write), message)
  const isNewAggregation = object.aggregationRule != null && (!current || !isDeepStrictEqual(object.aggregationRule, current.aggregationRule))
  if (isNewAggregation && escalationMessage(user, owned, FULL_AUTHORITY)) {
    throw forbiddenFor(resource, nameOf(write), 'must have cluster-admin privileges to use the aggregationRule')
  }
}

/** RoleBindings and ClusterRoleBindings: `bind` on the role, or every rule of the role held. */
export function checkBindingEscalation(write: RequestedWrite): void {
  if (isExempt(write)) return
  const { scope, object, ctx } = write
  const user = scope.user!
  const { roleRef } = toRoleBinding(object)
  // Any other kind is refused by validation (422) right after this.
  if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') return
  const roleResource = roleRef.kind === 'Role' ? 'roles' : 'clusterroles'
  const bind = ctx.authorizer.authorize({
    user, verb: 'bind', isResourceRequest: true, apiGroup: roleRef.apiGroup, resource: roleResource, namespace: scope.namespace, name: roleRef.name,
  })
  if (bind.allowed) return
  const rules = ctx.authorizer.roleReferenceRules(roleRef, scope.namespace)
  if ('roleRef' in rules) throw notFound({ group: RBAC_GROUP, resource: roleResource }, roleRef.name)
  const message = escalationMessage(user, ctx.authorizer.rulesFor(user, scope.namespace), rules)
  if (message) throw forbiddenFor({ group: RBAC_GROUP, resource: scope.definition.plural }, nameOf(write), message)
}
