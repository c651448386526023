import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import { ApiError, badRequest, internalError, pathNotFound } from '../../api/errors.js'
import { parseResourcePath } from '../../api/request-info.js'
import type { Watcher } from '../../watch/watcher.js'
import { MultiplexedSocket } from '../../wire/multiplexed-socket.js'
import { startWatch, watchRequestFrom } from '../handlers/watch.js'
import { requestScopeFrom } from '../query/request-scope-from.js'
import type { ResourceRouterDeps } from '../resource-router.js'
import { parseClientMessage, toWatchUrl, type SubscribeMessage } from './subscribe-message.js'

/** One multiplexed socket's subscriptions: each a Watcher writing through a tagging sink. */
export class MultiplexSession {
  readonly #socket: MultiplexedSocket
  readonly #watchers = new Map<string, Watcher>()

  constructor(
    private readonly deps: ResourceRouterDeps & { log: Logger },
    private readonly req: IncomingMessage,
    ws: WebSocket,
  ) {
    this.#socket = new MultiplexedSocket(ws)
    ws.on('message', (data) => this.#onMessage(data.toString()))
    ws.on('close', () => this.#watchers.clear())
  }

  #onMessage(text: string): void {
    let id = ''
    try {
      const message = parseClientMessage(text)
      id = message.id
      if (message.type === 'unsubscribe') return this.#watchers.get(id)?.end()
      this.#subscribe(message)
    } catch (error) {
      this.#refuse(id, error)
    }
  }

  #subscribe(message: SubscribeMessage): void {
    if (this.#watchers.has(message.id)) throw badRequest(`subscription ${JSON.stringify(message.id)} is already open`)
    const url = toWatchUrl(message)
    const info = parseResourcePath('GET', url.pathname, url.searchParams)
    const definition = info && this.deps.registry.find(info.group, info.version, info.resource)
    if (!info || !definition) throw pathNotFound()
    const scope = requestScopeFrom(this.req, url.searchParams, info, definition)
    const log = this.deps.log.child({ subscription: message.id })
    const ctx = { req: this.req, query: url.searchParams, info, scope, store: this.deps.store, hub: this.deps.hub, config: this.deps.config, log }
    const request = watchRequestFrom(ctx)
    const sink = this.#socket.sinkFor(message.id, () => this.#watchers.delete(message.id))
    this.#watchers.set(message.id, startWatch(ctx, request, sink))
  }

  #refuse(id: string, error: unknown): void {
    const apiError = error instanceof ApiError ? error : internalError('subscription failed')
    if (!(error instanceof ApiError)) this.deps.log.error({ err: error }, 'subscription failed')
    this.#socket.send(JSON.stringify({ id, type: 'ERROR', object: apiError.toStatus() }))
    if (id && !this.#watchers.has(id)) this.#socket.send(JSON.stringify({ id, type: 'CLOSED' }))
  }
}
