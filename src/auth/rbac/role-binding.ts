import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { serviceAccountUsername } from '../well-known-users.js'
import type { UserInfo } from '../user-info.js'

/** Who a binding grants its role to (rbac/v1 Subject). */
export interface Subject {
  readonly kind: string
  readonly name: string
  /** a ServiceAccount's namespace; in a RoleBinding it defaults to the binding's */
  readonly namespace: string
}

export interface RoleRef {
  readonly apiGroup: string
  /** `Role` or `ClusterRole` */
  readonly kind: string
  readonly name: string
}

/** A RoleBinding, or a ClusterRoleBinding (namespace ''), as the authorizer reads it. */
export interface RoleBinding {
  readonly name: string
  readonly namespace: string
  readonly roleRef: RoleRef
  readonly subjects: readonly Subject[]
}

const textOf = (json: Record<string, unknown>, field: string) => (typeof json[field] === 'string' ? json[field] : '')

/** A stored binding as JSON, typed once. */
export function toRoleBinding(object: KubeObject): RoleBinding {
  const ref = isJsonObject(object.roleRef) ? object.roleRef : {}
  const subjects = Array.isArray(object.subjects) ? object.subjects.filter(isJsonObject) : []
  return {
    name: object.metadata.name ?? '',
    namespace: object.metadata.namespace ?? '',
    roleRef: { apiGroup: textOf(ref, 'apiGroup'), kind: textOf(ref, 'kind'), name: textOf(ref, 'name') },
    subjects: subjects.map((s) => ({ kind: textOf(s, 'kind'), name: textOf(s, 'name'), namespace: textOf(s, 'namespace') })),
  }
}

/**
 * Does the subject name this user? Users by name, groups by membership, ServiceAccounts by their
 * username `system:serviceaccount:<namespace>:<name>`, the namespace defaulting to the binding's
 * (k8s: pkg/registry/rbac/validation/rule.go appliesToUser).
 */
export function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name
    case 'Group':
      return user.groups.includes(subject.name)
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace
      return namespace !== '' && user.name === serviceAccountUsername(namespace, subject.name)
    }
    default:
      return false
  }
}

/** kube's describeSubject: `User "jane"`, `ServiceAccount "name/namespace"` (for the allowed-by reason). */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind !== 'ServiceAccount') return `${subject.kind} ${JSON.stringify(subject.name)}`
  return `${subject.kind} ${JSON.stringify(`${subject.name}/${subject.namespace || bindingNamespace}`)}`
}
