import { ALL, isSameRule, rule, type PolicyRule } from './policy-rule.js'

// Whether one set of rules grants everything another does, and what is missing: kube's
// escalation comparison (k8s: staging/src/k8s.io/component-helpers/auth/rbac/validation/
// policy_comparator.go Covers, BreakdownRule, ruleCovers).

/** A rule split into rules of one group, resource, verb and name each (kube's BreakdownRule). */
export function breakdownRule(r: PolicyRule): PolicyRule[] {
  const subrules: PolicyRule[] = []
  for (const group of r.apiGroups) {
    for (const resource of r.resources) {
      for (const verb of r.verbs) {
        const names = r.resourceNames.length ? r.resourceNames.map((n) => [n]) : [[]]
        for (const resourceNames of names) subrules.push(rule([verb], { apiGroups: [group], resources: [resource], resourceNames }))
      }
    }
  }
  // Non-resource URLs only combine with verbs.
  for (const url of r.nonResourceURLs) for (const verb of r.verbs) subrules.push(rule([verb], { nonResourceURLs: [url] }))
  return subrules
}

const hasAll = (set: readonly string[], wanted: readonly string[]) => wanted.every((w) => set.includes(w))

function resourcesCover(owner: readonly string[], wanted: readonly string[]): boolean {
  if (owner.includes(ALL) || hasAll(owner, wanted)) return true
  // `pods/status` is covered by `*/status` too; a plain resource only by itself.
  return wanted.every((path) => owner.includes(path) || (path.includes('/') && owner.includes(`*/${path.slice(path.indexOf('/') + 1)}`)))
}

const urlCovers = (owner: string, path: string) => owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')))

/** Does one owner rule cover one broken-down rule? */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const names = sub.resourceNames.length === 0 ? owner.resourceNames.length === 0 : owner.resourceNames.length === 0 || hasAll(owner.resourceNames, sub.resourceNames)
  return (owner.verbs.includes(ALL) || hasAll(owner.verbs, sub.verbs)) &&
    (owner.apiGroups.includes(ALL) || hasAll(owner.apiGroups, sub.apiGroups)) &&
    resourcesCover(owner.resources, sub.resources) &&
    sub.nonResourceURLs.every((path) => owner.nonResourceURLs.some((o) => urlCovers(o, path))) &&
    names
}

/**
 * A wanted rule the owner holds as it is covers its own parts, so it need not be broken down (at
 * every start the default roles are compared with their stored selves). Not a rule with both
 * resourceNames and nonResourceURLs: ruleCovers never counts its URL parts as covered, by itself either.
 */
const isHeldAsIs = (owner: readonly PolicyRule[], wanted: PolicyRule) =>
  !(wanted.resourceNames.length && wanted.nonResourceURLs.length) && owner.some((o) => isSameRule(o, wanted))

/** The parts of `wanted` no rule of `owner` covers; empty when the owner holds them all. */
export function uncoveredRules(owner: readonly PolicyRule[], wanted: readonly PolicyRule[]): PolicyRule[] {
  return wanted
    .filter((w) => !isHeldAsIs(owner, w))
    .flatMap(breakdownRule)
    .filter((sub) => !owner.some((o) => ruleCovers(o, sub)))
}
