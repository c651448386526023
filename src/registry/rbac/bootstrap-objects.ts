import { policyRuleJson } from '../../auth/rbac/policy-rule.js'
import { RBAC_GROUP } from '../../auth/rbac/rbac-index.js'
import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS, ALL_UNAUTHENTICATED, MONITORING, SYSTEM_MASTERS } from '../../auth/well-known-users.js'
import type { KubeObject } from '../../api/types.js'
import { KUBE_CLUSTER_ROLES, type BootstrapClusterRole } from './kube-cluster-roles.js'
import { WATCHPLANE_CLUSTER_ROLES } from './watchplane-cluster-roles.js'

// The default roles and bindings as the objects created at start, labelled and annotated as
// kube's bootstrap policy labels them (policy.go addDefaultMetadata): the `autoupdate`
// annotation lets each start add what is missing back; set it to "false" to keep a change.

export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate'
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' }
const API_VERSION = `${RBAC_GROUP}/v1`

function clusterRoleObject(role: BootstrapClusterRole): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: { name: role.name, labels: { ...BOOTSTRAP_LABELS, ...role.labels }, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } },
    ...(role.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: role.aggregateFrom.map((matchLabels) => ({ matchLabels })) } } : {}),
    // An aggregated role's rules are the aggregation controller's to fill.
    ...(role.aggregateFrom ? {} : { rules: role.rules.map(policyRuleJson) }),
  }
}

/** kube's ClusterRoleBindings (policy.go ClusterRoleBindings) for the roles kept, and watchplane's own */
const BINDINGS: readonly { role: string; groups: string[] }[] = [
  { role: 'cluster-admin', groups: [SYSTEM_MASTERS] },
  { role: 'system:discovery', groups: [ALL_AUTHENTICATED] },
  { role: 'system:basic-user', groups: [ALL_AUTHENTICATED] },
  { role: 'system:public-info-viewer', groups: [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED] },
  { role: 'system:monitoring', groups: [MONITORING] },
  { role: 'system:service-account-issuer-discovery', groups: [ALL_SERVICE_ACCOUNTS] },
  { role: 'watchplane:basic-user', groups: [ALL_AUTHENTICATED] },
  { role: 'watchplane:ui-viewer', groups: [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED] },
]

function clusterRoleBindingObject({ role, groups }: { role: string; groups: string[] }): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: { name: role, labels: { ...BOOTSTRAP_LABELS }, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
    subjects: groups.map((name) => ({ kind: 'Group', apiGroup: RBAC_GROUP, name })),
  }
}

export const BOOTSTRAP_CLUSTER_ROLES: readonly KubeObject[] = [...KUBE_CLUSTER_ROLES, ...WATCHPLANE_CLUSTER_ROLES].map(clusterRoleObject)
export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly KubeObject[] = BINDINGS.map(clusterRoleBindingObject)
