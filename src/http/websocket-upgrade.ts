import { MULTIPLEX_PATH } from '../api/multiplex-protocol.js'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { WebSocketServer, type WebSocket } from 'ws'
import { ApiError, methodNotAllowed, pathNotFound } from '../api/errors.js'
import { parseResourcePath } from '../api/request-info.js'
import { parseRequestTarget } from '../api/request-target.js'
import { checkHandshake } from '../wire/websocket-handshake.js'
import { WebSocketSink } from '../wire/websocket-sink.js'
import { startWatch, watchRequestFrom } from './handlers/watch.js'
import { MultiplexSession } from './multiplex/multiplex-session.js'
import { requestScopeFrom } from './query/request-scope-from.js'
import type { ResourceRouterDeps } from './resource-router.js'

/** Answers a refused upgrade with a Status over the raw socket, as an HTTP response. */
function refuse(socket: Duplex, error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', 'upgrade failed')
  const body = JSON.stringify(apiError.toStatus())
  socket.end(`HTTP/1.1 ${apiError.code} ${apiError.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

/**
 * Watch URLs with `Upgrade: websocket` are served as kube-apiserver serves them: the same query
 * parameters and events, one text message per event.
 */
export function upgradeHandler(deps: ResourceRouterDeps & { log: Logger }) {
  // The subprotocol chosen for each request, echoed back by ws during the handshake.
  const chosenProtocol = new WeakMap<IncomingMessage, string>()
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // Clients send nothing on a watch socket and small subscriptions on the multiplexed one: a
    // larger message closes the socket (1009) instead of being buffered (ws allows 100 MiB).
    maxPayload: 1024 * 1024,
    handleProtocols: (_offered, req) => chosenProtocol.get(req) ?? false,
  })
  return {
    handle: (req: IncomingMessage, socket: Duplex, head: Buffer) => handleUpgrade({ ...deps, wss, chosenProtocol }, req, socket, head),
    /** upgraded sockets leave the HTTP server's books: end them ourselves on shutdown */
    closeAll: () => {
      for (const client of wss.clients) {
        client.close(1001, 'server shutting down')
        setTimeout(() => client.terminate(), SHUTDOWN_GRACE_MS).unref()
      }
    },
  }
}

interface UpgradeDeps extends ResourceRouterDeps {
  log: Logger
  wss: WebSocketServer
  chosenProtocol: WeakMap<IncomingMessage, string>
}

const SHUTDOWN_GRACE_MS = 500


/**
 * Completes the handshake. ws reports what a client breaks afterwards (an unmasked frame, a bad
 * opcode) as an 'error' on the socket it has already closed: heard here, or it would end the process.
 */
function accept(deps: UpgradeDeps, request: { req: IncomingMessage; socket: Duplex; head: Buffer }, onOpen: (ws: WebSocket) => void): void {
  deps.wss.handleUpgrade(request.req, request.socket, request.head, (ws) => {
    ws.on('error', (error) => deps.log.debug({ err: error }, 'websocket client error'))
    onOpen(ws)
  })
}

function handleUpgrade(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  // node hands the socket over without its error listener: a client resetting it while refused must not throw.
  socket.on('error', () => socket.destroy())
  try {
    const { path, query } = parseRequestTarget(req.url ?? '/')
    if (path === MULTIPLEX_PATH) return upgradeMultiplexed(deps, req, socket, head)
    const info = parseResourcePath(req.method ?? 'GET', path, query)
    if (!info) throw pathNotFound()
    if (info.verb !== 'watch') throw methodNotAllowed()
    const definition = deps.registry.find(info.group, info.version, info.resource)
    if (!definition) throw pathNotFound()
    const handshake = checkHandshake(req)
    const scope = requestScopeFrom(req, query, info, definition)
    const ctx = { req, query, info, scope, store: deps.store, hub: deps.hub, config: deps.config, log: deps.log }
    const request = watchRequestFrom(ctx)
    if (handshake.protocol) deps.chosenProtocol.set(req, handshake.protocol)
    accept(deps, { req, socket, head }, (ws) => {
      // kube reads and discards whatever the client sends on a watch socket.
      ws.on('message', () => {})
      startWatch(ctx, request, new WebSocketSink(ws))
    })
  } catch (error) {
    refuse(socket, error)
  }
}

/** One socket, many watches (docs/multiplexed-watch.md). */
function upgradeMultiplexed(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const handshake = checkHandshake(req)
  if (handshake.protocol) deps.chosenProtocol.set(req, handshake.protocol)
  accept(deps, { req, socket, head }, (ws) => new MultiplexSession(deps, req, ws))
}
