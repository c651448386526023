import { queryBool } from './query-params.js'

/** What a resource URL addresses (k8s: apiserver/pkg/endpoints/request/requestinfo.go). */
export interface ResourceRequestInfo {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection'
  group: string
  version: string
  resource: string
  /** '' when the URL names none */
  namespace: string
  name?: string
  subresource?: string
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])


function verbOf(method: string, hasName: boolean, query: URLSearchParams): ResourceRequestInfo['verb'] | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      // `watch` as requestinfo.go reads it: anything but absent, "0" or "false" (any case) watches.
      if (queryBool(query, 'watch')) return 'watch'
      return hasName ? 'get' : 'list'
    case 'POST':
      return 'create'
    case 'PUT':
      return 'update'
    case 'PATCH':
      return 'patch'
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection'
    default:
      return undefined
  }
}

/**
 * Parses /api/v1/... and /apis/{group}/{version}/... resource paths; undefined for anything else
 * (discovery, health, unknown paths). `namespaces/{ns}/{resource}` scopes to a namespace, except
 * that `namespaces/{name}` with nothing after it is the Namespace object itself.
 */
export function parseResourcePath(method: string, pathname: string, query: URLSearchParams): ResourceRequestInfo | undefined {
  const parts = pathname.split('/').filter(Boolean)
  let rest: string[]
  let group = ''
  if (parts[0] === 'api' && parts.length >= 3) rest = parts.slice(2)
  else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!
    rest = parts.slice(3)
  } else return undefined
  const version = parts[0] === 'api' ? parts[1]! : parts[2]!
  let namespace = ''
  // namespaces/{name}/status and /finalize are the Namespace's own subresources, not resources in it.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
    namespace = rest[1]!
    rest = rest.slice(2)
  }
  const [resource, name, subresource, ...extra] = rest
  if (!resource || extra.length > 0) return undefined
  const verb = verbOf(method, name !== undefined, query)
  if (!verb) return undefined
  return { verb, group, version, resource, namespace, ...(name === undefined ? {} : { name }), ...(subresource === undefined ? {} : { subresource }) }
}
