import { MULTIPLEX_PATH } from '../api/multiplex-protocol.js'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { WebSocketServer } from 'ws'
import { ApiError, methodNotAllowed, pathNotFound } from '../api/errors.js'
import { parseResourcePath } from '../api/request-info.js'
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


function handleUpgrade(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === MULTIPLEX_PATH) return upgradeMultiplexed(deps, req, socket, head)
    const info = parseResourcePath('GET', url.pathname, url.searchParams)
    if (!info) throw pathNotFound()
    if (info.verb !== 'watch') throw methodNotAllowed()
    const definition = deps.registry.find(info.group, info.version, info.resource)
    if (!definition) throw pathNotFound()
    const handshake = checkHandshake(req)
    const scope = requestScopeFrom(req, url.searchParams, info, definition)
    const ctx = { req, query: url.searchParams, info, scope, store: deps.store, hub: deps.hub, config: deps.config, log: deps.log }
    const request = watchRequestFrom(ctx)
    if (handshake.protocol) deps.chosenProtocol.set(req, handshake.protocol)
    deps.wss.handleUpgrade(req, socket, head, (ws) => {
      // kube reads and discards whatever the client sends on a watch socket.
      ws.on('message', () => {})
      startWatch(ctx, request, new WebSocketSink(ws, socket))
    })
  } catch (error) {
    refuse(socket, error)
  }
}

/** One socket, many watches (docs/multiplexed-watch.md). */
function upgradeMultiplexed(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const handshake = checkHandshake(req)
  if (handshake.protocol) deps.chosenProtocol.set(req, handshake.protocol)
  deps.wss.handleUpgrade(req, socket, head, (ws) => new MultiplexSession(deps, req, ws))
}
