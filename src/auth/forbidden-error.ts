import { forbiddenFor, type ApiError } from '../api/errors.js'
import type { AuthorizationAttributes } from './authorization-attributes.js'

/**
 * What a denied request is told (k8s: staging/apiserver/pkg/endpoints/handlers/responsewriters/
 * errors.go Forbidden and forbiddenMessage): `User "jane" cannot get resource "pods" in API group
 * "" in the namespace "default"`, `… at the cluster scope`, `pods/log` for a subresource,
 * `User "jane" cannot get path "/metrics"` for a non-resource URL; the authorizer's reason, when
 * it gave one, after a colon. Wrapped as kube's NewForbidden of the group and resource (without
 * the subresource) and the name: `pods "x" is forbidden: …`.
 */
export function forbiddenError(attributes: AuthorizationAttributes, reason: string): ApiError {
  const message = forbiddenMessage(attributes)
  const why = reason ? `${message}: ${reason}` : message
  if (!attributes.isResourceRequest) return forbiddenFor({ group: '', resource: '' }, '', why)
  return forbiddenFor({ group: attributes.apiGroup ?? '', resource: attributes.resource ?? '' }, attributes.name ?? '', why)
}

export function forbiddenMessage(attributes: AuthorizationAttributes): string {
  const user = JSON.stringify(attributes.user.name)
  if (!attributes.isResourceRequest) return `User ${user} cannot ${attributes.verb} path ${JSON.stringify(attributes.path ?? '')}`
  const resource = attributes.subresource ? `${attributes.resource ?? ''}/${attributes.subresource}` : (attributes.resource ?? '')
  const what = `User ${user} cannot ${attributes.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attributes.apiGroup ?? '')}`
  return attributes.namespace ? `${what} in the namespace ${JSON.stringify(attributes.namespace)}` : `${what} at the cluster scope`
}
