import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import express, { type Express, type Router } from 'express'
import type { Logger } from 'pino'
import { badRequest, pathNotFound } from '../api/errors.js'
import { settle, then } from '../api/maybe-promise.js'
import { resourceRouteOf } from '../api/request-info.js'
import type { ResourceRegistry } from '../registry/resource-registry.js'
import type { AuditLog } from './audit/audit-log.js'
import { newAuditRecord, type AuditRecord } from './audit/audit-record.js'
import { discoveryRouter } from './discovery/discovery-router.js'
import type { ServerMetrics } from './metrics.js'
import { isCutConnection } from './middleware/body.js'
import { sendError, statusSentOn } from './middleware/error-handler.js'
import { attachContext, type RequestContext } from './pipeline/request-context.js'
import type { RequestDoor } from './pipeline/request-door.js'
import { answerClientErrors } from './client-errors.js'
import type { FairSeats } from './limits/fair-seats.js'
import { routeResourceRequest, type ResourceRouterDeps } from './resource-router.js'
import { upgradeHandler } from './websocket-upgrade.js'
import { requestDeadlineMs, startRequestDeadline } from './request-deadline.js'
import { mayBeWatch, WatchStarts } from './watch-starts.js'

/** What the server presents, and whose client certificates it asks for. */
export interface ServerTls {
  certPem: string
  keyPem: string
  /** client certificates are verified against these CAs */
  clientCaPem: string
}

export interface HttpServerDeps extends ResourceRouterDeps {
  registry: ResourceRegistry
  metrics: ServerMetrics
  log: Logger
  door: RequestDoor
  auditLog?: AuditLog | undefined
  /** seats for requests other than watches, shared fairly between users */
  fairSeats: FairSeats
  /** undefined serves plain HTTP (--insecure-http) */
  tls: ServerTls | undefined
  /** extra express routes (OpenAPI, health) mounted before the 404 fallback */
  extraRouters: Router[]
}

/** Express serves everything but resource requests: discovery, OpenAPI, health, metrics, history, the UI. */
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

/** An admitted request: a resource request goes to its verb handler, anything else to express. */
function serve(deps: HttpServerDeps, app: Express, request: { req: IncomingMessage; res: ServerResponse; ctx: RequestContext }): void | Promise<void> {
  const { req, res, ctx } = request
  const route = resourceRouteOf(ctx.info)
  if (!route) {
    attachContext(req, ctx)
    return void app(req, res)
  }
  ctx.log.debug({ verb: route.verb, resource: route.resource, namespace: route.namespace, name: route.name, user: ctx.user.name, asOf: ctx.asOf }, 'request received')
  // Watches are long-running: their own timeoutSeconds ends them, and they take no seat (their own quota).
  if (route.verb === 'watch') return routeResourceRequest(deps, { req, res, ctx, route })
  startRequestDeadline(res, requestDeadlineMs(ctx.url.searchParams, deps.config.requestTimeoutMs), ctx.log)
  return then(deps.fairSeats.acquire(ctx.user), (releaseSeat) => {
    res.once('close', releaseSeat)
    return routeResourceRequest(deps, { req, res, ctx, route })
  })
}

function admit(deps: HttpServerDeps, request: { req: IncomingMessage; log: Logger; audit: AuditRecord }): ReturnType<RequestDoor['admit']> {
  const { req } = request
  // Go's server refuses an HTTP/1.1 request without Host too; node's own refusal has no body.
  if (req.httpVersion === '1.1' && req.headers.host === undefined) throw badRequest('missing required Host header')
  return deps.door.admit(req, request)
}

/** Once answered: the request's metrics, debug line and audit event. */
function onFinished(deps: HttpServerDeps, request: { req: IncomingMessage; res: ServerResponse; ctx: Pick<RequestContext, 'log' | 'audit'>; startedNs: bigint }): void {
  const { req, res, ctx } = request
  const info = ctx.audit.info
  const verb = info?.verb ?? (req.method ?? 'GET').toLowerCase()
  const resource = info?.isResourceRequest ? `${info.apiGroup ? info.apiGroup + '/' : ''}${info.resource}` : 'nonresource'
  const seconds = Number(process.hrtime.bigint() - request.startedNs) / 1e9
  deps.metrics.requests.inc({ verb, resource, code: String(res.statusCode) })
  if (verb !== 'watch') deps.metrics.requestSeconds.observe({ verb, resource }, seconds)
  ctx.log.debug({ method: req.method, url: req.url, code: res.statusCode, ms: Math.round(seconds * 1000), userAgent: req.headers['user-agent'] }, 'request served')
  if (deps.auditLog) deps.auditLog.onResponse({ ...ctx.audit, responseStatus: statusSentOn(res) }, res.statusCode)
}

/**
 * The accept queue asked of the kernel (capped there at net.core.somaxconn). node's default is 511:
 * a thousand informers reconnecting at once overflowed it, the kernel dropped handshakes, and every
 * client caught in that (a write, too) waited for TCP to retry, 1 s then 3 s, with the event loop
 * idle. Go's listeners ask for somaxconn (net/sock_linux.go maxListenerBacklog), so kube-apiserver's
 * queue is the system's; asking for the most gets the same.
 */
export const LISTEN_BACKLOG = 65_535

/**
 * The HTTPS server (plain HTTP with --insecure-http). Every request passes the door first
 * (pipeline/request-door.ts); resource requests, the hot path, then go straight to their verb
 * handler on plain node:http (express' per-request overhead would halve write throughput, ADR
 * 0002), the rest to express. Client certificates are asked for, never required: a request
 * without one may still carry a token.
 */
export function createHttpServer(deps: HttpServerDeps): { server: Server; closeUpgradedSockets(): void } {
  const app = buildExpressApp(deps)
  const watchStarts = new WatchStarts()
  const handleNow = (req: IncomingMessage, res: ServerResponse) => {
    if (isCutConnection(req)) return void req.socket.destroy()
    const startedNs = process.hrtime.bigint()
    const requestId = randomUUID()
    const log = deps.log.child({ requestId })
    const audit = newAuditRecord(req, requestId)
    res.setHeader('Audit-Id', requestId)
    // 'finish' comes once: `on` spares the wrapper `once` would leave on every open watch.
    res.on('finish', () => onFinished(deps, { req, res, ctx: { log, audit }, startedNs }))
    settle(() => admit(deps, { req, log, audit }), (ctx) => serve(deps, app, { req, res, ctx }), (error) => sendError(res, error, log))
  }
  // Watches start a slice per turn, so a burst of them holds no write up (watch-starts.ts).
  const handle = (req: IncomingMessage, res: ServerResponse) =>
    mayBeWatch(req.url) ? watchStarts.enqueue(req, () => handleNow(req, res)) : handleNow(req, res)
  const timeoutMs = deps.config.requestReadTimeoutMs
  const options = {
    keepAliveTimeout: 65_000,
    requireHostHeader: false,
    requestTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    // node looks for requests past their timeout only this often (30 s by default)
    connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(timeoutMs / 4))),
  }
  const server = deps.tls
    ? createHttpsServer({ ...options, cert: deps.tls.certPem, key: deps.tls.keyPem, ca: deps.tls.clientCaPem, requestCert: true, rejectUnauthorized: false }, handle)
    : createServer(options, handle)
  answerClientErrors(server, deps.log)
  const upgrades = upgradeHandler({ ...deps, door: deps.door })
  // A connection being cut after an oversized body serves no upgrade either (middleware/body.ts).
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => (isCutConnection(req) ? socket.destroy() : upgrades.handle(req, socket, head)))
  return { server, closeUpgradedSockets: upgrades.closeAll }
}
