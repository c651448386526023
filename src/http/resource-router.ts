import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { methodNotAllowed, pathNotFound } from '../api/errors.js'
import type { ResourceRequestInfo } from '../api/request-info.js'
import type { Config } from '../config/config.js'
import type { Revision } from '../api/resource-version.js'
import type { ResourceRegistry } from '../registry/resource-registry.js'
import { subresourceNames, type ResourceDefinition } from '../registry/resource-definition.js'
import type { StoreContext } from '../registry/store-context.js'
import type { WatchHub } from '../watch/watch-hub.js'
import type { HandlerContext } from './handler-context.js'
import { handleCreate } from './handlers/create.js'
import { handleDeleteCollection } from './handlers/delete-collection.js'
import { handleDelete } from './handlers/delete.js'
import { handleGet } from './handlers/get.js'
import { handleList } from './handlers/list.js'
import { handlePatch } from './handlers/patch.js'
import { handleUpdate } from './handlers/update.js'
import { handleWatch } from './handlers/watch.js'
import { requestScopeFrom } from './query/request-scope-from.js'
import type { UserInfo } from '../auth/user-info.js'
import type { WatchRevocation } from './authorization/request-authorization.js'

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

// Verbs each subresource serves (kube: status and scale take get, update, patch).
const SUBRESOURCE_VERBS = new Set(['get', 'update', 'patch'])

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
}

/** Resource requests: resolve the type, check the verb fits the path, hand over to the verb's handler. */
export function routeResourceRequest(
  deps: ResourceRouterDeps,
  request: { req: IncomingMessage; res: ServerResponse; url: URL; info: ResourceRequestInfo; log: Logger; asOf?: Revision; user?: UserInfo; revocation?: WatchRevocation },
): void | Promise<void> {
  const { info } = request
  const definition = deps.registry.find(info.group, info.version, info.resource)
  if (!definition) throw pathNotFound()
  if (info.subresource !== undefined) {
    if (!(subresourceNames(definition) as string[]).includes(info.subresource)) throw pathNotFound()
    if (!SUBRESOURCE_VERBS.has(info.verb)) throw methodNotAllowed()
  }
  checkVerbFitsPath(info, definition)
  const scope = requestScopeFrom(request.req, request.url.searchParams, info, definition)
  if (request.asOf !== undefined) scope.asOf = request.asOf
  if (request.user) scope.user = request.user
  return HANDLERS[info.verb]({ ...request, query: request.url.searchParams, scope, store: deps.store, hub: deps.hub, config: deps.config })
}
