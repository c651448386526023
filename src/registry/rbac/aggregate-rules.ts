import { parseLabelSelector } from '../../api/label-selector.js'
import { isSameRule, type PolicyRule } from '../../auth/rbac/policy-rule.js'
import type { ClusterRoleEntry } from '../../auth/rbac/rbac-index.js'
import { labelSelectorString } from '../printers/workload-cells.js'

/**
 * The rules an aggregated ClusterRole should hold: the rules of every other ClusterRole one of its
 * selectors matches, selector by selector, roles in name order, each rule once (k8s:
 * pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go syncClusterRole).
 * undefined when a selector is invalid (kube gives up on the role until it is fixed).
 */
export function aggregatedRules(role: ClusterRoleEntry, all: readonly ClusterRoleEntry[]): PolicyRule[] | undefined {
  const byName = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const rules: PolicyRule[] = []
  // isSameRule compares the five lists in order: the same lists give the same key.
  const held = new Set<string>()
  for (const selectorJson of role.clusterRoleSelectors ?? []) {
    const text = labelSelectorString(selectorJson)
    if (text === undefined) return undefined
    const selector = parseLabelSelector(text)
    for (const other of byName) {
      if (other.name === role.name || !selector.matches(other.labels)) continue
      for (const r of other.rules) {
        const key = JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs])
        if (!held.has(key)) rules.push(r)
        held.add(key)
      }
    }
  }
  return rules
}

export const isSameRuleList = (a: readonly PolicyRule[], b: readonly PolicyRule[]) =>
  a.length === b.length && a.every((r, i) => isSameRule(r, b[i]!))
