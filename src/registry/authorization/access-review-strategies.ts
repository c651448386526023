import { badRequest, invalid } from '../../api/errors.js'
import { goValue, invalidField } from '../../api/field-errors.js'
import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import { reviewAttributes, reviewStatus, userOfSpec } from '../../auth/reviews/access-review.js'
import { rulesReviewStatus } from '../../auth/reviews/rules-review.js'
import type { Strategy, RequestedWrite } from '../strategy.js'

// authorization.k8s.io/v1: create-only kinds that store nothing; each create is answered by the
// authorizer (k8s: pkg/registry/authorization/{selfsubjectaccessreview,subjectaccessreview,
// localsubjectaccessreview,selfsubjectrulesreview}/rest.go, pkg/apis/authorization/validation).

const GROUP = 'authorization.k8s.io'

const specOf = (object: KubeObject): JsonObject => (isJsonObject(object.spec) ? object.spec : {})

/** `authorization.NonResourceAttributes{Path:"/x", Verb:"get"}`, the %#v kube's field error prints */
function goNonResourceAttributes(value: unknown): string {
  if (!isJsonObject(value)) return goValue('null')
  return `authorization.NonResourceAttributes{Path:${goValue(value.path ?? '')}, Verb:${goValue(value.verb ?? '')}}`
}

/** ValidateSelfSubjectAccessReviewSpec: exactly one of resourceAttributes and nonResourceAttributes */
function attributesCauses(spec: JsonObject): StatusCause[] {
  const hasResource = isJsonObject(spec.resourceAttributes)
  const hasNonResource = isJsonObject(spec.nonResourceAttributes)
  if (hasResource && hasNonResource) return [invalidField('spec.nonResourceAttributes', goNonResourceAttributes(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes')]
  // A nil pointer prints as the string "null", quoted (field/errors.go).
  if (!hasResource && !hasNonResource) return [invalidField('spec.resourceAttributes', goValue('null'), 'exactly one of nonResourceAttributes or resourceAttributes must be specified')]
  return []
}

/** ValidateSubjectAccessReviewSpec adds: the user or a group to ask about */
function subjectCauses(spec: JsonObject): StatusCause[] {
  const hasUser = typeof spec.user === 'string' && spec.user !== ''
  const hasGroups = Array.isArray(spec.groups) && spec.groups.length > 0
  return hasUser || hasGroups ? [] : [invalidField('spec.user', goValue(spec.user ?? ''), 'at least one of user or group must be specified')]
}

/** a review's metadata must be empty (managedFields aside; a LocalSubjectAccessReview keeps its namespace) */
function metadataCauses(object: KubeObject, allowed: readonly string[]): StatusCause[] {
  const set = Object.entries(object.metadata).filter(([field, value]) => value !== null && value !== undefined && field !== 'managedFields' && !allowed.includes(field))
  if (set.length === 0) return []
  const detail = allowed.length ? 'must be empty except for namespace' : 'must be empty'
  return [invalidField('metadata', JSON.stringify(Object.fromEntries(set)), detail)]
}

function checkValid(object: KubeObject, causes: StatusCause[]): void {
  if (causes.length) throw invalid(object.kind ?? '', GROUP, '', causes)
}

/** the review as kube answers it: the request's spec, empty metadata, and the status */
function answer(object: KubeObject, status: JsonObject, namespace = ''): KubeObject {
  const metadata = { ...(namespace ? { namespace } : {}), creationTimestamp: null } as unknown as KubeObject['metadata']
  return { kind: object.kind, apiVersion: object.apiVersion, metadata, spec: specOf(object), status }
}

function requestingUser({ scope }: RequestedWrite) {
  if (!scope.user) throw badRequest('no user present on request')
  return scope.user
}

export const selfSubjectAccessReviewStrategy: Strategy = {
  answerCreate: (write) => {
    const spec = specOf(write.object)
    checkValid(write.object, [...attributesCauses(spec), ...metadataCauses(write.object, [])])
    const decision = write.ctx.authorizer.authorize(reviewAttributes(requestingUser(write), spec))
    return answer(write.object, reviewStatus(decision))
  },
}

export const subjectAccessReviewStrategy: Strategy = {
  answerCreate: ({ object, ctx }) => {
    const spec = specOf(object)
    checkValid(object, [...attributesCauses(spec), ...subjectCauses(spec), ...metadataCauses(object, [])])
    return answer(object, reviewStatus(ctx.authorizer.authorize(reviewAttributes(userOfSpec(spec), spec))))
  },
}

export const localSubjectAccessReviewStrategy: Strategy = {
  answerCreate: ({ object, scope, ctx }) => {
    const spec = specOf(object)
    const causes = [...attributesCauses(spec), ...subjectCauses(spec), ...metadataCauses(object, ['namespace'])]
    const resourceNamespace = isJsonObject(spec.resourceAttributes) ? (spec.resourceAttributes.namespace ?? '') : undefined
    if (resourceNamespace !== undefined && resourceNamespace !== scope.namespace) {
      causes.push(invalidField('spec.resourceAttributes.namespace', goValue(resourceNamespace), 'must match metadata.namespace'))
    }
    if (isJsonObject(spec.nonResourceAttributes)) causes.push(invalidField('spec.nonResourceAttributes', goNonResourceAttributes(spec.nonResourceAttributes), 'disallowed on this kind of request'))
    checkValid(object, causes)
    return answer(object, reviewStatus(ctx.authorizer.authorize(reviewAttributes(userOfSpec(spec), spec))), scope.namespace)
  },
}

export const selfSubjectRulesReviewStrategy: Strategy = {
  answerCreate: (write) => {
    const user = requestingUser(write)
    const namespace = specOf(write.object).namespace
    if (typeof namespace !== 'string' || namespace === '') throw badRequest('no namespace on request')
    // kube answers with a new object: the spec it was asked with is not echoed.
    return { ...answer(write.object, rulesReviewStatus(write.ctx.authorizer, user, namespace)), spec: {} }
  },
}
