import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import { ApiError, badRequest, internalError, pathNotFound } from '../../api/errors.js'
import { parseResourcePath } from '../../api/request-info.js'
import type { Watcher } from '../../watch/watcher.js'
import type { WatchSink } from '../../wire/watch-sink.js'
import { MultiplexedSocket } from '../../wire/multiplexed-socket.js'
import { startWatch, watchRequestFrom } from '../handlers/watch.js'
import { requestScopeFrom } from '../query/request-scope-from.js'
import { waitForRevision } from '../../registry/resolve-list-revision.js'
import type { ResourceRouterDeps } from '../resource-router.js'
import type { SubscribeMessage } from '../../api/multiplex-protocol.js'
import { parseClientMessage, toWatchUrl } from './subscribe-message.js'

/** One multiplexed socket's subscriptions: each a Watcher writing through a tagging sink. */
export class MultiplexSession {
  readonly #socket: MultiplexedSocket
  readonly #watchers = new Map<string, Watcher>()
  // Subscriptions accepted but not started yet (waiting for a resourceVersion from the future).
  readonly #pending = new Set<string>()

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
      if (this.#watchers.has(id) || this.#pending.has(id)) throw badRequest(`subscription ${JSON.stringify(id)} is already open`)
      const waiting = this.#subscribe(message)
      if (!waiting) return
      this.#pending.add(id)
      waiting.catch((error: unknown) => this.#refuse(id, error)).finally(() => this.#pending.delete(id))
    } catch (error) {
      this.#refuse(id, error)
    }
  }

  /** starts the subscription now, or returns the wait for a resourceVersion from the future */
  #subscribe(message: SubscribeMessage): Promise<void> | undefined {
    const url = toWatchUrl(message)
    const info = parseResourcePath('GET', url.pathname, url.searchParams)
    const definition = info && this.deps.registry.find(info.group, info.version, info.resource)
    if (!info || !definition) throw pathNotFound()
    const scope = requestScopeFrom(this.req, url.searchParams, info, definition)
    const log = this.deps.log.child({ subscription: message.id })
    const ctx = { req: this.req, query: url.searchParams, info, scope, store: this.deps.store, hub: this.deps.hub, config: this.deps.config, log }
    const request = watchRequestFrom(ctx)
    const start = () => this.#start(message.id, startWatch.bind(null, ctx, request))
    // As on a watch URL: a resourceVersion from the future waits a little, then 504.
    const storage = this.deps.store.storage
    if (request.fromRevision !== undefined && request.fromRevision > storage.currentRevision()) {
      return waitForRevision(storage, request.fromRevision).then(start)
    }
    start()
    return undefined
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
