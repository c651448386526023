import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { objectsIn } from './go-fields.js'

const RBAC_GROUP = 'rbac.authorization.k8s.io'

/**
 * SetDefaults_RoleBinding, SetDefaults_ClusterRoleBinding, SetDefaults_Subject (k8s: pkg/apis/rbac/
 * v1/defaults.go): the RBAC group on roleRef, users and groups. roleRef has no omitempty: kube
 * always stores one, defaulted even when the body had none.
 */
export function defaultBinding(binding: KubeObject): void {
  const roleRef = isJsonObject(binding.roleRef) ? binding.roleRef : (binding.roleRef = {})
  if (!roleRef.apiGroup) roleRef.apiGroup = RBAC_GROUP
  for (const subject of objectsIn(binding, 'subjects')) {
    if (!subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup = RBAC_GROUP
  }
}
