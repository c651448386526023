import type { IncomingMessage, ServerResponse } from 'node:http'
import { methodNotAllowed, pathNotFound } from '../api/errors.js'
import type { ResourceRequestInfo } from '../api/request-info.js'
import type { Config } from '../config/config.js'
import type { ResourceRegistry } from '../registry/resource-registry.js'
import { subresourceNames, subresourceVerbs, type ResourceDefinition } from '../registry/resource-definition.js'
import type { StoreContext } from '../registry/store-context.js'
import type { WatchHub } from '../watch/watch-hub.js'
import type { HandlerContext } from './handler-context.js'
import { handleCreate } from './handlers/create.js'
import { handleCreateToken } from './handlers/create-token.js'
import { handleDeleteCollection } from './handlers/delete-collection.js'
import { handleDelete } from './handlers/delete.js'
import { handleGet } from './handlers/get.js'
import { handleList } from './handlers/list.js'
import { handlePatch } from './handlers/patch.js'
import { handleUpdate } from './handlers/update.js'
import { handleWatch } from './handlers/watch.js'
import { requestScopeFrom } from './query/request-scope-from.js'
import type { RequestContext } from './pipeline/request-context.js'
import type { WatchAuthorization } from '../auth/watch-authorization.js'
import type { WatchQuota } from './limits/watch-quota.js'

const HANDLERS: Record<ResourceRequestInfo['verb'], (ctx: HandlerContext) => void | Promise<void>> = {
  get: handleGet,
  list: handleList,
  watch: handleWatch,
  create: handleCreate,
  update: handleUpdate,
  patch: handlePatch,
  delete: handleDelete,
  deletecollection: handleDeleteCollection,
}

// The routes kube-apiserver registers (endpoints/installer.go): collections take list, watch,
// create and deletecollection; objects get, watch, update, patch and delete; a namespaced
// resource's cluster-wide path only lists and watches.
const COLLECTION_VERBS = new Set(['list', 'watch', 'create', 'deletecollection'])
const OBJECT_VERBS = new Set(['get', 'watch', 'update', 'patch', 'delete'])

function checkVerbFitsPath(info: ResourceRequestInfo, definition: ResourceDefinition): void {
  if (info.subresource !== undefined) return
  if (!(definition.verbs as readonly string[]).includes(info.verb)) throw methodNotAllowed()
  const isClusterWide = definition.isNamespaced && !info.namespace
  if (info.name !== undefined) {
    if (isClusterWide) throw pathNotFound()
    if (!OBJECT_VERBS.has(info.verb)) throw methodNotAllowed()
    return
  }
  if (!COLLECTION_VERBS.has(info.verb)) throw methodNotAllowed()
  if (isClusterWide && info.verb !== 'list' && info.verb !== 'watch') throw methodNotAllowed()
}

export interface ResourceRouterDeps {
  registry: ResourceRegistry
  store: StoreContext
  hub: WatchHub
  config: Readonly<Config>
  /** follows every watch it allows: a later RBAC change that denies it ends it */
  watchAuthorization: WatchAuthorization
  /** open watches per user */
  watchQuota: WatchQuota
}

/** A resource request resolved to its kind and registry scope: all a verb handler needs but the response. */
export type ResolvedRequest = Omit<HandlerContext, 'res'>

/**
 * Every resource request, whichever way it came in (plain, WebSocket, multiplexed subscription),
 * once admitted: the kind it addresses (404), the verb fits the path (405), the registry's scope
 * with the user and the as-of revision on it.
 */
export function resolveResourceRequest(
  deps: ResourceRouterDeps,
  request: { req: IncomingMessage; ctx: Pick<RequestContext, 'url' | 'user' | 'asOf' | 'log' | 'audit' | 'attributes'>; route: ResourceRequestInfo },
): ResolvedRequest {
  const { route: info, ctx } = request
  const definition = deps.registry.find(info.group, info.version, info.resource)
  if (!definition) throw pathNotFound()
  if (info.subresource !== undefined) {
    const sub = subresourceNames(definition).find((name) => name === info.subresource)
    if (!sub) throw pathNotFound()
    if (!(subresourceVerbs(sub) as readonly string[]).includes(info.verb)) throw methodNotAllowed()
  }
  checkVerbFitsPath(info, definition)
  const scope = requestScopeFrom(request.req, ctx.url.searchParams, info, definition)
  scope.user = ctx.user
  if (ctx.asOf !== undefined) scope.asOf = ctx.asOf
  ctx.audit.scope = scope
  const resolved: ResolvedRequest = { req: request.req, query: ctx.url.searchParams, info, scope, store: deps.store, hub: deps.hub, config: deps.config, log: ctx.log }
  if (info.verb === 'watch') {
    resolved.revocation = (onRevoked) => deps.watchAuthorization.watch(ctx.attributes, onRevoked)
    resolved.watchQuota = deps.watchQuota
  }
  return resolved
}

/** A plain HTTP resource request: resolved, then handed to its verb's handler. */
export function routeResourceRequest(
  deps: ResourceRouterDeps,
  request: { req: IncomingMessage; res: ServerResponse; ctx: RequestContext; route: ResourceRequestInfo },
): void | Promise<void> {
  const resolved = resolveResourceRequest(deps, request)
  const handler = request.route.subresource === 'token' ? handleCreateToken : HANDLERS[request.route.verb]
  return handler({ ...resolved, res: request.res })
}
