import type { RequestInfo } from '../api/request-info.js'
import type { AuthorizationAttributes } from './authorization-attributes.js'
import type { UserInfo } from './user-info.js'

/**
 * What a request asks to do, for the authorizer: its RequestInfo as kube's
 * authorizer.AttributesRecord carries it (k8s: staging/apiserver/pkg/endpoints/filters/authorization.go
 * GetAuthorizerAttributes). Inside the as-of view a request is the `history` subresource of what it reads (watchplane-endpoints.ts).
 */
export function requestAttributes(user: UserInfo, info: RequestInfo): AuthorizationAttributes {
  if (!info.isResourceRequest) return { user, verb: info.verb, isResourceRequest: false, path: info.path }
  // assigned, not spread: once per request
  const attributes: AuthorizationAttributes = {
    user, verb: info.verb, isResourceRequest: true, apiGroup: info.apiGroup, apiVersion: info.apiVersion, resource: info.resource, namespace: info.namespace,
  }
  if (info.subresource) attributes.subresource = info.subresource
  if (info.name) attributes.name = info.name
  return attributes
}
