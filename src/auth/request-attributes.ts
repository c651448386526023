import { parseFieldSelector } from '../api/field-selector.js'
import type { ResourceRequestInfo } from '../api/request-info.js'
import type { AuthorizationAttributes } from './authorization-attributes.js'
import type { UserInfo } from './user-info.js'

// What a request asks to do, as kube-apiserver's RequestInfoFactory reads it from the URL
// (k8s: staging/apiserver/pkg/endpoints/request/requestinfo.go), so that RBAC judges watchplane's
// requests exactly as it would judge kube's.

/**
 * A resource request. Two of kube's readings differ from the URL's plain shape: a Namespace's own
 * URL (`/api/v1/namespaces/team`, `…/team/status`) is in namespace `team`, so a RoleBinding there
 * can grant reading it; and a list or watch narrowed by `fieldSelector=metadata.name=x` names `x`,
 * so `resourceNames` rules apply to `kubectl get pod x -w`.
 */
export function resourceAttributes(user: UserInfo, info: ResourceRequestInfo, query: URLSearchParams): AuthorizationAttributes {
  const isNamespaceItself = info.resource === 'namespaces' && info.group === '' && info.name !== undefined
  const name = info.name ?? (info.verb === 'list' || info.verb === 'watch' ? nameFromFieldSelector(query.get('fieldSelector')) : undefined)
  return {
    user,
    verb: info.verb,
    isResourceRequest: true,
    apiGroup: info.group,
    apiVersion: info.version,
    resource: info.resource,
    ...(info.subresource ? { subresource: info.subresource } : {}),
    namespace: isNamespaceItself ? info.name! : info.namespace,
    ...(name ? { name } : {}),
  }
}

/** Anything else (discovery, /healthz, /metrics, watchplane's own pages): the HTTP method, lowercased, on the path. */
export function nonResourceAttributes(user: UserInfo, method: string, path: string): AuthorizationAttributes {
  return { user, verb: method.toLowerCase(), isResourceRequest: false, path }
}

/** fields.Selector.RequiresExactMatch("metadata.name"), kept only when it is a valid path segment */
function nameFromFieldSelector(raw: string | null): string | undefined {
  if (!raw) return undefined
  let name: string | undefined
  try {
    name = parseFieldSelector(raw).requirements.find((r) => r.field === 'metadata.name' && r.operator === '=')?.value
  } catch {
    // A selector kube cannot parse leaves the request a plain list (requestinfo.go logs and goes on).
    return undefined
  }
  const isPathSegment = name !== undefined && name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name)
  return isPathSegment ? name : undefined
}
