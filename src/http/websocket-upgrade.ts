import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import type { WebSocket, WebSocketServer } from 'ws'
import { settle } from '../api/maybe-promise.js'
import { MULTIPLEX_PATH } from '../api/multiplex-protocol.js'
import { ApiError, methodNotAllowed, pathNotFound } from '../api/errors.js'
import { resourceRouteOf } from '../api/request-info.js'
import { checkHandshake } from '../wire/websocket-handshake.js'
import { WebSocketSink } from '../wire/websocket-sink.js'
import type { AuditLog } from './audit/audit-log.js'
import { newAuditRecord } from './audit/audit-record.js'
import { prepareWatch } from './handlers/watch.js'
import { MultiplexSession, type MultiplexDeps } from './multiplex/multiplex-session.js'
import type { RequestContext } from './pipeline/request-context.js'
import { resolveResourceRequest } from './resource-router.js'

export interface UpgradeDeps extends MultiplexDeps {
  log: Logger
  auditLog?: AuditLog | undefined
}

/** Answers a refused upgrade with a Status over the raw socket, as an HTTP response. */
function refuse(socket: Duplex, apiError: ApiError): void {
  const body = JSON.stringify(apiError.toStatus())
  socket.end(`HTTP/1.1 ${apiError.code} ${apiError.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

const SHUTDOWN_GRACE_MS = 500

/** Called once the handshake is done, with the upgraded socket the watch sink writes frames to. */
type OnOpen = (ws: WebSocket, socket: Duplex) => void

/**
 * WebSocket upgrades come through the same door as every request: a watch URL is then served as
 * kube-apiserver serves it (the same query parameters and events, one text message per event),
 * and /watchplane/v1/multiplex opens a multiplexed socket whose subscriptions are watch URLs too.
 */
export function upgradeHandler(deps: UpgradeDeps) {
  // The subprotocol chosen for each request, echoed back by ws during the handshake.
  const chosenProtocol = new WeakMap<IncomingMessage, string>()
  // ws is imported at the first upgrade, not at start (issue #11: ~70 KB less to compile, and
  // zlib): most servers never see one. Meanwhile the socket holds what the client sends (node
  // stops reading a socket it hands over); its error listener is already on (handle).
  let wss: WebSocketServer | undefined
  let wssLoading: Promise<WebSocketServer> | undefined
  const webSocketServer = () => (wssLoading ??= import('ws').then(({ WebSocketServer }) => (wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // Clients send nothing on a watch socket and small subscriptions on the multiplexed one: a
    // larger message closes the socket (1009) instead of being buffered (ws allows 100 MiB).
    maxPayload: 1024 * 1024,
    handleProtocols: (_offered, req) => chosenProtocol.get(req) ?? false,
  }))))
  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string | undefined, onOpen: OnOpen) => {
    if (protocol) chosenProtocol.set(req, protocol)
    const upgrade = (server: WebSocketServer) => server.handleUpgrade(req, socket, head, (ws) => {
      // ws reports what a client breaks after the handshake (an unmasked frame, a bad opcode) as an
      // 'error' on the socket it has already closed: heard here, or it would end the process.
      ws.on('error', (error) => deps.log.debug({ err: error }, 'websocket client error'))
      onOpen(ws, socket)
    })
    if (wss) return upgrade(wss)
    webSocketServer().then(upgrade, (error: unknown) => {
      deps.log.error({ err: error }, 'upgrade failed')
      socket.destroy()
    })
  }
  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // node hands the socket over without its error listener: a client resetting it while refused must not throw.
    socket.on('error', () => socket.destroy())
    const requestId = randomUUID()
    const log = deps.log.child({ requestId })
    const audit = newAuditRecord(req, requestId)
    settle(() => deps.door.admit(req, { log, audit }), (ctx) => upgradeAdmitted(deps, { req, ctx, accept: accept.bind(null, req, socket, head) }), (error) => {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', 'upgrade failed')
      if (!(error instanceof ApiError)) log.error({ err: error }, 'upgrade failed')
      deps.auditLog?.onResponse({ ...audit, responseStatus: apiError.toStatus() }, apiError.code)
      refuse(socket, apiError)
    })
  }
  return {
    handle,
    /** upgraded sockets leave the HTTP server's books: end them ourselves on shutdown */
    closeAll: () => {
      for (const client of wss?.clients ?? []) {
        client.close(1001, 'server shutting down')
        setTimeout(() => client.terminate(), SHUTDOWN_GRACE_MS).unref()
      }
    },
  }
}

/** An admitted upgrade: the multiplexed socket, or a watch URL (anything else is no WebSocket endpoint). */
async function upgradeAdmitted(
  deps: UpgradeDeps,
  upgrade: { req: IncomingMessage; ctx: RequestContext; accept: (protocol: string | undefined, onOpen: OnOpen) => void },
): Promise<void> {
  const { req, ctx } = upgrade
  const isMultiplexed = ctx.url.pathname === MULTIPLEX_PATH
  const route = isMultiplexed ? undefined : resourceRouteOf(ctx.info)
  if (!isMultiplexed && !route) throw pathNotFound()
  if (route && route.verb !== 'watch') throw methodNotAllowed()
  const resolved = route && resolveResourceRequest(deps, { req, ctx, route })
  const { protocol } = checkHandshake(req)
  if (!resolved) return upgrade.accept(protocol, (ws) => new MultiplexSession(deps, { req, ctx }, ws))
  const start = await prepareWatch(resolved)
  upgrade.accept(protocol, (ws, socket) => {
    // kube reads and discards whatever the client sends on a watch socket.
    ws.on('message', () => {})
    start(new WebSocketSink(ws, socket))
  })
}
