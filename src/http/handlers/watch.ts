import { buildObjectFilter } from '../../registry/build-object-filter.js'
import { apiVersionOf } from '../../registry/resource-definition.js'
import { parseResourceVersion } from '../../api/resource-version.js'
import { JSON_FORMAT } from '../../watch/watch-format.js'
import type { WatchLimits, WatchRequest } from '../../watch/watch-request.js'
import type { Config } from '../../config/config.js'
import { Watcher } from '../../watch/watcher.js'
import { ChunkedSink } from '../../wire/chunked-sink.js'
import type { WatchSink } from '../../wire/watch-sink.js'
import type { HandlerContext } from '../handler-context.js'
import { parseListOptions, watchTimeoutMs } from '../query/list-options.js'
import { negotiatePresentation } from '../table/presentation.js'
import { tableWatchFormat } from '../table/table-response.js'
import { revisionToApiError } from '../../registry/to-api-error.js'
import { ApiError } from '../../api/errors.js'
import { servedWatchFormat } from '../../registry/served-watch-format.js'

/** GET …/pods/x?watch=1 watches one object: kube turns the name into a field selector. */
const withName = (fieldSelector: string | undefined, name: string | undefined) =>
  name === undefined ? fieldSelector : [fieldSelector, `metadata.name=${name.replace(/[\\,=]/g, '\\$&')}`].filter(Boolean).join(',')

/** The watch as the client asked for it: selectors, starting point, bookmarks, timeout, format. */
function watchRequestFrom(ctx: Omit<HandlerContext, 'res'>): WatchRequest {
  const options = parseListOptions(ctx.query, true)
  const { definition, namespace } = ctx.scope
  const presentation = negotiatePresentation(ctx.req.headers.accept, ctx.query)
  const revision = parseResourceVersion(options.resourceVersion)
  // No resourceVersion, "0", or a streaming list: start with the current state as ADDED events.
  const startsWithState = options.sendInitialEvents ?? (revision === undefined || revision === 0)
  const fromRevision = startsWithState ? undefined : revision || ctx.store.storage.currentRevision()
  return {
    resource: definition.storageResource,
    namespace: definition.isNamespaced && namespace ? namespace : undefined,
    kind: definition.kind,
    apiVersion: apiVersionOf(definition),
    filter: buildObjectFilter(definition, options.labelSelector, withName(options.fieldSelector, ctx.info.name)),
    format: servedWatchFormat(definition, presentation.type === 'table' ? tableWatchFormat(definition, presentation.includeObject) : JSON_FORMAT),
    fromRevision,
    ...(ctx.scope.asOf !== undefined ? { frozenAt: ctx.scope.asOf } : {}),
    sendInitialEvents: options.sendInitialEvents === true,
    allowBookmarks: options.allowWatchBookmarks,
    timeoutMs: watchTimeoutMs(options.timeoutSeconds),
  }
}

// One limits object per server configuration, shared by its open watches.
const limitsByConfig = new WeakMap<Readonly<Config>, WatchLimits>()
function watchLimitsOf(config: Readonly<Config>): WatchLimits {
  let limits = limitsByConfig.get(config)
  if (!limits) limitsByConfig.set(config, (limits = { maxQueuedFrames: config.watchQueueFrames, bookmarkIntervalMs: config.bookmarkIntervalMs, catchUpPageRows: 200 }))
  return limits
}

/** Starts one watcher writing to the given transport; the request was already parsed and validated. */
function startWatch(ctx: Omit<HandlerContext, 'res'>, request: WatchRequest, sink: WatchSink): Watcher {
  const watcher = new Watcher(request, watchLimitsOf(ctx.config), { storage: ctx.store.storage, hub: ctx.hub, sink, log: ctx.log, statusOf })
  ctx.log.debug({ resource: request.resource, fromRevision: request.fromRevision }, 'watch started')
  watcher.start()
  return watcher
}

// A watch ends with the Status of a refused revision (410 Expired once compaction passed it), as kube's does.
function statusOf(error: unknown) {
  const translated = revisionToApiError(error)
  return translated instanceof ApiError ? translated.toStatus() : undefined
}

/** A resourceVersion from the future is waited for a little, then 504, before the stream starts (kube's cacher does the same). */
async function waitForWatchStart(ctx: Omit<HandlerContext, 'res'>, request: WatchRequest): Promise<void> {
  if (request.fromRevision === undefined) return
  try {
    await ctx.store.storage.waitForRevision(request.fromRevision)
  } catch (error) {
    throw revisionToApiError(error)
  }
}

/** Starts a prepared watch on the sink of its transport. */
export type StartWatch = (sink: WatchSink) => Watcher

/**
 * Every watch, whichever way it came in: parsed and validated from its query, then started once
 * its resourceVersion is committed. The chunked stream, the WebSocket and a multiplexed
 * subscription differ only in the sink they hand to what this returns.
 */
export async function prepareWatch(ctx: Omit<HandlerContext, 'res'>): Promise<StartWatch> {
  const request = watchRequestFrom(ctx)
  const requester = ctx.scope.user
  // Refused (429) before its response or upgrade starts; counted once it runs.
  if (requester) ctx.watchQuota?.check(requester)
  await waitForWatchStart(ctx, request)
  return (sink) => {
    const watcher = startWatch(ctx, request, sink)
    if (requester && ctx.watchQuota) watcher.onEnd(ctx.watchQuota.hold(requester))
    // A role or binding change that revokes the watch ends it (checked per change of RBAC, never per event).
    if (ctx.revocation) watcher.onEnd(ctx.revocation(endOnRevoke(watcher)))
    return watcher
  }
}

// Made out here, the callback an open watch leaves behind holds its watcher alone, not the request's context.
const endOnRevoke = (watcher: Watcher) => (error: ApiError) => watcher.endWithError(error.toStatus())

export async function handleWatch(ctx: HandlerContext): Promise<void> {
  const start = await prepareWatch(ctx)
  start(new ChunkedSink(ctx.res))
}
