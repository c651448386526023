import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import type { AuthorizationAttributes, AuthorizationDecision } from '../authorization-attributes.js'
import type { UserInfo } from '../user-info.js'

// The *SubjectAccessReview kinds ask the authorizer one question and answer in their status
// (k8s: pkg/registry/authorization/util/helpers.go ResourceAttributesFrom, NonResourceAttributesFrom,
// AuthorizationAttributesFrom; selfsubjectaccessreview/rest.go, subjectaccessreview/rest.go).

const textOf = (json: JsonObject, field: string) => (typeof json[field] === 'string' ? json[field] : '')
const stringsOf = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** spec.resourceAttributes or spec.nonResourceAttributes as the request to judge, for `user` */
export function reviewAttributes(user: UserInfo, spec: JsonObject): AuthorizationAttributes {
  if (isJsonObject(spec.resourceAttributes)) {
    const r = spec.resourceAttributes
    return {
      user,
      verb: textOf(r, 'verb'),
      isResourceRequest: true,
      namespace: textOf(r, 'namespace'),
      apiGroup: textOf(r, 'group'),
      // An unset version matches all versions (matchAllVersionIfEmpty).
      apiVersion: textOf(r, 'version') || '*',
      resource: textOf(r, 'resource'),
      subresource: textOf(r, 'subresource'),
      name: textOf(r, 'name'),
    }
  }
  const n = isJsonObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : {}
  return { user, verb: textOf(n, 'verb'), isResourceRequest: false, path: textOf(n, 'path') }
}

/** The user a SubjectAccessReview asks about: spec.user, groups, uid and extra. */
export function userOfSpec(spec: JsonObject): UserInfo {
  const extra = isJsonObject(spec.extra) ? Object.fromEntries(Object.entries(spec.extra).map(([k, v]) => [k, stringsOf(v)])) : undefined
  return {
    name: textOf(spec, 'user'),
    groups: stringsOf(spec.groups),
    ...(textOf(spec, 'uid') ? { uid: textOf(spec, 'uid') } : {}),
    ...(extra ? { extra } : {}),
  }
}

/** SubjectAccessReviewStatus: allowed, and the reason when there is one (RBAC never denies outright). */
export function reviewStatus(decision: AuthorizationDecision): JsonObject {
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) }
}
