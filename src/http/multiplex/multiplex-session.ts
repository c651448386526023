import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import { ApiError, badRequest, internalError, pathNotFound } from '../../api/errors.js'
import { parseResourcePath } from '../../api/request-info.js'
import type { Watcher } from '../../watch/watcher.js'
import type { WatchSink } from '../../wire/watch-sink.js'
import { MultiplexedSocket } from '../../wire/multiplexed-socket.js'
import { startWatch, waitForWatchStart, watchRequestFrom } from '../handlers/watch.js'
import { requestScopeFrom } from '../query/request-scope-from.js'
import type { ResourceRouterDeps } from '../resource-router.js'
import type { SubscribeMessage } from '../../api/multiplex-protocol.js'
import { parseClientMessage, toWatchUrl } from './subscribe-message.js'

/** One multiplexed socket's subscriptions: each a Watcher writing through a tagging sink. */
export class MultiplexSession {
  readonly #socket: MultiplexedSocket
  readonly #watchers = new Map<string, Watcher>()
  // Subscriptions accepted but not started yet (waiting for their resourceVersion to be committed).
  // Each with a token of its own: a wait that outlives an unsubscribe must not start (or refuse)
  // a later subscription under the same id.
  readonly #pending = new Map<string, object>()

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
      if (message.type === 'unsubscribe') return this.#unsubscribe(id)
      if (this.#watchers.has(id) || this.#pending.has(id)) throw badRequest(`subscription ${JSON.stringify(id)} is already open`)
      this.#subscribe(message)
    } catch (error) {
      this.#refuse(id, error)
    }
  }

  /** parses the subscription now (a bad one is refused at once); starts it once its resourceVersion is committed */
  #subscribe(message: SubscribeMessage): void {
    const url = toWatchUrl(message)
    const info = parseResourcePath('GET', url.pathname, url.searchParams)
    const definition = info && this.deps.registry.find(info.group, info.version, info.resource)
    if (!info || !definition) throw pathNotFound()
    const scope = requestScopeFrom(this.req, url.searchParams, info, definition)
    const log = this.deps.log.child({ subscription: message.id })
    const ctx = { req: this.req, query: url.searchParams, info, scope, store: this.deps.store, hub: this.deps.hub, config: this.deps.config, log }
    const request = watchRequestFrom(ctx)
    const { id } = message
    const token = {}
    this.#pending.set(id, token)
    // As on a watch URL: a resourceVersion from the future waits a little, then 504. An
    // unsubscribe meanwhile takes the id out of #pending, and then nothing starts.
    const isStillPending = () => this.#pending.get(id) === token && this.#pending.delete(id)
    waitForWatchStart(ctx, request).then(
      () => isStillPending() && this.#start(id, startWatch.bind(null, ctx, request)),
      (error: unknown) => isStillPending() && this.#refuse(id, error),
    )
  }

  #unsubscribe(id: string): void {
    if (this.#pending.delete(id)) this.#socket.send(JSON.stringify({ id, type: 'CLOSED' }))
    else this.#watchers.get(id)?.end()
  }

  #start(id: string, startWatcher: (sink: WatchSink) => Watcher): void {
    let hasEnded = false
    const sink = this.#socket.sinkFor(id, () => {
      hasEnded = true
      this.#watchers.delete(id)
    })
    const watcher = startWatcher(sink)
    // A watch can end while starting (410 Expired): then its id is free again at once.
    if (!hasEnded) this.#watchers.set(id, watcher)
  }

  #refuse(id: string, error: unknown): void {
    const apiError = error instanceof ApiError ? error : internalError('subscription failed')
    if (!(error instanceof ApiError)) this.deps.log.error({ err: error }, 'subscription failed')
    this.#socket.send(JSON.stringify({ id, type: 'ERROR', object: apiError.toStatus() }))
    if (id && !this.#watchers.has(id) && !this.#pending.has(id)) this.#socket.send(JSON.stringify({ id, type: 'CLOSED' }))
  }
}
