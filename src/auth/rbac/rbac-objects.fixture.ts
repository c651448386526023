import type { KubeObject } from '../../api/types.js'
import { policyRuleJson, type PolicyRule } from './policy-rule.js'
import { RbacIndex, RBAC_GROUP, RBAC_RESOURCES } from './rbac-index.js'

// RBAC objects for tests, as a client would send them: `subject('User:jane')`,
// `subject('ServiceAccount:ns/name')`.

const apiVersion = `${RBAC_GROUP}/v1`

export function subject(text: string): Record<string, string> {
  const [kind = '', rest = ''] = text.split(/:(.*)/s)
  if (kind !== 'ServiceAccount') return { kind, apiGroup: RBAC_GROUP, name: rest }
  const [namespace = '', name = ''] = rest.includes('/') ? rest.split('/') : ['', rest]
  return { kind, name, ...(namespace ? { namespace } : {}) }
}

export const clusterRole = (name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject =>
  ({ apiVersion, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules: rules.map(policyRuleJson) })

export const role = (namespace: string, name: string, rules: PolicyRule[]): KubeObject =>
  ({ apiVersion, kind: 'Role', metadata: { name, namespace }, rules: rules.map(policyRuleJson) })

export const clusterRoleBinding = (name: string, clusterRoleName: string, subjects: string[]): KubeObject => ({
  apiVersion, kind: 'ClusterRoleBinding', metadata: { name },
  roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRoleName },
  subjects: subjects.map(subject),
})

/** `ref` is `Role:name` or `ClusterRole:name` */
export function roleBinding(namespace: string, name: string, ref: string, subjects: string[]): KubeObject {
  const [kind = '', roleName = ''] = ref.split(':')
  return {
    apiVersion, kind: 'RoleBinding', metadata: { name, namespace },
    roleRef: { apiGroup: RBAC_GROUP, kind, name: roleName },
    subjects: subjects.map(subject),
  }
}

const RESOURCE_OF_KIND: Record<string, string> = {
  Role: RBAC_RESOURCES.roles,
  ClusterRole: RBAC_RESOURCES.clusterRoles,
  RoleBinding: RBAC_RESOURCES.roleBindings,
  ClusterRoleBinding: RBAC_RESOURCES.clusterRoleBindings,
}

/** an index holding exactly these objects */
export function indexOf(objects: KubeObject[]): RbacIndex {
  const index = new RbacIndex()
  for (const object of objects) index.put(RESOURCE_OF_KIND[object.kind ?? '']!, object)
  return index
}
