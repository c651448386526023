import type { AuthorizationAttributes } from '../authorization-attributes.js'
import { ALL, type PolicyRule } from './policy-rule.js'

// Does one rule allow one request? (k8s: plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and
// pkg/apis/rbac/v1/evaluation_helpers.go VerbMatches, APIGroupMatches, ResourceMatches,
// ResourceNameMatches, NonResourceURLMatches.)

const matchesOrAll = (values: readonly string[], wanted: string) => values.some((v) => v === ALL || v === wanted)

export const verbMatches = (rule: PolicyRule, verb: string) => matchesOrAll(rule.verbs, verb)

export const apiGroupMatches = (rule: PolicyRule, group: string) => matchesOrAll(rule.apiGroups, group)

// `*`, the exact `resource/subresource`, or `*/subresource` for that subresource of any resource
export function resourceMatches(rule: PolicyRule, combinedResource: string, subresource: string): boolean {
  return rule.resources.some((r) => r === ALL || r === combinedResource || (subresource !== '' && r === `*/${subresource}`))
}

/** no names means every name; a request without a name (list, create) only passes a rule without names */
export const resourceNameMatches = (rule: PolicyRule, name: string) => rule.resourceNames.length === 0 || rule.resourceNames.includes(name)

/** `*`, the exact path, or a prefix ending in `*` (`/api/*` also matches `/api/`, not `/api`) */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((url) => url === ALL || url === path || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))))
}

export function ruleAllows(attributes: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attributes.verb)) return false
  if (!attributes.isResourceRequest) return nonResourceURLMatches(rule, attributes.path ?? '')
  const subresource = attributes.subresource ?? ''
  const resource = attributes.resource ?? ''
  const combined = subresource ? `${resource}/${subresource}` : resource
  return apiGroupMatches(rule, attributes.apiGroup ?? '') && resourceMatches(rule, combined, subresource) &&
    resourceNameMatches(rule, attributes.name ?? '')
}
