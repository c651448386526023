import type { RequestInfo } from '../../api/request-info.js'
import type { AuthorizationAttributes } from '../../auth/authorization-attributes.js'
import type { UserInfo } from '../../auth/user-info.js'

/**
 * What a request asks to do, for the authorizer: its RequestInfo as kube's
 * authorizer.AttributesRecord carries it (k8s: staging/apiserver/pkg/endpoints/filters/authorization.go
 * GetAuthorizerAttributes). The as-of view, the history API and the change feed are authorized as
 * what they read (docs/decisions/0017-tls-and-authentication.md); RBAC may narrow that.
 */
export function requestAttributes(user: UserInfo, info: RequestInfo): AuthorizationAttributes {
  if (!info.isResourceRequest) return { user, verb: info.verb, isResourceRequest: false, path: info.path }
  return {
    user,
    verb: info.verb,
    isResourceRequest: true,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    ...(info.subresource ? { subresource: info.subresource } : {}),
    namespace: info.namespace,
    ...(info.name ? { name: info.name } : {}),
  }
}
