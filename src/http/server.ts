import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import express, { type Express } from 'express'
import type { Logger } from 'pino'
import { pathNotFound } from '../api/errors.js'
import { parseResourcePath } from '../api/request-info.js'
import type { ResourceRegistry } from '../registry/resource-registry.js'
import { discoveryRouter } from './discovery/discovery-router.js'
import type { ServerMetrics } from './metrics.js'
import { sendError } from './middleware/error-handler.js'
import { routeResourceRequest, type ResourceRouterDeps } from './resource-router.js'
import type { Router } from 'express'
import { upgradeHandler } from './websocket-upgrade.js'
import { checkReadOnly, parseAsOfPath, type AsOfPath } from './as-of-view.js'
import { impersonatedUserOf } from './authorization/impersonated-user.js'
import { authorizeRequest, type RequestAuthorizationDeps } from './authorization/request-authorization.js'

export interface HttpServerDeps extends ResourceRouterDeps {
  registry: ResourceRegistry
  metrics: ServerMetrics
  log: Logger
  /** extra express routes (OpenAPI, health) mounted before the 404 fallback */
  extraRouters: Router[]
  /** RBAC, for the requests that carry a user */
  authorization: RequestAuthorizationDeps
}

/** Express serves everything but resource requests: discovery, OpenAPI, health, metrics. */
function buildExpressApp(deps: HttpServerDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.use(discoveryRouter(deps.registry))
  for (const router of deps.extraRouters) app.use(router)
  app.use((_req, _res, next) => next(pathNotFound()))
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => sendError(res, error, deps.log))
  return app
}

interface IncomingRequest {
  req: IncomingMessage
  res: ServerResponse
  log: Logger
  startedNs: bigint
  /** the URL served: inside the as-of view, the path within it */
  url: URL
  asOf?: AsOfPath | undefined
}

/** One request, once its URL is known: a resource request goes to its verb handler, anything else to express. */
function serve(deps: HttpServerDeps, app: Express, request: IncomingRequest): void {
  const { req, res, url, asOf, log } = request
  if (asOf) req.url = url.pathname + url.search
  const info = parseResourcePath(req.method ?? 'GET', url.pathname, url.searchParams)
  const verb = info?.verb ?? (req.method ?? 'GET').toLowerCase()
  const resource = info ? `${info.group ? info.group + '/' : ''}${info.resource}` : 'nonresource'
  res.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - request.startedNs) / 1e9
    deps.metrics.requests.inc({ verb, resource, code: String(res.statusCode) })
    if (verb !== 'watch') deps.metrics.requestSeconds.observe({ verb, resource }, seconds)
    log.debug({ method: req.method, url: req.url, code: res.statusCode, ms: Math.round(seconds * 1000), userAgent: req.headers['user-agent'] }, 'request served')
  })
  const user = impersonatedUserOf(req)
  let revocation
  try {
    if (user) revocation = authorizeRequest(deps.authorization, { user, method: req.method ?? 'GET', url, info, isAsOf: asOf !== undefined })
  } catch (error) {
    return sendError(res, error, log)
  }
  if (!info) return void app(req, res)
  log.debug({ verb, resource, namespace: info.namespace, name: info.name, asOf: asOf?.revision, user: user?.name }, 'request received')
  try {
    if (asOf) checkReadOnly(info)
    const judged = { ...(user ? { user } : {}), ...(revocation ? { revocation } : {}) }
    const done = routeResourceRequest(deps, { req, res, url, info, log, ...judged, ...(asOf ? { asOf: asOf.revision } : {}) })
    if (done) done.catch((error: unknown) => sendError(res, error, log))
  } catch (error) {
    sendError(res, error, log)
  }
}

/**
 * The HTTP server. Resource requests, the hot path, go straight to their verb handler on plain
 * node:http (express' per-request overhead would halve write throughput, ADR 0002); the rest to express.
 */
export function createHttpServer(deps: HttpServerDeps): { server: Server; closeUpgradedSockets(): void } {
  const app = buildExpressApp(deps)
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const startedNs = process.hrtime.bigint()
    const log = deps.log.child({ requestId: randomUUID() })
    // `watchplane serve --as-of R` is the /as-of/R view at the root.
    if (deps.config.asOf && !req.url?.startsWith('/as-of/')) req.url = `/as-of/${encodeURIComponent(deps.config.asOf)}${req.url ?? '/'}`
    const url = new URL(req.url ?? '/', 'http://localhost')
    const request = { req, res, log, startedNs }
    // Only the as-of view waits before routing (its revision, maybe a time to look up): the hot path stays synchronous.
    if (!url.pathname.startsWith('/as-of/')) return serve(deps, app, { ...request, url })
    parseAsOfPath(url.pathname, deps.store.storage).then(
      (asOf) => serve(deps, app, { ...request, url: asOf ? new URL(asOf.innerPath + url.search, 'http://localhost') : url, asOf }),
      (error: unknown) => sendError(res, error, log),
    )
  }
  const server = createServer({ keepAliveTimeout: 65_000 }, handle)
  const upgrades = upgradeHandler(deps)
  server.on('upgrade', upgrades.handle)
  return { server, closeUpgradedSockets: upgrades.closeAll }
}
