import type { JsonObject } from '../../api/json-object.js'
import type { PolicyRule } from '../rbac/policy-rule.js'
import type { RbacAuthorizer } from '../rbac/rbac-authorizer.js'
import { aggregateErrors, roleRefErrorText } from '../rbac/rule-resolver.js'
import type { UserInfo } from '../user-info.js'

// SelfSubjectRulesReview: what the user may do in a namespace, as RBAC lists it (k8s:
// pkg/registry/authorization/selfsubjectrulesreview/rest.go; plugin/pkg/auth/authorizer/rbac/rbac.go RulesFor).

const resourceRule = (r: PolicyRule): JsonObject => ({
  verbs: [...r.verbs],
  ...(r.apiGroups.length ? { apiGroups: [...r.apiGroups] } : {}),
  ...(r.resources.length ? { resources: [...r.resources] } : {}),
  ...(r.resourceNames.length ? { resourceNames: [...r.resourceNames] } : {}),
})

/**
 * The review's status: resource rules and non-resource rules as the user holds them in
 * `namespace` (cluster-wide ones first), never incomplete (RBAC knows all its rules), and the
 * missing roles met on the way as the evaluation error.
 */
export function rulesReviewStatus(authorizer: RbacAuthorizer, user: UserInfo, namespace: string): JsonObject {
  const { rules, errors } = authorizer.rulesFor(user, namespace)
  const evaluationError = aggregateErrors(errors.map((e) => roleRefErrorText(e, 'singular')))
  return {
    resourceRules: rules.filter((r) => r.resources.length > 0).map(resourceRule),
    nonResourceRules: rules.filter((r) => r.nonResourceURLs.length > 0).map((r) => ({ verbs: [...r.verbs], nonResourceURLs: [...r.nonResourceURLs] })),
    incomplete: false,
    ...(evaluationError ? { evaluationError } : {}),
  }
}
