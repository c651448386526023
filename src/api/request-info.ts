import { parseFieldSelector } from './field-selector.js'
import { queryBool } from './query-params.js'

/**
 * What a request asks for, read from its method and URL as kube-apiserver's RequestInfoFactory
 * reads it (k8s: staging/apiserver/pkg/endpoints/request/requestinfo.go): authentication, audit
 * and authorization see every request through it. Empty strings where the URL names nothing, as in kube.
 */
export interface RequestInfo {
  /** under /api/{version}/… or /apis/{group}/{version}/… with at least a resource */
  isResourceRequest: boolean
  path: string
  /** get list watch create update patch delete deletecollection (or proxy); for non-resource requests the method, lowercased */
  verb: string
  apiPrefix: string
  apiGroup: string
  apiVersion: string
  /** a Namespace's own URL (`namespaces/team`, `namespaces/team/status`) is in that namespace */
  namespace: string
  resource: string
  subresource: string
  /** from the path, or for a list or watch from `fieldSelector=metadata.name=…` */
  name: string
  /** the path from the resource on: resource, name, subresource, anything after */
  parts: readonly string[]
}

/** A resource request as the router serves it: only the shapes kube-apiserver registers routes for. */
export interface ResourceRequestInfo {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection'
  group: string
  version: string
  resource: string
  /** '' when the URL names none, and for a Namespace's own URL */
  namespace: string
  name?: string
  subresource?: string
}

const API_PREFIXES = new Set(['api', 'apis'])
// Verbs a path may start with: /api/v1/watch/namespaces/ns/pods (deprecated, still served).
const SPECIAL_VERBS = new Set(['proxy', 'watch'])
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])
const METHOD_VERBS: Readonly<Record<string, string>> = { POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }

function splitPath(path: string): string[] {
  // the usual path (one leading slash, none trailing) needs no regex
  const isPlain = path.length > 1 && path.charCodeAt(0) === SLASH && path.charCodeAt(1) !== SLASH && path.charCodeAt(path.length - 1) !== SLASH
  const trimmed = isPlain ? path.slice(1) : path.replace(/^\/+|\/+$/g, '')
  return trimmed === '' ? [] : trimmed.split('/')
}

const SLASH = 0x2f

const nonResourceInfo = (method: string, pathname: string): RequestInfo => ({
  isResourceRequest: false, path: pathname, verb: method.toLowerCase(),
  apiPrefix: '', apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', parts: [],
})

/** Parses any request: a resource request, or anything else (discovery, /healthz, watchplane's own pages). */
export function parseRequestInfo(method: string, pathname: string, query: URLSearchParams): RequestInfo {
  let parts = splitPath(pathname)
  if (parts.length < 3 || !API_PREFIXES.has(parts[0]!)) return nonResourceInfo(method, pathname)
  const apiPrefix = parts[0]!
  let apiGroup = ''
  if (apiPrefix === 'apis') {
    if (parts.length < 4) return nonResourceInfo(method, pathname)
    apiGroup = parts[1]!
    parts = parts.slice(2)
  } else parts = parts.slice(1)
  const apiVersion = parts[0]!
  parts = parts.slice(1)
  let verb = METHOD_VERBS[method] ?? ''
  const isVerbInPath = SPECIAL_VERBS.has(parts[0]!) && parts.length >= 2
  if (isVerbInPath) {
    verb = parts[0]!
    parts = parts.slice(1)
  }
  let namespace = ''
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1]!
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2)
  }
  const [resource = '', pathName = '', subresource = ''] = parts
  const refined = refineVerb({ verb, name: pathName }, query)
  // One literal with every field, in the order of nonResourceInfo's: every RequestInfo shares one shape
  // (a watch keeps its RequestInfo, on its audit record, for as long as it is open).
  return {
    isResourceRequest: true, path: pathname, verb: refined.verb, apiPrefix, apiGroup, apiVersion, namespace, resource,
    subresource: verb === 'proxy' ? '' : subresource, name: refined.name, parts,
  }
}

/**
 * A GET without a name lists, or watches with `watch` set, and a list or watch narrowed to
 * `metadata.name=x` names x; a DELETE without a name is a deletecollection. watchplane also serves
 * a GET of one object with `watch` set as a watch of it, and so authorizes it as one.
 */
function refineVerb(info: Pick<RequestInfo, 'verb' | 'name'>, query: URLSearchParams): Pick<RequestInfo, 'verb' | 'name'> {
  if (info.verb === 'get' && info.name !== '') return queryBool(query, 'watch') ? { verb: 'watch', name: info.name } : info
  if (info.verb === 'delete' && info.name === '') return { verb: 'deletecollection', name: '' }
  if (info.verb !== 'get') return info
  return { verb: queryBool(query, 'watch') ? 'watch' : 'list', name: nameFromFieldSelector(query.get('fieldSelector')) }
}

/** fields.Selector.RequiresExactMatch("metadata.name"), kept only when it is a valid path segment */
function nameFromFieldSelector(raw: string | null): string {
  let name: string | undefined
  try {
    name = parseFieldSelector(raw ?? '').requirements.find((r) => r.field === 'metadata.name' && r.operator === '=')?.value
  } catch {
    // A selector that does not parse leaves the request a plain list (kube logs it and goes on).
    return ''
  }
  if (name === undefined || name === '.' || name === '..' || /[/%]/.test(name)) return ''
  return name
}

const ROUTED_VERBS = new Set<string>(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])

/**
 * The route of a resource request, or undefined for what no route serves (a proxy, an unknown
 * method, a path deeper than a subresource). The name is the path's only, and a Namespace's own
 * URL is served as the cluster-scoped object it is.
 */
export function resourceRouteOf(info: RequestInfo): ResourceRequestInfo | undefined {
  if (!info.isResourceRequest || !ROUTED_VERBS.has(info.verb) || info.parts.length > 3) return undefined
  const [resource, name, subresource] = info.parts
  if (!resource) return undefined
  const isNamespaceItself = info.apiGroup === '' && resource === 'namespaces' && name !== undefined
  return {
    verb: info.verb as ResourceRequestInfo['verb'],
    group: info.apiGroup,
    version: info.apiVersion,
    resource,
    namespace: isNamespaceItself ? '' : info.namespace,
    ...(name === undefined ? {} : { name }),
    ...(subresource === undefined ? {} : { subresource }),
  }
}

/** Both at once: the route of a URL, for callers that have no RequestInfo yet (a multiplexed subscription). */
export const parseResourcePath = (method: string, pathname: string, query: URLSearchParams) =>
  resourceRouteOf(parseRequestInfo(method, pathname, query))
