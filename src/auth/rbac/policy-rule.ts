import { isJsonObject } from '../../api/json-object.js'

/** One rule of a Role or ClusterRole (rbac/v1 PolicyRule); absent lists are empty. */
export interface PolicyRule {
  readonly verbs: readonly string[]
  readonly apiGroups: readonly string[]
  // `pods`, `pods/status`, `*`, and `*/scale` (the scale subresource of any resource)
  readonly resources: readonly string[]
  readonly resourceNames: readonly string[]
  /** `/healthz`, `/api/*`: cluster roles only */
  readonly nonResourceURLs: readonly string[]
}

/** rbac/v1's `*`: every verb, group, resource or URL (VerbAll, APIGroupAll, ResourceAll, NonResourceAll). */
export const ALL = '*'

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** A stored rule as JSON, typed once: the one place rule JSON becomes a PolicyRule. */
export function toPolicyRule(json: unknown): PolicyRule {
  const rule = isJsonObject(json) ? json : {}
  return {
    verbs: strings(rule.verbs),
    apiGroups: strings(rule.apiGroups),
    resources: strings(rule.resources),
    resourceNames: strings(rule.resourceNames),
    nonResourceURLs: strings(rule.nonResourceURLs),
  }
}

export const toPolicyRules = (json: unknown): PolicyRule[] => (Array.isArray(json) ? json.map(toPolicyRule) : [])

/** A rule as kube-apiserver writes it: Go's field order, empty lists left out (all but verbs are omitempty). */
export function policyRuleJson(rule: PolicyRule): Record<string, string[]> {
  const json: Record<string, string[]> = { verbs: [...rule.verbs] }
  if (rule.apiGroups.length) json.apiGroups = [...rule.apiGroups]
  if (rule.resources.length) json.resources = [...rule.resources]
  if (rule.resourceNames.length) json.resourceNames = [...rule.resourceNames]
  if (rule.nonResourceURLs.length) json.nonResourceURLs = [...rule.nonResourceURLs]
  return json
}

/** A rule written in short: `rule(['get'], { apiGroups: [''], resources: ['pods'] })`. */
export function rule(verbs: readonly string[], parts: Partial<Omit<PolicyRule, 'verbs'>>): PolicyRule {
  return { verbs, apiGroups: parts.apiGroups ?? [], resources: parts.resources ?? [], resourceNames: parts.resourceNames ?? [], nonResourceURLs: parts.nonResourceURLs ?? [] }
}

/** Semantic equality of two rules (kube's equality.Semantic.DeepEqual: nil and empty lists are equal). */
export function isSameRule(a: PolicyRule, b: PolicyRule): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i])
  return same(a.verbs, b.verbs) && same(a.apiGroups, b.apiGroups) && same(a.resources, b.resources) &&
    same(a.resourceNames, b.resourceNames) && same(a.nonResourceURLs, b.nonResourceURLs)
}
