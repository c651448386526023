import type { UserInfo } from '../user-info.js'
import type { PolicyRule } from './policy-rule.js'
import type { RbacIndex } from './rbac-index.js'
import { appliesToUser, describeSubject, type RoleBinding, type RoleRef } from './role-binding.js'

/** A rule that applies to a user, and the binding that grants it (for the allowed-by reason). */
export interface GrantedRule {
  readonly rule: PolicyRule
  /** `ClusterRoleBinding "b" of ClusterRole "r" to Group "g"` */
  readonly source: string
}

/** A binding whose role cannot be found (or whose roleRef names no role kind). */
export interface RoleRefError {
  readonly roleRef: RoleRef
}

/** What applies to one user at one scope, and the bindings whose role is missing. */
export interface ResolvedRules {
  readonly granted: readonly GrantedRule[]
  readonly errors: readonly RoleRefError[]
}

const RBAC_GROUP = 'rbac.authorization.k8s.io'

/**
 * A missing role in kube's words. The authorizer's listers name it by its singular
 * (`clusterrole.rbac.authorization.k8s.io "x" not found`: the reason a 403 ends with); the
 * registry's getters, which escalation checks read, by its plural (`roles.rbac.authorization.k8s.io`).
 */
export function roleRefErrorText({ roleRef }: RoleRefError, naming: 'singular' | 'plural'): string {
  if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') return `unsupported role reference kind: ${JSON.stringify(roleRef.kind)}`
  const resource = roleRef.kind.toLowerCase() + (naming === 'plural' ? 's' : '')
  return `${resource}.${RBAC_GROUP} ${JSON.stringify(roleRef.name)} not found`
}

/**
 * The rules of the role a binding refers to (a Role in the binding's namespace, or a
 * ClusterRole), or the error for it (k8s: pkg/registry/rbac/validation/rule.go GetRoleReferenceRules).
 */
export function roleReferenceRules(index: RbacIndex, roleRef: RoleRef, bindingNamespace: string): readonly PolicyRule[] | RoleRefError {
  switch (roleRef.kind) {
    case 'Role':
      return index.role(bindingNamespace, roleRef.name) ?? { roleRef }
    case 'ClusterRole':
      return index.clusterRole(roleRef.name)?.rules ?? { roleRef }
    default:
      return { roleRef }
  }
}

/**
 * The rules the user holds through the cluster's ClusterRoleBindings (namespace '') or through the
 * RoleBindings of one namespace: kube's VisitRulesFor, in two halves, so each can be cached.
 */
export function resolveRules(index: RbacIndex, user: UserInfo, namespace: string): ResolvedRules {
  const bindings = namespace === '' ? index.clusterRoleBindings() : index.roleBindings(namespace)
  const granted: GrantedRule[] = []
  const errors: RoleRefError[] = []
  for (const binding of bindings) {
    const subject = binding.subjects.find((s) => appliesToUser(user, s, binding.namespace))
    if (!subject) continue
    const rules = roleReferenceRules(index, binding.roleRef, binding.namespace)
    if ('roleRef' in rules) {
      errors.push(rules)
      continue
    }
    const source = describeBinding(binding, describeSubject(subject, binding.namespace))
    for (const rule of rules) granted.push({ rule, source })
  }
  return { granted, errors }
}

/** kube's clusterRoleBindingDescriber / roleBindingDescriber */
function describeBinding(binding: RoleBinding, subject: string): string {
  const { kind, name } = binding.roleRef
  const bindingName = binding.namespace ? `RoleBinding ${JSON.stringify(`${binding.name}/${binding.namespace}`)}` : `ClusterRoleBinding ${JSON.stringify(binding.name)}`
  return `${bindingName} of ${kind} ${JSON.stringify(name)} to ${subject}`
}

/** utilerrors.NewAggregate(errs).Error(): one message as is, several de-duplicated in brackets */
export function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)]
  return unique.length === 1 ? unique[0]! : unique.length === 0 ? '' : `[${unique.join(', ')}]`
}
