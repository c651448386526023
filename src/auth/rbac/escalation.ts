import type { UserInfo } from '../user-info.js'
import type { PolicyRule } from './policy-rule.js'
import { uncoveredRules } from './covers.js'
import { aggregateErrors, roleRefErrorText, type RoleRefError } from './rule-resolver.js'

// The refusal kube gives a user who grants what they do not hold (k8s: pkg/registry/rbac/
// validation/rule.go ConfirmNoEscalation, policy_compact.go CompactRules, and
// pkg/apis/rbac/v1/evaluation_helpers.go CompactString).

/** `["a" "b"]`: Go's %q of a []string */
const goQuotedList = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`

/** `{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}`: set fields only, in this order */
export function compactString(r: PolicyRule): string {
  const parts: string[] = []
  if (r.apiGroups.length) parts.push(`APIGroups:${goQuotedList(r.apiGroups)}`)
  if (r.resources.length) parts.push(`Resources:${goQuotedList(r.resources)}`)
  if (r.nonResourceURLs.length) parts.push(`NonResourceURLs:${goQuotedList(r.nonResourceURLs)}`)
  if (r.resourceNames.length) parts.push(`ResourceNames:${goQuotedList(r.resourceNames)}`)
  if (r.verbs.length) parts.push(`Verbs:${goQuotedList(r.verbs)}`)
  return `{${parts.join(', ')}}`
}

/** Rules of one group and one resource (no names, no URLs) merge into one rule with all their verbs. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = []
  const simple = new Map<string, PolicyRule>()
  for (const r of rules) {
    const isSimple = r.resourceNames.length === 0 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1
    if (!isSimple) {
      compacted.push(r)
      continue
    }
    const key = `${r.apiGroups[0]}\u0000${r.resources[0]}`
    const existing = simple.get(key)
    simple.set(key, existing ? { ...existing, verbs: [...existing.verbs, ...r.verbs] } : r)
  }
  return [...compacted, ...simple.values()]
}

/**
 * undefined when `owned` covers `granted`; otherwise kube's message: the user, their groups, and
 * the missing rules compacted, sorted and one per line, then any errors met resolving the owner's rules.
 */
export function escalationMessage(user: UserInfo, owned: { rules: readonly PolicyRule[]; errors: readonly RoleRefError[] }, granted: readonly PolicyRule[]): string | undefined {
  const missing = uncoveredRules(owned.rules, granted)
  if (missing.length === 0) return undefined
  const lines = [...new Set(compactRules(missing).map(compactString))].sort()
  const message = `user ${JSON.stringify(user.name)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`
  if (owned.errors.length === 0) return message
  return `${message}; resolution errors: [${aggregateErrors(owned.errors.map((e) => roleRefErrorText(e, 'plural')))}]`
}
