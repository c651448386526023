import { goSlice, goValue, invalidField, requiredField, unsupportedField } from '../../api/field-errors.js'
import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { items, text } from '../printers/fields.js'
import { defaultBinding } from '../defaults/rbac-defaults.js'
import { checkBindingEscalation, checkRoleEscalation } from '../rbac/escalation-check.js'
import type { Strategy } from '../strategy.js'

// Roles and bindings (k8s: pkg/apis/rbac/validation/validation.go, pkg/apis/rbac/v1/defaults.go).
// Names are path segments (`system:node`). Writes are checked for escalation before validation
// (rbac/escalation-check.ts); aggregated ClusterRoles get their rules from rbac/cluster-role-aggregator.ts.

const RBAC_GROUP = 'rbac.authorization.k8s.io'

/** ValidatePolicyRule: verbs always; API groups and resources, or (cluster roles only) non-resource URLs. */
function policyRuleCauses(rule: unknown, path: string, isNamespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = []
  const has = (field: string) => items(rule, field).length > 0
  if (!has('verbs')) causes.push(requiredField(`${path}.verbs`, 'verbs must contain at least one value'))
  if (has('nonResourceURLs')) {
    const urls = goSlice(items(rule, 'nonResourceURLs'))
    if (isNamespaced) causes.push(invalidField(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'))
    if (has('apiGroups') || has('resources') || has('resourceNames')) {
      causes.push(invalidField(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'))
    }
    return causes
  }
  if (!has('apiGroups')) causes.push(requiredField(`${path}.apiGroups`, 'resource rules must supply at least one api group'))
  if (!has('resources')) causes.push(requiredField(`${path}.resources`, 'resource rules must supply at least one resource'))
  return causes
}

const rulesCauses = (role: KubeObject, isNamespaced: boolean) =>
  items(role, 'rules').flatMap((rule, i) => policyRuleCauses(rule, `rules[${i}]`, isNamespaced))

function aggregationCauses(role: KubeObject): StatusCause[] {
  if (!isJsonObject(role.aggregationRule) || items(role, 'aggregationRule.clusterRoleSelectors').length > 0) return []
  return [requiredField('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil')]
}

export const roleStrategy: Strategy = { nameRule: 'pathSegment', checkRequester: checkRoleEscalation, validate: (role) => rulesCauses(role, true) }

export const clusterRoleStrategy: Strategy = {
  nameRule: 'pathSegment',
  checkRequester: checkRoleEscalation,
  validate: (role) => [...rulesCauses(role, false), ...aggregationCauses(role)],
}

/** ValidateRoleBindingSubject; a cluster binding's service accounts need a namespace. */
function subjectCauses(subject: unknown, path: string, isNamespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = text(subject, 'name') ? [] : [requiredField(`${path}.name`)]
  const apiGroup = text(subject, 'apiGroup')
  switch (text(subject, 'kind')) {
    case 'ServiceAccount':
      if (apiGroup) causes.push(unsupportedField(`${path}.apiGroup`, apiGroup, ['']))
      if (!isNamespaced && !text(subject, 'namespace')) causes.push(requiredField(`${path}.namespace`))
      return causes
    case 'User':
    case 'Group':
      return apiGroup === RBAC_GROUP ? causes : [...causes, unsupportedField(`${path}.apiGroup`, apiGroup, [RBAC_GROUP])]
    default:
      return [...causes, unsupportedField(`${path}.kind`, text(subject, 'kind'), ['ServiceAccount', 'User', 'Group'])]
  }
}

interface BindingRules {
  /** what roleRef.kind may name */
  roleKinds: readonly string[]
  /** a RoleBinding's service account subjects may leave their namespace out; a ClusterRoleBinding's must name one */
  isNamespaced: boolean
}

function bindingCauses(binding: KubeObject, { roleKinds, isNamespaced }: BindingRules): StatusCause[] {
  const causes: StatusCause[] = []
  const apiGroup = text(binding, 'roleRef.apiGroup')
  if (apiGroup !== RBAC_GROUP) causes.push(unsupportedField('roleRef.apiGroup', apiGroup, [RBAC_GROUP]))
  const kind = text(binding, 'roleRef.kind')
  if (!roleKinds.includes(kind)) causes.push(unsupportedField('roleRef.kind', kind, roleKinds))
  if (!text(binding, 'roleRef.name')) causes.push(requiredField('roleRef.name'))
  return [...causes, ...items(binding, 'subjects').flatMap((s, i) => subjectCauses(s, `subjects[${i}]`, isNamespaced))]
}

/** %#v of the internal rbac.RoleRef, as kube prints it in the roleRef update error. */
const goRoleRef = (binding: KubeObject) =>
  `rbac.RoleRef{APIGroup:${goValue(text(binding, 'roleRef.apiGroup'))}, Kind:${goValue(text(binding, 'roleRef.kind'))}, Name:${goValue(text(binding, 'roleRef.name'))}}`

/** ValidateRoleBindingUpdate: a binding's role can never change; delete and recreate it instead. */
function roleRefUpdateCauses(next: KubeObject, current: KubeObject): StatusCause[] {
  const same = ['apiGroup', 'kind', 'name'].every((f) => text(next, `roleRef.${f}`) === text(current, `roleRef.${f}`))
  return same ? [] : [invalidField('roleRef', goRoleRef(next), 'cannot change roleRef')]
}

function bindingStrategy(rules: BindingRules): Strategy {
  return {
    nameRule: 'pathSegment',
    checkRequester: checkBindingEscalation,
    applyDefaults: defaultBinding,
    validate: (binding) => bindingCauses(binding, rules),
    validateUpdate: roleRefUpdateCauses,
  }
}

export const roleBindingStrategy = bindingStrategy({ roleKinds: ['Role', 'ClusterRole'], isNamespaced: true })
export const clusterRoleBindingStrategy = bindingStrategy({ roleKinds: ['ClusterRole'], isNamespaced: false })
