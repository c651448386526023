import type { KubeObject } from '../../api/types.js'
import { policyRuleJson } from '../../auth/rbac/policy-rule.js'
import { RbacIndex, RBAC_RESOURCES } from '../../auth/rbac/rbac-index.js'
import { aggregatedRules, isSameRuleList } from './aggregate-rules.js'
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './bootstrap-objects.js'

/**
 * An index holding the default roles and bindings as a started server holds them: created, then
 * aggregated until nothing changes (what ClusterRoleAggregator does through storage), plus `extra`.
 */
export function bootstrapIndex(extra: { resource: string; object: KubeObject }[] = []): RbacIndex {
  const index = new RbacIndex()
  for (const role of BOOTSTRAP_CLUSTER_ROLES) index.put(RBAC_RESOURCES.clusterRoles, role)
  for (const binding of BOOTSTRAP_CLUSTER_ROLE_BINDINGS) index.put(RBAC_RESOURCES.clusterRoleBindings, binding)
  for (const { resource, object } of extra) index.put(resource, object)
  for (let changed = true; changed;) {
    changed = false
    const all = [...index.clusterRoles()]
    for (const role of all.filter((r) => r.clusterRoleSelectors !== undefined)) {
      const rules = aggregatedRules(role, all)!
      if (isSameRuleList(rules, role.rules)) continue
      const stored = BOOTSTRAP_CLUSTER_ROLES.find((r) => r.metadata.name === role.name)!
      index.put(RBAC_RESOURCES.clusterRoles, { ...stored, rules: rules.map(policyRuleJson) })
      changed = true
    }
  }
  return index
}
